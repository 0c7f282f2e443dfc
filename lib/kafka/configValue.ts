import { show } from "../config/problems";
import type { ConfigKey, ConfigType, KafkaModel, Validator } from "./model";

// One config value against one key of the model: parsed the way Kafka's
// ConfigDef.parseType parses it, then checked against the key's validator,
// and rendered as the text Kafka stores. Where the program is stricter than
// Kafka, the rule says so (STRICTER); tools/kafka-model/README.md lists every such class.

export type ConfigValue = string | number | boolean | readonly string[];

const JAVA_LIMITS: Readonly<Record<"int" | "short" | "long", readonly [bigint, bigint]>> = {
    short: [-32768n, 32767n],
    int: [-2147483648n, 2147483647n],
    long: [-9223372036854775808n, 9223372036854775807n],
};

/**
 * Checks a value for a key; undefined when Kafka would accept it. `path` is
 * the full, already-quoted key path used in messages.
 */
export function checkConfigValue(model: KafkaModel, path: string, key: ConfigKey, value: unknown): string | undefined {
    const problem = checkValue(model, path, key, value);
    const unit = UNITS.find(([suffix]) => path.endsWith(`${suffix}"`))?.[1];
    return problem !== undefined && unit !== undefined && /must be (an integer|at least|at most|-?\d+ or|between)/.test(problem) && !problem.endsWith(" limit") ? `${problem} (${unit})` : problem;
}

// Kafka's names carry their unit; messages repeat it so the fix is obvious.
const UNITS: readonly (readonly [string, string])[] = [
    [".ms", "milliseconds"],
    [".bytes", "bytes"],
    [".hours", "hours"],
    [".minutes", "minutes"],
    [".seconds", "seconds"],
];

function checkValue(model: KafkaModel, path: string, key: ConfigKey, value: unknown): string | undefined {
    switch (key.type) {
        case "int":
        case "short":
        case "long":
            return checkInteger(path, key, key.type, value);
        case "double":
            return checkDouble(path, key, value);
        case "boolean":
            return parseBoolean(value) === undefined ? mustBe(path, value, "true or false") : undefined;
        case "list":
            return checkList(path, key, value);
        case "string":
        case "class":
        case "password":
            return checkString(model, path, key, value);
    }
}

function validators(key: ConfigKey): readonly Validator[] {
    const v = key.validator;
    return v === undefined ? [] : v.kind === "all" ? v.of : [v];
}

function checkInteger(path: string, key: ConfigKey, type: "int" | "short" | "long", value: unknown): string | undefined {
    const parsed = parseInteger(value);
    if (parsed === undefined) return mustBe(path, value, "an integer");
    // STRICTER: an int or short this large is out of range anyway; a long may have been meant exactly.
    if (!parsed.exact && type === "long") {
        return `${path} is ${show(value)}, which a YAML/JSON number cannot hold exactly; write it as a quoted string`;
    }
    const [typeMin, typeMax] = JAVA_LIMITS[type];
    const n = parsed.value;
    if (n < typeMin || n > typeMax) {
        return `${path} is ${show(value)} but must be ${n < typeMin ? `at least ${typeMin}` : `at most ${typeMax}`}, the Java ${type} limit`;
    }
    for (const v of validators(key)) {
        if (v.kind !== "range" || (v.orExactly !== undefined && n === BigInt(v.orExactly))) continue;
        const below = v.min !== undefined && n < BigInt(v.min);
        const above = v.max !== undefined && n > BigInt(v.max);
        if (below || above) return mustBe(path, value, rangeText(v, below));
    }
    return undefined;
}

function checkDouble(path: string, key: ConfigKey, value: unknown): string | undefined {
    // STRICTER: Java's parseDouble also takes NaN, Infinity and hex floats; none is a sensible setting.
    const n = parseDouble(value);
    if (n === undefined) return mustBe(path, value, "a finite number");
    for (const v of validators(key)) {
        if (v.kind !== "range") continue;
        const below = v.min !== undefined && n < v.min;
        const above = v.max !== undefined && n > v.max;
        if (below || above) return mustBe(path, value, rangeText(v, below));
    }
    return undefined;
}

function rangeText(v: { min?: number; max?: number; orExactly?: number }, below: boolean): string {
    const or = v.orExactly !== undefined ? `${v.orExactly} or ` : "";
    if (v.min !== undefined && v.max !== undefined) return `${or}between ${v.min} and ${v.max}`;
    return below ? `${or}at least ${String(v.min)}` : `${or}at most ${String(v.max)}`;
}

