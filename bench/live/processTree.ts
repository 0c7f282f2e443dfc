import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

// Peak memory of a command and everything it starts (the Pulumi CLI, its language
// host, the node process running the program, the provider plugins), read from
// /proc while it runs. VmHWM is the kernel's own high-water mark of a process's
// resident set, so a sample between two peaks still sees the highest one.

/** Peak resident set per program name (argv[0]'s base name), in MiB. */
export type PeakRss = Record<string, number>;
/** CPU time (user + system) per program name, in seconds, summed over its processes. */
export type CpuSeconds = Record<string, number>;

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function parentOf(pid: string): string | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // The command name sits in parentheses and may hold spaces; the parent pid is the second field after it.
        return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    } catch {
        return undefined; // the process ended between the listing and the read
    }
}

function descendants(root: number): string[] {
    const children = new Map<string, string[]>();
    for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
        const parent = parentOf(pid);
        if (parent) {
            children.set(parent, [...(children.get(parent) ?? []), pid]);
        }
    }
    const found: string[] = [];
    const queue = [String(root)];
    while (queue.length > 0) {
        const pid = queue.shift() as string;
        found.push(pid);
        queue.push(...(children.get(pid) ?? []));
    }
    return found;
}

function sample(pid: string): { name: string; hwmKib: number; cpuTicks: number } | undefined {
    try {
        const argv0 = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // utime and stime: the 12th and 13th fields after the parenthesised command name.
        const [utime, stime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 13).map(Number);
        return hwm ? { name: path.basename(argv0), hwmKib: Number(hwm[1]), cpuTicks: utime + stime } : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Samples the tree under `root` every `intervalMs` until stopped; stop() returns each
 * program's peak memory and its CPU time as last seen (a process's final
 * `intervalMs` is missed, so CPU time is a slight underestimate).
 */
export function watchPeakRss(root: number, intervalMs = 200): { stop: () => { peakRss: PeakRss; cpuSeconds: CpuSeconds } } {
    const peaks = new Map<string, number>();
    const cpu = new Map<string, { name: string; ticks: number }>();
    const tick = () => {
        for (const pid of descendants(root)) {
            const seen = sample(pid);
            if (seen) {
                peaks.set(seen.name, Math.max(peaks.get(seen.name) ?? 0, seen.hwmKib));
                cpu.set(pid, { name: seen.name, ticks: seen.cpuTicks });
            }
        }
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    return {
        stop: () => {
            clearInterval(timer);
            const cpuSeconds: CpuSeconds = {};
            for (const { name, ticks } of cpu.values()) {
                cpuSeconds[name] = Math.round(((cpuSeconds[name] ?? 0) + ticks / TICKS_PER_SECOND) * 10) / 10;
            }
            return { peakRss: Object.fromEntries([...peaks].map(([name, kib]) => [name, Math.round(kib / 1024)])), cpuSeconds };
        },
    };
}
