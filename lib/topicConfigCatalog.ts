/**
 * Kafka 3.9 topic-level configuration: names, types, limits, and the checks
 * that let the program reject a bad topic config before any resource exists.
 *
 * Source of truth: the 3.9 documentation tables generated from LogConfig's
 * ConfigDef (apache/kafka-site, 39/generated/topic_config.html at commit
 * 7d6fd28ab18139ad8740544ad31f72bc69aaf897). Every type, range and enumeration
 * below mirrors a "Type" / "Valid Values" cell of that table; anything
 * stricter than Kafka is called out where it is defined.
 *
 * Pure on purpose: it runs in unit tests and during config validation, long
 * before Pulumi or a cluster is involved.
 */

import { closest, show } from "./problems";

export type ConfigType =
    | "int"
    | "short"
    | "long"
    | "double"
    | "boolean"
    | "string"
    | "list"
    | "class"
    | "password";

/** Shape and limits of one config value; shared with the broker catalogue. */
export interface ConfigSpec {
    readonly type: ConfigType;
    /** Inclusive lower bound, as Kafka's Range validator enforces it. */
    readonly min?: number;
    /** Inclusive upper bound. */
    readonly max?: number;
    /** One value allowed outside [min, max], e.g. gzip's "-1 = codec default". */
    readonly orExactly?: number;
    /** Allowed values (case-sensitive, like Kafka's ValidString / ValidList). */
    readonly oneOf?: readonly string[];
    /** Validators that are not plain ranges or enumerations. */
    readonly format?: "metadataVersion" | "throttledReplicas" | "nonEmpty";
    /** Unit or meaning, appended to messages so the fix is obvious. */
    readonly hint?: string;
}

export interface TopicConfigSpec extends ConfigSpec {
    readonly type: "int" | "long" | "double" | "boolean" | "string" | "list";
    /** One line in our own words. */
    readonly doc: string;
    /** Broker property that supplies the default ("Server Default Property"). */
    readonly brokerDefault?: string;
    /** Deprecated in 3.x and removed in 4.0: still accepted, best avoided. */
    readonly deprecated?: true;
}

export type TopicConfigValue = string | number | boolean | readonly string[];

const MS = "milliseconds";

/**
 * Every topic-level config of Kafka 3.9, in the order of the generated table.
 * Frozen so that callers cannot widen what the checks accept.
 */