function checkList(path: string, key: ConfigKey, value: unknown): string | undefined {
    const items = listItems(value);
    const allowed = validators(key).find((v) => v.kind === "listOf");
    const enumerated = allowed?.kind === "listOf" && allowed.values.length > 0 ? allowed.values : undefined;
    if (items === undefined) {
        return enumerated !== undefined ? enumProblem(path, enumerated, value, []) : mustBe(path, value, "a comma-separated list");
    }
    if (allowed?.kind === "listOf" && enumerated === undefined) {
        if (allowed.allowEmpty === false && items.length === 0) return mustBe(path, value, "a non-empty list");
    } else if (allowed?.kind === "listOf") {
        // STRICTER: Kafka accepts an empty list here (for cleanup.policy it silently
        // disables both deletion and compaction); that is never what a config map means.
        const bad = items.length === 0 || items.some((item) => !allowed.values.includes(item));
        if (bad) return enumProblem(path, allowed.values, value, items);
    }
    // Lists of classes (the default names one, e.g. group.consumer.assignors on 3.9) are loaded at start.
    // Kafka 4's assignor lists default to short names (uniform, range) but load any other name as a class.
    const classList = QUALIFIED_CLASS.test(key.default?.split(",")[0]?.trim() ?? "") || ASSIGNOR_LIST.test(path);
    if (classList && items.some((item) => !CLASS_NAME.test(item))) {
        return mustBe(path, value, "a list of fully qualified Java class names");
    }
    if (validators(key).some((v) => v.kind === "throttledReplicas") && !isThrottledReplicaList(items)) {
        return mustBe(path, value, `"*" or a list of partitionId:brokerId pairs such as 0:1,1:2`);
    }
    return undefined;
}

// ThrottledReplicaListValidator: the literal "*", or "p:b" pairs (an empty list is allowed).
function isThrottledReplicaList(items: readonly string[]): boolean {
    return items.join("") === "*" || items.every((item) => /^(\d+:\d+)?$/.test(item));
}

function checkString(model: KafkaModel, path: string, key: ConfigKey, value: unknown): string | undefined {
    const text = scalarText(value);
    if (text === undefined) return mustBe(path, value, "a string");
    // ConfigDef trims STRING and CLASS values but keeps passwords verbatim.
    const s = key.type === "password" ? text : text.trim();
    for (const v of validators(key)) {
        if (v.kind === "oneOf" && !v.values.includes(s)) return enumProblem(path, v.values, value, [s]);
        if (v.kind === "oneOfIgnoreCase" && !v.values.some((a) => a.toUpperCase() === s.toUpperCase())) {
            return mustBe(path, value, `one of ${v.values.join(", ")}`);
        }
        if (v.kind === "metadataVersion" && !isMetadataVersion(model, s)) {
            const versions = model.metadataVersions;
            return mustBe(path, value, `a Kafka version such as 2.8, 3.0 or 3.0-IV1 (from ${versions[0]} to ${versions[versions.length - 1]})`);
        }
        if ((v.kind === "nonEmpty" || v.kind === "nonEmptyWithoutControlChars") && s === "") return mustBe(path, value, "a non-empty string");
        // eslint-disable-next-line no-control-regex
        if (v.kind === "nonEmptyWithoutControlChars" && /[\u0000-\u001f\u007f-\u009f]/.test(s)) {
            return mustBe(path, value, "a string without control characters");
        }
    }
    // STRICTER (and not the whole story): Kafka loads the class, which only the image can answer;
    // a name that is not even a Java class name fails everywhere.
    if (key.type === "class" && !CLASS_NAME.test(s)) {
        return mustBe(path, value, "a fully qualified Java class name");
    }
    return undefined;
}

const CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
// A package-qualified class such as org.apache.kafka.Foo, to recognise lists of classes by their default.
const ASSIGNOR_LIST = /\.assignors"$/;
const QUALIFIED_CLASS = /^[a-z_$][\w$]*(\.[a-z_$][\w$]*)+\.[A-Z][\w$]*$/;

function enumProblem(path: string, allowed: readonly string[], raw: unknown, items: readonly string[]): string {
    const message = mustBe(path, raw, `one of ${allowed.join(", ")}`);
    // Kafka compares these case-sensitively, so "GZIP" fails; point at the spelling it wants.
    const fixed = items.map((item) => allowed.find((a) => a.toLowerCase() === item.toLowerCase()));
    if (items.length > 0 && fixed.every((f): f is string => f !== undefined)) {
        return `${message}; did you mean ${JSON.stringify(fixed.join(","))}?`;
    }
    return message;
}

function mustBe(path: string, value: unknown, requirement: string): string {
    return `${path} is ${show(value)} but must be ${requirement}`;
}

