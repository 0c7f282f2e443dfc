// The soak's summary: one row per fault scenario over every run recorded in the
// runs file (one JSON object a line, as e2e/support/faults.ts appends them).

export interface RunLine {
    readonly scenario: string;
    readonly missing: number;
    readonly longestAckGapSeconds: number;
    readonly recoverySeconds: number;
}

export interface SoakRow {
    readonly scenario: string;
    readonly runs: number;
    readonly missing: number;
    readonly maxUnavailabilitySeconds: number;
    readonly p50RecoverySeconds: number;
    readonly maxRecoverySeconds: number;
}

export function parseRunLines(text: string): RunLine[] {
    return text
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line) as RunLine)
        // JSON has no NaN: a run that never recovered was written with null.
        .map((line) => ({ ...line, recoverySeconds: line.recoverySeconds ?? Number.NaN }));
}

/** The lower median: a figure some run really measured. */
function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

export function soakRows(lines: readonly RunLine[]): SoakRow[] {
    const byScenario = new Map<string, RunLine[]>();
    for (const line of lines) {
        byScenario.set(line.scenario, [...(byScenario.get(line.scenario) ?? []), line]);
    }
    return [...byScenario].map(([scenario, runs]) => {
        const recoveries = runs.map((run) => run.recoverySeconds);
        return {
            scenario,
            runs: runs.length,
            missing: runs.reduce((sum, run) => sum + run.missing, 0),
            maxUnavailabilitySeconds: Math.max(...runs.map((run) => run.longestAckGapSeconds)),
            p50RecoverySeconds: median(recoveries.filter((value) => !Number.isNaN(value))),
            // A run that never recovered shows as such, not as a fast run.
            maxRecoverySeconds: recoveries.some(Number.isNaN) ? Number.NaN : Math.max(...recoveries),
        };
    });
}

/** A Markdown table, ready for the README and the notes. */
export function renderSoakTable(rows: readonly SoakRow[]): string {
    const show = (value: number) => (value === null || Number.isNaN(value) ? "never" : `${value} s`);
    return [
        "| scenario | runs | missing (sum) | max unavailability | p50 / max recovery |",
        "|---|---|---|---|---|",
        ...rows.map((row) => `| ${row.scenario} | ${row.runs} | ${row.missing} | ${show(row.maxUnavailabilitySeconds)} | ${show(row.p50RecoverySeconds)} / ${show(row.maxRecoverySeconds)} |`),
    ].join("\n");
}