export const TOPIC_CONFIG_KEYS: Readonly<Record<string, TopicConfigSpec>> = Object.freeze({
    "cleanup.policy": {
        type: "list",
        oneOf: ["delete", "compact"],
        hint: "comma-separated for both",
        brokerDefault: "log.cleanup.policy",
        doc: "What happens to old segments: delete them, compact them by key, or both.",
    },
    "compression.gzip.level": {
        type: "int",
        min: 1,
        max: 9,
        orExactly: -1,
        hint: "-1 for the codec default",
        brokerDefault: "compression.gzip.level",
        doc: "gzip level used when compression.type is gzip.",
    },
    "compression.lz4.level": {
        type: "int",
        min: 1,
        max: 17,
        brokerDefault: "compression.lz4.level",
        doc: "lz4 level used when compression.type is lz4.",
    },
    "compression.type": {
        type: "string",
        oneOf: ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"],
        brokerDefault: "compression.type",
        doc: "Codec the broker stores batches with; producer keeps whatever the producer sent.",
    },
    "compression.zstd.level": {
        type: "int",
        min: -131072,
        max: 22,
        brokerDefault: "compression.zstd.level",
        doc: "zstd level used when compression.type is zstd.",
    },
    "delete.retention.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.cleaner.delete.retention.ms",
        doc: "How long tombstones survive on compacted topics.",
    },
    "file.delete.delay.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.segment.delete.delay.ms",
        doc: "Delay before a deleted segment file is removed from disk.",
    },
    "flush.messages": {
        type: "long",
        min: 1,
        hint: "messages",
        brokerDefault: "log.flush.interval.messages",
        doc: "Force an fsync after this many messages; normally left to replication.",
    },
    "flush.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.flush.interval.ms",
        doc: "Force an fsync after this much time; normally left to replication.",
    },
    "follower.replication.throttled.replicas": {
        type: "list",
        format: "throttledReplicas",
        doc: "Replicas throttled on the follower side during reassignment.",
    },
    "index.interval.bytes": {
        type: "int",
        min: 0,
        hint: "bytes",
        brokerDefault: "log.index.interval.bytes",
        doc: "Bytes between offset-index entries.",
    },
    "leader.replication.throttled.replicas": {
        type: "list",
        format: "throttledReplicas",
        doc: "Replicas throttled on the leader side during reassignment.",
    },
    "local.retention.bytes": {
        type: "long",
        min: -2,
        hint: "bytes per partition, -2 to use retention.bytes",
        brokerDefault: "log.local.retention.bytes",
        doc: "Tiered storage: local bytes kept before segments are only remote.",
    },
    "local.retention.ms": {
        type: "long",
        min: -2,
        hint: "milliseconds, -2 to use retention.ms",
        brokerDefault: "log.local.retention.ms",
        doc: "Tiered storage: local time kept before segments are only remote.",
    },
    "max.compaction.lag.ms": {
        type: "long",
        min: 1,
        hint: MS,
        brokerDefault: "log.cleaner.max.compaction.lag.ms",
        doc: "Longest a record can stay uncompacted.",
    },
    "max.message.bytes": {
        type: "int",
        min: 0,
        hint: "bytes",
        brokerDefault: "message.max.bytes",
        doc: "Largest record batch the topic accepts, after compression.",
    },
    "message.format.version": {
        type: "string",
        format: "metadataVersion",
        brokerDefault: "log.message.format.version",
        deprecated: true,
        doc: "Legacy on-disk format; ignored once inter.broker.protocol.version is 3.0 or later.",
    },
    "message.timestamp.after.max.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.message.timestamp.after.max.ms",
        doc: "How far in the future a CreateTime timestamp may be.",
    },
    "message.timestamp.before.max.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.message.timestamp.before.max.ms",
        doc: "How far in the past a CreateTime timestamp may be.",
    },
    "message.timestamp.difference.max.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.message.timestamp.difference.max.ms",
        deprecated: true,
        doc: "Old symmetric timestamp bound; prefer the before/after pair.",
    },
    "message.timestamp.type": {
        type: "string",
        oneOf: ["CreateTime", "LogAppendTime"],
        brokerDefault: "log.message.timestamp.type",
        doc: "Whether record timestamps come from the producer or the broker.",
    },
    "min.cleanable.dirty.ratio": {
        type: "double",
        min: 0,
        max: 1,
        brokerDefault: "log.cleaner.min.cleanable.ratio",
        doc: "Share of uncompacted log that triggers the cleaner.",
    },
    "min.compaction.lag.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.cleaner.min.compaction.lag.ms",
        doc: "Shortest a record stays uncompacted.",
    },
    "min.insync.replicas": {
        type: "int",
        min: 1,
        hint: "replicas",
        brokerDefault: "min.insync.replicas",
        doc: "Replicas that must acknowledge an acks=all write.",
    },
    preallocate: {
        type: "boolean",
        brokerDefault: "log.preallocate",
        doc: "Preallocate segment files on disk when they are created.",
    },
    "remote.log.copy.disable": {
        type: "boolean",
        doc: "Tiered storage: stop uploading and make remote data read-only.",
    },
    "remote.log.delete.on.disable": {
        type: "boolean",
        doc: "Tiered storage: delete remote data when remote storage is turned off.",
    },
    "remote.storage.enable": {
        type: "boolean",
        doc: "Tiered storage: offload old segments to remote storage.",
    },
    "retention.bytes": {
        type: "long",
        hint: "bytes per partition, -1 for unlimited",
        brokerDefault: "log.retention.bytes",
        doc: "Size a partition may grow to before old segments are deleted.",
    },
    "retention.ms": {
        type: "long",
        min: -1,
        hint: "milliseconds, -1 for unlimited",
        brokerDefault: "log.retention.ms",
        doc: "Age after which segments are deleted.",
    },
    "segment.bytes": {
        type: "int",
        // LegacyRecord.RECORD_OVERHEAD_V0: the smallest segment that can hold a record.
        min: 14,
        hint: "bytes",
        brokerDefault: "log.segment.bytes",
        doc: "Size at which a new segment file is rolled.",
    },
    "segment.index.bytes": {
        type: "int",
        min: 4,
        hint: "bytes",
        brokerDefault: "log.index.size.max.bytes",
        doc: "Size of the preallocated offset index per segment.",
    },
    "segment.jitter.ms": {
        type: "long",
        min: 0,
        hint: MS,
        brokerDefault: "log.roll.jitter.ms",
        doc: "Random jitter on segment rolls, to avoid all topics rolling at once.",
    },
    "segment.ms": {
        type: "long",
        min: 1,
        hint: MS,
        brokerDefault: "log.roll.ms",
        doc: "Age at which a segment is rolled even if not full.",
    },
    "unclean.leader.election.enable": {
        type: "boolean",
        brokerDefault: "unclean.leader.election.enable",
        doc: "Allow an out-of-sync replica to become leader, at the cost of data loss.",
    },
    "message.downconversion.enable": {
        type: "boolean",
        brokerDefault: "log.message.downconversion.enable",
        deprecated: true,
        doc: "Convert batches down for old consumers instead of failing their fetches.",
    },
});

