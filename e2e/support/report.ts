import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { RESULTS_DIR } from "./paths";

// Figures and progress lines go straight to stderr: under --runInBand jest passes
// it through undecorated, so the CI log reads like a report. A copy lands in
// e2e/.results/ for the notes that quote the figures.

const LOG_FILE = path.join(RESULTS_DIR, "e2e.log");
const FIGURES_FILE = path.join(RESULTS_DIR, "figures.json");

export function report(line: string): void {
    const text = `[e2e ${new Date().toISOString().slice(11, 19)}] ${line}\n`;
    process.stderr.write(text);
    mkdirSync(RESULTS_DIR, { recursive: true });
    appendFileSync(LOG_FILE, text);
}

export type Figure = number | string | boolean | Record<string, unknown>;

/** Merges one figure into figures.json, so every test file adds to the same record. */
export function recordFigure(name: string, value: Figure): void {
    mkdirSync(RESULTS_DIR, { recursive: true });
    let figures: Record<string, Figure> = {};
    try {
        figures = JSON.parse(readFileSync(FIGURES_FILE, "utf8")) as Record<string, Figure>;
    } catch {
        // First figure of the run, or a file cut short by an interrupted run.
    }
    figures[name] = value;
    writeFileSync(FIGURES_FILE, `${JSON.stringify(figures, null, 2)}\n`);
    report(`figure ${name} = ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
}

/** Runs `work` and returns its result with the wall-clock seconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
    const started = process.hrtime.bigint();
    const result = await work();
    return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export function seconds(value: number): number {
    return Math.round(value * 10) / 10;
}
