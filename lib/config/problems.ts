// Stack config arrives as loosely typed YAML. These readers turn each value into
// its type or record a problem that names the key, the value and the limit, so a
// user sees every mistake in one run instead of one per `pulumi up`.

export class ConfigProblems {
    private readonly messages: string[] = [];
    private readonly cautions: string[] = [];

    add(message: string): void {
        this.messages.push(message);
    }

    /** Legitimately allowed, but worth a line in the preview. */
    warn(message: string): void {
        this.cautions.push(message);
    }

    get list(): readonly string[] {
        return this.messages;
    }

    get warnings(): readonly string[] {
        return this.cautions;
    }

    throwIfAny(stack: string): void {
        if (this.messages.length > 0) {
            throw new ConfigValidationError(stack, this.messages);
        }
    }
}

export class ConfigValidationError extends Error {
    constructor(
        readonly stackName: string,
        readonly problems: readonly string[],
    ) {
        const noun = problems.length === 1 ? "problem" : "problems";
        super(
            `Stack "${stackName}" has ${problems.length} configuration ${noun}; nothing was created or changed:\n` +
                problems.map((problem) => `  - ${problem}`).join("\n"),
        );
        this.name = "ConfigValidationError";
    }
}

/** Renders a user's value the way they would have written it, for messages. */
export function show(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    if (value === undefined) return "missing";
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

export interface IntegerLimits {
    readonly min?: number;
    readonly max?: number;
    /** Extra words after the limit, e.g. a unit or a hint. */
    readonly hint?: string;
}

/**
 * Pulumi hands top-level config values to programs as strings, while values
 * nested in objects keep their YAML types, so both `3` and `"3"` are accepted.
 */
export function readInteger(problems: ConfigProblems, key: string, value: unknown, limits: IntegerLimits): number | undefined {
    const parsed = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
    const hint = limits.hint ? ` ${limits.hint}` : "";
    if (typeof parsed !== "number" || !Number.isSafeInteger(parsed)) {
        problems.add(`${key} is ${show(value)} but must be a whole number${describeRange(limits)}${hint}`);
        return undefined;
    }
    if (limits.min !== undefined && parsed < limits.min) {
        problems.add(`${key} is ${parsed} but must be at least ${limits.min}${hint}`);
        return undefined;
    }
    if (limits.max !== undefined && parsed > limits.max) {
        problems.add(`${key} is ${parsed} but must be at most ${limits.max}${hint}`);
        return undefined;
    }
    return parsed;
}

function describeRange(limits: IntegerLimits): string {
    if (limits.min !== undefined && limits.max !== undefined) {
        return ` between ${limits.min} and ${limits.max}`;
    }
    if (limits.min !== undefined) {
        return ` of at least ${limits.min}`;
    }
    return limits.max !== undefined ? ` of at most ${limits.max}` : "";
}

export function readBoolean(problems: ConfigProblems, key: string, value: unknown): boolean | undefined {
    if (typeof value === "boolean") {
        return value;
    }
    if (value === "true" || value === "false") {
        return value === "true";
    }
    problems.add(`${key} is ${show(value)} but must be true or false`);
    return undefined;
}

export function readString(problems: ConfigProblems, key: string, value: unknown): string | undefined {
    if (typeof value !== "string" || value.trim() === "") {
        problems.add(`${key} is ${show(value)} but must be a non-empty string`);
        return undefined;
    }
    return value.trim();
}

export function readChoice<T extends string>(problems: ConfigProblems, key: string, value: unknown, choices: readonly T[]): T | undefined {
    if (typeof value === "string" && (choices as readonly string[]).includes(value)) {
        return value as T;
    }
    problems.add(`${key} is ${show(value)} but must be one of ${choices.join(", ")}`);
    return undefined;
}

/** A YAML map; Pulumi passes nested config as JSON text when read with `get`. */
export function readObject(problems: ConfigProblems, key: string, value: unknown): Record<string, unknown> | undefined {
    let parsed = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value);
        } catch {
            parsed = value;
        }
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        problems.add(`${key} is ${show(value)} but must be a map of keys to values`);
        return undefined;
    }
    return parsed as Record<string, unknown>;
}

/**
 * Closest candidate by edit distance, if it is close enough to be a typo
 * rather than a different setting.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
    const needle = name.trim().toLowerCase();
    const budget = Math.max(2, Math.floor(needle.length / 5));
    let best: { name: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(needle, candidate.toLowerCase(), budget);
        if (distance <= budget && (best === undefined || distance < best.distance)) {
            best = { name: candidate, distance };
        }
    }
    return best?.name;
}

/** Levenshtein distance; gives up (returns budget + 1) once every path exceeds the budget. */
function editDistance(a: string, b: string, budget: number): number {
    if (Math.abs(a.length - b.length) > budget) return budget + 1;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
            current.push(value);
            rowMin = Math.min(rowMin, value);
        }
        if (rowMin > budget) return budget + 1;
        previous = current;
    }
    return previous[b.length] ?? budget + 1;
}