/** Sorted topic config names, for listings and error hints. */
export const TOPIC_CONFIG_NAMES: readonly string[] = Object.freeze(Object.keys(TOPIC_CONFIG_KEYS).sort());

export const TOPIC_CONFIG_DOCS_URL = "https://kafka.apache.org/39/documentation/#topicconfigs";

/** Own-property lookup, so names like "constructor" are never mistaken for configs. */
export function topicConfigSpec(key: string): TopicConfigSpec | undefined {
    return Object.hasOwn(TOPIC_CONFIG_KEYS, key) ? TOPIC_CONFIG_KEYS[key] : undefined;
}

// Broker-wide names users often paste into a topic's config by mistake.
const TOPIC_KEY_BY_BROKER_DEFAULT: ReadonlyMap<string, string> = new Map(
    Object.entries(TOPIC_CONFIG_KEYS).flatMap(([key, spec]): [string, string][] =>
        spec.brokerDefault !== undefined && spec.brokerDefault !== key ? [[spec.brokerDefault, key]] : [],
    ),
);

/**
 * Checks one entry of `topics.<name>.config`. Returns undefined when Kafka 3.9
 * would accept it, otherwise a message naming the key path, the value and the
 * limit. `topicPath` is the topic's own path, e.g. "topics.orders".
 */
export function checkTopicConfig(topicPath: string, key: string, value: unknown): string | undefined {
    const path = `${topicPath}.config.${JSON.stringify(key)}`;
    const spec = topicConfigSpec(key);
    if (spec === undefined) {
        return `${path} is not a Kafka 3.9 topic config; ${unknownTopicKeyAdvice(key)}`;
    }
    return checkConfigValue(path, spec, value);
}

function unknownTopicKeyAdvice(key: string): string {
    const topicKey = TOPIC_KEY_BY_BROKER_DEFAULT.get(key.trim());
    if (topicKey !== undefined) {
        return `did you mean ${JSON.stringify(topicKey)}? (${JSON.stringify(key.trim())} is its broker-wide default)`;
    }
    const suggestion = closest(key, TOPIC_CONFIG_NAMES);
    return suggestion !== undefined
        ? `did you mean ${JSON.stringify(suggestion)}?`
        : `see ${TOPIC_CONFIG_DOCS_URL} for the valid names`;
}

/**
 * Cross-key rules that Kafka 3.9's LogConfig applies when a topic is created
 * or altered. Only keys present in `config` are compared: broker defaults are
 * not known here, so a rule involving an absent key is skipped.
 */
