import { docker } from "../../e2e/support/docker";
import { LABEL_PREFIX } from "../../lib/render/names";

// Where a cold `up` spends its time, on Docker's own clock rather than the CLI's
// output (whose step durations are whole seconds): when each container was
// created and started, when it was first seen healthy (polled while the `up`
// runs: Docker's health log keeps only the last five checks, too few for
// ZooKeeper's, every 2 s), and when a one-shot container finished.

/** Polls the stack's containers' health while a command runs; `stop` gives each one's first healthy moment (ms). */
export function watchHealth(stack: string): { stop(): Promise<Map<string, number>> } {
    const firstHealthy = new Map<string, number>();
    let running = true;
    const loop = (async () => {
        while (running) {
            const listed = await docker("ps", "--filter", `label=${LABEL_PREFIX}.stack=${stack}`, "--format", "{{.Names}}\t{{.Status}}").catch(() => "");
            const now = Date.now();
            for (const [name, status] of listed.split("\n").filter(Boolean).map((line) => line.split("\t"))) {
                if (status?.includes("(healthy)") && !firstHealthy.has(name!)) firstHealthy.set(name!, now);
            }
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
    })();
    return {
        async stop() {
            running = false;
            await loop;
            return firstHealthy;
        },
    };
}

export interface ContainerMoments {
    readonly name: string;
    readonly role: string;
    /** Seconds after the command started. */
    readonly created: number;
    readonly started: number;
    /** First seen healthy, or when a one-shot container finished; undefined otherwise. */
    readonly ready: number | undefined;
}

interface Inspected {
    Name: string;
    Created: string;
    Config: { Labels: Record<string, string> };
    State: { StartedAt: string; FinishedAt: string; Running: boolean };
}

/** Each container of `stack`, with its moments relative to `commandStartedMs`. */
export async function containerMoments(stack: string, commandStartedMs: number, firstHealthy: ReadonlyMap<string, number>): Promise<ContainerMoments[]> {
    const ids = (await docker("ps", "-aq", "--filter", `label=${LABEL_PREFIX}.stack=${stack}`)).split("\n").filter(Boolean);
    if (ids.length === 0) return [];
    const inspected = JSON.parse(await docker("inspect", ...ids)) as Inspected[];
    const seconds = (ms: number) => Math.round((ms - commandStartedMs) / 100) / 10;
    const offset = (iso: string) => seconds(Date.parse(iso));
    return inspected
        .map((container) => {
            const name = container.Name.replace(/^\//, "");
            const healthy = firstHealthy.get(name);
            return {
                name,
                role: container.Config.Labels[`${LABEL_PREFIX}.role`] ?? "?",
                created: offset(container.Created),
                started: offset(container.State.StartedAt),
                ready: healthy !== undefined ? seconds(healthy) : container.State.Running ? undefined : offset(container.State.FinishedAt),
            };
        })
        .sort((a, b) => a.started - b.started);
}

/**
 * The cold up as phases: what ran before the first container was created (the
 * engine, the program, the plugins, images, network and volumes), each role from
 * its first create to its last healthy, and what ran after the last container
 * turned healthy (topics, the end of the update) until the command returned.
 */
export function coldUpPhases(moments: readonly ContainerMoments[], commandSeconds: number): Record<string, number> {
    const round = (value: number) => Math.round(value * 10) / 10;
    const phases: Record<string, number> = {};
    if (moments.length === 0) return phases;
    phases["before first container"] = round(Math.min(...moments.map((moment) => moment.created)));
    for (const role of [...new Set(moments.map((moment) => moment.role))]) {
        const group = moments.filter((moment) => moment.role === role);
        phases[`${role}: created at`] = round(Math.min(...group.map((moment) => moment.created)));
        // A broker is not yet healthy in Docker's eyes when `up` returns (its in-sync
        // container is what `up` waited for): say when it started instead.
        const ready = group.map((moment) => moment.ready);
        if (ready.every((moment) => moment !== undefined)) phases[`${role}: ready at`] = round(Math.max(...ready));
        else phases[`${role}: started at (healthy after the command)`] = round(Math.max(...group.map((moment) => moment.started)));
    }
    const lastReady = Math.max(...moments.map((moment) => moment.ready ?? moment.started));
    phases["after last ready"] = round(commandSeconds - lastReady);
    return phases;
}
