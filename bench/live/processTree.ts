import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

// Peak memory of a command and everything it starts (the Pulumi CLI, its language
// host, the node process running the program, the provider plugins), read from
// /proc while it runs. VmHWM is the kernel's own high-water mark of a process's
// resident set, so a sample between two peaks still sees the highest one.

/** Peak resident set per program name (argv[0]'s base name), in MiB. */
export type PeakRss = Record<string, number>;

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

function sample(pid: string): { name: string; hwmKib: number } | undefined {
    try {
        const argv0 = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        return hwm ? { name: path.basename(argv0), hwmKib: Number(hwm[1]) } : undefined;
    } catch {
        return undefined;
    }
}

/** Samples the tree under `root` every `intervalMs` until stopped; stop() returns each program's peak. */
export function watchPeakRss(root: number, intervalMs = 200): { stop: () => PeakRss } {
    const peaks = new Map<string, number>();
    const tick = () => {
        for (const pid of descendants(root)) {
            const seen = sample(pid);
            if (seen) {
                peaks.set(seen.name, Math.max(peaks.get(seen.name) ?? 0, seen.hwmKib));
            }
        }
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    return {
        stop: () => {
            clearInterval(timer);
            return Object.fromEntries([...peaks].map(([name, kib]) => [name, Math.round(kib / 1024)]));
        },
    };
}