export function checkTopicConfigCombination(topicPath: string, config: Readonly<Record<string, unknown>>): string[] {
    const path = (key: string): string => `${topicPath}.config.${JSON.stringify(key)}`;
    const num = (key: string): bigint | undefined =>
        Object.hasOwn(config, key) ? parseInteger(config[key])?.value : undefined;
    const problems: string[] = [];

    const minLag = num("min.compaction.lag.ms");
    const maxLag = num("max.compaction.lag.ms");
    if (minLag !== undefined && maxLag !== undefined && minLag > maxLag) {
        problems.push(
            `${path("min.compaction.lag.ms")} is ${minLag} but must be at most max.compaction.lag.ms (${maxLag})`,
        );
    }

    if (!isRemoteStorageEnabled(config["remote.storage.enable"])) return problems;

    const policy = Object.hasOwn(config, "cleanup.policy") ? listItems(config["cleanup.policy"]) : undefined;
    if (policy?.includes("compact") === true) {
        problems.push(
            `${path("cleanup.policy")} is ${show(config["cleanup.policy"])} but remote.storage.enable=true ` +
                `only works with cleanup.policy=delete`,
        );
    }
    problems.push(
        ...localRetentionProblems(path("local.retention.ms"), num("local.retention.ms"), num("retention.ms"), "retention.ms", -1n),
        ...localRetentionProblems(
            path("local.retention.bytes"),
            num("local.retention.bytes"),
            num("retention.bytes"),
            "retention.bytes",
            undefined,
        ),
    );
    return problems;
}

function isRemoteStorageEnabled(value: unknown): boolean {
    return parseBoolean(value) === true;
}

// Mirrors validateRemoteStorageRetentionTime/Size: local retention may not outlive total retention.
function localRetentionProblems(
    path: string,
    local: bigint | undefined,
    total: bigint | undefined,
    totalKey: string,
    unlimitedTotal: bigint | undefined,
): string[] {
    if (local === undefined || total === undefined || local === -2n) return [];
    const totalIsUnlimited = unlimitedTotal !== undefined ? total === unlimitedTotal : total < 0n;
    if (totalIsUnlimited) return [];
    if (local === -1n) return [`${path} is -1 but must be a limit because ${totalKey} is ${total}`];
    if (local > total) return [`${path} is ${local} but must be at most ${totalKey} (${total})`];
    return [];
}

// ---------------------------------------------------------------------------
// Value checks shared with the broker catalogue
// ---------------------------------------------------------------------------

const JAVA_LIMITS: Readonly<Record<"int" | "short" | "long", readonly [bigint, bigint]>> = {
    short: [-32768n, 32767n],
    int: [-2147483648n, 2147483647n],
    long: [-9223372036854775808n, 9223372036854775807n],
};

/**
 * Checks a value against a spec, the way Kafka's ConfigDef would parse and
 * validate it. `path` is the full, already-quoted key path used in messages.
 */
export function checkConfigValue(path: string, spec: ConfigSpec, value: unknown): string | undefined {
    switch (spec.type) {
        case "int":
        case "short":
        case "long":
            return checkInteger(path, spec, spec.type, value);
        case "double":
            return checkDouble(path, spec, value);
        case "boolean":
            return parseBoolean(value) === undefined ? mustBe(path, value, "true or false", spec.hint) : undefined;
        case "list":
            return checkList(path, spec, value);
        case "string":
        case "class":
        case "password":
            return checkString(path, spec, value);
    }
}

function checkInteger(path: string, spec: ConfigSpec, type: "int" | "short" | "long", value: unknown): string | undefined {
    const parsed = parseInteger(value);
    if (parsed === undefined) return mustBe(path, value, "an integer", spec.hint);
    // An int or short this large is out of range anyway; a long may have been meant exactly.
    if (!parsed.exact && type === "long") {
        return `${path} is ${show(value)}, which a YAML/JSON number cannot hold exactly; write it as a quoted string`;
    }
    return checkIntegerRange(path, spec, type, parsed.value, value);
}

function checkIntegerRange(
    path: string,
    spec: ConfigSpec,
    type: "int" | "short" | "long",
    n: bigint,
    raw: unknown,
): string | undefined {
    const [typeMin, typeMax] = JAVA_LIMITS[type];
    if (n < typeMin || n > typeMax) {
        const limit = n < typeMin ? `at least ${typeMin}` : `at most ${typeMax}`;
        return `${path} is ${show(raw)} but must be ${limit}, the Java ${type} limit`;
    }
    if (spec.orExactly !== undefined && n === BigInt(spec.orExactly)) return undefined;
    const below = spec.min !== undefined && n < BigInt(spec.min);
    const above = spec.max !== undefined && n > BigInt(spec.max);
    return below || above ? mustBe(path, raw, rangeText(spec, below), spec.hint) : undefined;
}

