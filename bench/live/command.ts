import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { CpuSeconds, PeakRss, watchPeakRss } from "./processTree";

// One command of the benchmark: timed, its output kept in a log file, and killed
// with everything it started (its own process group) when it overruns, so a hung
// engine or plugin cannot hold the benchmark past its bound.

export interface Timed {
    readonly code: number;
    readonly seconds: number;
    readonly output: string;
    /** Only when asked for: peak resident set per program name, MiB. */
    readonly peakRss?: PeakRss;
    /** Only when asked for: CPU seconds per program name. */
    readonly cpuSeconds?: CpuSeconds;
}

export interface CommandOptions {
    readonly env: NodeJS.ProcessEnv;
    readonly cwd: string;
    readonly timeoutSeconds: number;
    readonly log: string;
    readonly watchMemory?: boolean;
}

export function timedCommand(command: string, args: readonly string[], options: CommandOptions): Promise<Timed> {
    return new Promise((resolve, reject) => {
        appendFileSync(options.log, `\n$ ${command} ${args.join(" ")}\n`);
        const started = process.hrtime.bigint();
        const child = spawn(command, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
        const memory = options.watchMemory && child.pid ? watchPeakRss(child.pid) : undefined;
        let output = "";
        const keep = (chunk: Buffer) => {
            output += chunk.toString();
            appendFileSync(options.log, chunk);
        };
        child.stdout.on("data", keep);
        child.stderr.on("data", keep);
        let timedOut = false;
        const killGroup = (signal: NodeJS.Signals) => {
            try {
                process.kill(-(child.pid as number), signal);
            } catch {
                // already gone
            }
        };
        const timer = setTimeout(() => {
            timedOut = true;
            killGroup("SIGTERM");
            setTimeout(() => killGroup("SIGKILL"), 15_000).unref();
        }, options.timeoutSeconds * 1000);
        activeChildren.add(killGroup);
        child.on("error", (error) => {
            clearTimeout(timer);
            activeChildren.delete(killGroup);
            memory?.stop();
            reject(error);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            activeChildren.delete(killGroup);
            const { peakRss, cpuSeconds } = memory?.stop() ?? {};
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            if (timedOut) {
                reject(new Error(`${command} ${args.slice(0, 2).join(" ")} overran its ${options.timeoutSeconds} s bound and was killed (log: ${options.log})`));
                return;
            }
            resolve({ code: code ?? -1, seconds, output, peakRss, cpuSeconds });
        });
    });
}

const activeChildren = new Set<(signal: NodeJS.Signals) => void>();

/** Ends every command still running (on SIGINT/SIGTERM of the benchmark itself). */
export function killRunningCommands(): void {
    for (const kill of activeChildren) {
        kill("SIGTERM");
    }
}