/**
 * MetadataVersion.fromVersionString: only the first two dotted segments count
 * (three for 0.x releases), so "2.8.1" is 2.8 and "0.10.2.1" is 0.10.2; a bare
 * release ("2.8") means its latest IV.
 */
function isMetadataVersion(model: KafkaModel, version: string): boolean {
    const segments = version.split(".");
    // Java's String.split drops trailing empty strings.
    while (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
    const significant = version.startsWith("0.") ? 3 : 2;
    const key = segments.length <= significant ? version : segments.slice(0, significant).join(".");
    return model.metadataVersions.some((v) => v === key || v.replace(/-IV\d+$/, "") === key);
}

// ---------------------------------------------------------------------------
// Parsing, following ConfigDef.parseType
// ---------------------------------------------------------------------------

/** An integer read from config; `exact` is false for JS numbers beyond 2^53. */
export interface ParsedInteger {
    readonly value: bigint;
    readonly exact: boolean;
}

/**
 * Integer from a JS number or a numeric string (Java's parseLong accepts a
 * sign and leading zeros, and ConfigDef trims first).
 */
export function parseInteger(value: unknown): ParsedInteger | undefined {
    if (typeof value === "bigint") return { value, exact: true };
    if (typeof value === "number") {
        return Number.isInteger(value) ? { value: BigInt(value), exact: Number.isSafeInteger(value) } : undefined;
    }
    if (typeof value === "string" && /^[+-]?\d+$/.test(value.trim())) {
        return { value: BigInt(value.trim()), exact: true };
    }
    return undefined;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDouble(value: unknown): number | undefined {
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (typeof value === "string" && DECIMAL.test(value.trim())) {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

export function parseBoolean(value: unknown): boolean | undefined {
    if (typeof value === "boolean") return value;
    if (typeof value !== "string") return undefined;
    const s = value.trim().toLowerCase();
    return s === "true" ? true : s === "false" ? false : undefined;
}

// ConfigDef splits lists on commas with surrounding whitespace and trims the whole value.
export function listItems(value: unknown): string[] | undefined {
    if (Array.isArray(value)) {
        const parts: unknown[] = value;
        if (!parts.every((p): p is string | number => typeof p === "string" || typeof p === "number")) return undefined;
        return parts.map((p) => String(p).trim());
    }
    if (typeof value !== "string") return undefined;
    const trimmed = value.trim();
    return trimmed === "" ? [] : trimmed.split(/\s*,\s*/);
}

function scalarText(value: unknown): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === "boolean") return String(value);
    return undefined;
}

/** Numeric value of a rendered or raw config entry; undefined when not a finite number. */
export function configNumber(value: unknown): number | undefined {
    const integer = parseInteger(value);
    return integer !== undefined ? Number(integer.value) : parseDouble(value);
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/**
 * The string Kafka stores and describeConfigs returns for a value: the
 * provider wants strings and the live cluster answers with Kafka's own
 * rendering, so anything else shows up as a perpetual diff. Doubles render
 * like Java (1 -> "1.0"), booleans lower-case, lists without blanks.
 */
export function renderConfigValue(value: ConfigValue, type: ConfigType | undefined): string {
    if (typeof value === "boolean") return String(value);
    if (typeof value === "number") return renderNumber(value, type);
    if (typeof value !== "string") return value.map((v) => v.trim()).join(",");
    const text = value;
    switch (type) {
        case "password":
            return text;
        case "boolean": {
            const b = parseBoolean(text);
            return b === undefined ? text.trim() : String(b);
        }
        case "int":
        case "short":
        case "long": {
            const n = parseInteger(text);
            return n === undefined ? text.trim() : n.value.toString();
        }
        case "double": {
            const d = parseDouble(text);
            return d === undefined ? text.trim() : javaDouble(d);
        }
        case "string":
        case "class":
            return text.trim();
        case "list":
        case undefined:
            // Unknown keys get list normalisation too: no plain config string contains commas.
            return (listItems(text) ?? []).join(",");
    }
}

function renderNumber(n: number, type: ConfigType | undefined): string {
    if (!Number.isFinite(n)) throw new RangeError(`cannot render ${n} as a Kafka config value`);
    if (type === "double") return javaDouble(n);
    return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/** Java's Double.toString: plain between 10^-3 and 10^7, else d.dddE±n; always a fraction digit. */
function javaDouble(n: number): string {
    if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
    const abs = Math.abs(n);
    if (abs >= 1e-3 && abs < 1e7) {
        const plain = String(n);
        return plain.includes(".") ? plain : `${plain}.0`;
    }
    const [mantissa = "", exponent = "0"] = n.toExponential().split("e");
    return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