function checkDouble(path: string, spec: ConfigSpec, value: unknown): string | undefined {
    const n = parseDouble(value);
    if (n === undefined) return mustBe(path, value, "a finite number", spec.hint);
    const below = spec.min !== undefined && n < spec.min;
    const above = spec.max !== undefined && n > spec.max;
    return below || above ? mustBe(path, value, rangeText(spec, below), spec.hint) : undefined;
}

function rangeText(spec: ConfigSpec, below: boolean): string {
    const { min, max, orExactly } = spec;
    if (min !== undefined && max !== undefined) {
        const between = `between ${min} and ${max}`;
        return orExactly !== undefined ? `${orExactly} or ${between}` : between;
    }
    return below ? `at least ${String(min)}` : `at most ${String(max)}`;
}

function checkList(path: string, spec: ConfigSpec, value: unknown): string | undefined {
    const items = listItems(value);
    if (items === undefined) {
        return spec.oneOf !== undefined
            ? enumProblem(path, spec, spec.oneOf, value, [])
            : mustBe(path, value, "a comma-separated list", spec.hint);
    }
    if (spec.oneOf !== undefined) {
        // Kafka 3.9 accepts an empty list here, which silently disables both
        // deletion and compaction; that is never what a config map means.
        const bad = items.length === 0 || items.some((item) => !spec.oneOf?.includes(item));
        return bad ? enumProblem(path, spec, spec.oneOf, value, items) : undefined;
    }
    if (spec.format === "throttledReplicas" && !isThrottledReplicaList(items)) {
        return mustBe(path, value, `"*" or a list of partitionId:brokerId pairs such as 0:1,1:2`, spec.hint);
    }
    return undefined;
}

// ThrottledReplicaListValidator: the literal "*", or "p:b" pairs (an empty list is allowed).
function isThrottledReplicaList(items: readonly string[]): boolean {
    return items.join("") === "*" || items.every((item) => /^(\d+:\d+)?$/.test(item));
}

function checkString(path: string, spec: ConfigSpec, value: unknown): string | undefined {
    const text = scalarText(value);
    if (text === undefined) return mustBe(path, value, "a string", spec.hint);
    // ConfigDef trims STRING and CLASS values but keeps passwords verbatim.
    const s = spec.type === "password" ? text : text.trim();
    if (spec.oneOf !== undefined && !spec.oneOf.includes(s)) {
        return enumProblem(path, spec, spec.oneOf, value, [s]);
    }
    if (spec.format === "metadataVersion" && !isMetadataVersion(s)) {
        return mustBe(
            path,
            value,
            `a Kafka version such as 2.8, 3.0 or 3.0-IV1 (from ${METADATA_VERSIONS[0]} to ` +
                `${METADATA_VERSIONS[METADATA_VERSIONS.length - 1]})`,
            spec.hint,
        );
    }
    if (spec.format === "nonEmpty" && s === "") return mustBe(path, value, "a non-empty string", spec.hint);
    if (spec.type === "class" && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(s)) {
        return mustBe(path, value, "a fully qualified Java class name", spec.hint);
    }
    return undefined;
}

function enumProblem(
    path: string,
    spec: ConfigSpec,
    allowed: readonly string[],
    raw: unknown,
    items: readonly string[],
): string {
    const message = mustBe(path, raw, `one of ${allowed.join(", ")}`, spec.hint);
    // Kafka compares these case-sensitively, so "GZIP" fails; point at the spelling it wants.
    const fixed = items.map((item) => allowed.find((a) => a.toLowerCase() === item.toLowerCase()));
    if (items.length > 0 && fixed.every((f): f is string => f !== undefined)) {
        return `${message}; did you mean ${JSON.stringify(fixed.join(","))}?`;
    }
    return message;
}

function mustBe(path: string, value: unknown, requirement: string, hint: string | undefined): string {
    return `${path} is ${show(value)} but must be ${requirement}${hint !== undefined ? ` (${hint})` : ""}`;
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
 * sign and leading zeros, and ConfigDef trims first). A JS number beyond 2^53
 * is marked inexact: the digits the user wrote are already lost.
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

