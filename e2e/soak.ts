// `npm run soak [-- N [jest args]]`: the fault matrix (e2e/faults.e2e.test.ts) N
// times in a row (default 5), then one table over every run. Jest args after N
// pick scenarios, e.g. -t '^(?!.*Docker daemon)' on an engine others share. Outside CI: it takes about
// 15 to 20 minutes a run on a 2-core machine. Bounded: no run starts once
// KC_SOAK_MAX_MINUTES (default 360) have passed, and a run still going at that
// limit is stopped, so the soak always ends by itself.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./support/paths";
import { parseRunLines, renderSoakTable, soakRows } from "./support/soakTable";

const runs = Number(process.argv[2] ?? process.env.KC_SOAK_RUNS ?? 5);
const maxMinutes = Number(process.env.KC_SOAK_MAX_MINUTES ?? 360);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    throw new Error(`soak runs is ${process.argv[2] ?? process.env.KC_SOAK_RUNS} but must be a whole number between 1 and 50`);
}
if (!(maxMinutes > 0)) {
    throw new Error(`KC_SOAK_MAX_MINUTES is ${process.env.KC_SOAK_MAX_MINUTES} but must be a positive number of minutes`);
}

const soakDir = path.join(REPO_ROOT, "e2e", ".soak");
const runsFile = path.join(soakDir, `runs-${new Date().toISOString().replace(/[:.]/g, "-")}.jsonl`);
const deadline = Date.now() + maxMinutes * 60_000;

function oneRun(index: number): Promise<number> {
    return new Promise((resolve) => {
        const child = spawn(path.join(REPO_ROOT, "e2e", "run.sh"), ["e2e/faults\\.e2e", ...process.argv.slice(3)], {
            cwd: REPO_ROOT,
            stdio: "inherit",
            env: { ...process.env, KC_FAULT_RUNS_FILE: runsFile },
            detached: true,
        });
        const timer = setTimeout(() => {
            process.stderr.write(`soak: run ${index} passed the ${maxMinutes} min limit; stopping it\n`);
            if (child.pid) {
                process.kill(-child.pid, "SIGTERM");
            }
        }, Math.max(0, deadline - Date.now()));
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve(code ?? 1);
        });
    });
}

async function main(): Promise<void> {
    mkdirSync(soakDir, { recursive: true });
    writeFileSync(runsFile, "");
    const exits: number[] = [];
    for (let index = 1; index <= runs && Date.now() < deadline; index++) {
        process.stderr.write(`\nsoak: run ${index} of ${runs} (figures in ${runsFile})\n`);
        exits.push(await oneRun(index));
    }
    const lines = existsSync(runsFile) ? parseRunLines(readFileSync(runsFile, "utf8")) : [];
    const table = renderSoakTable(soakRows(lines));
    process.stdout.write(`\nsoak: ${exits.length} of ${runs} runs, exit codes ${exits.join(", ")}\n\n${table}\n`);
    writeFileSync(runsFile.replace(/\.jsonl$/, ".md"), `${table}\n`);
    process.exitCode = exits.every((code) => code === 0) && exits.length === runs && lines.every((line) => line.missing === 0) ? 0 : 1;
}

void main();