function parseDouble(value: unknown): number | undefined {
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (typeof value === "string" && DECIMAL.test(value.trim())) {
        const n = Number(value.trim());
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

function parseBoolean(value: unknown): boolean | undefined {
    if (typeof value === "boolean") return value;
    if (typeof value !== "string") return undefined;
    const s = value.trim().toLowerCase();
    return s === "true" ? true : s === "false" ? false : undefined;
}

// ConfigDef splits lists on commas with surrounding whitespace and trims the whole value.
function listItems(value: unknown): string[] | undefined {
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

/**
 * Numeric value of a config entry (number or numeric string), for rules that
 * compare it with other settings, e.g. min.insync.replicas against the
 * replication factor. Undefined when the value is not a finite number.
 */
export function topicConfigNumber(value: unknown): number | undefined {
    const integer = parseInteger(value);
    return integer !== undefined ? Number(integer.value) : parseDouble(value);
}

// ---------------------------------------------------------------------------
// MetadataVersion, for message.format.version and inter.broker.protocol.version
// ---------------------------------------------------------------------------

/** Valid values listed by the 3.9 docs for message.format.version. */
export const METADATA_VERSIONS: readonly string[] = Object.freeze([
    "0.8.0", "0.8.1", "0.8.2", "0.9.0",
    "0.10.0-IV0", "0.10.0-IV1", "0.10.1-IV0", "0.10.1-IV1", "0.10.1-IV2", "0.10.2-IV0",
    "0.11.0-IV0", "0.11.0-IV1", "0.11.0-IV2", "1.0-IV0", "1.1-IV0", "2.0-IV0", "2.0-IV1",
    "2.1-IV0", "2.1-IV1", "2.1-IV2", "2.2-IV0", "2.2-IV1", "2.3-IV0", "2.3-IV1",
    "2.4-IV0", "2.4-IV1", "2.5-IV0", "2.6-IV0", "2.7-IV0", "2.7-IV1", "2.7-IV2",
    "2.8-IV0", "2.8-IV1", "3.0-IV0", "3.0-IV1", "3.1-IV0", "3.2-IV0",
    "3.3-IV0", "3.3-IV1", "3.3-IV2", "3.3-IV3", "3.4-IV0", "3.5-IV0", "3.5-IV1", "3.5-IV2",
    "3.6-IV0", "3.6-IV1", "3.6-IV2", "3.7-IV0", "3.7-IV1", "3.7-IV2", "3.7-IV3", "3.7-IV4",
    "3.8-IV0", "3.9-IV0", "4.0-IV0", "4.0-IV1",
]);

// Full versions plus bare releases ("2.8" means the latest 2.8 IV), as MetadataVersion keys them.
const METADATA_VERSION_KEYS: ReadonlySet<string> = new Set([
    ...METADATA_VERSIONS,
    ...METADATA_VERSIONS.map((v) => v.replace(/-IV\d+$/, "")),
]);

/**
 * MetadataVersion.fromVersionString: only the first two dotted segments count
 * (three for 0.x releases), so "2.8.1" is 2.8 and "0.10.2.1" is 0.10.2.
 */
export function isMetadataVersion(version: string): boolean {
    const segments = version.split(".");
    // Java's String.split drops trailing empty strings.
    while (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
    const significant = version.startsWith("0.") ? 3 : 2;
    const key = segments.length <= significant ? version : segments.slice(0, significant).join(".");
    return METADATA_VERSION_KEYS.has(key);
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/**
 * The string Kafka stores and describeConfigs returns for a value: the
 * provider wants strings and the live cluster answers with Kafka's own
 * rendering, so anything else shows up as a perpetual diff. Pass the key when
 * known: doubles then render like Java (1 -> "1.0") and booleans lower-case.
 */
export function renderTopicConfigValue(value: TopicConfigValue, key?: string): string {
    const spec = key === undefined ? undefined : topicConfigSpec(key);
    return renderConfigValue(value, spec);
}

/** Canonical rendering for a value of the given spec (shared with the broker side). */
export function renderConfigValue(value: TopicConfigValue, spec: ConfigSpec | undefined): string {
    if (typeof value === "boolean") return String(value);
    if (typeof value === "number") return renderNumber(value, spec?.type);
    if (typeof value !== "string") return value.map((v) => v.trim()).join(",");
    const text = value;
    switch (spec?.type) {
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
            // Unknown keys get list normalisation too: no plain topic string contains commas.
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
