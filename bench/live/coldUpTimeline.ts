import { docker } from "../../e2e/support/docker";
import { LABEL_PREFIX } from "../../lib/render/names";

// Where a cold `up` spends its time, read from Docker's own clock rather than the
// CLI's output (whose step durations are whole seconds): when each container was
// created and started, and when its first passing healthcheck ended. Docker keeps
// the last five checks, plenty for a container that just turned healthy.

export interface ContainerMoments {
    readonly name: string;
    readonly role: string;
    /** Seconds after the command started. */
    readonly created: number;
    readonly started: number;
    /** When Docker first saw it healthy; undefined without a healthcheck or a passing check. */
    readonly healthy: number | undefined;
}

interface Inspected {
    Name: string;
    Created: string;
    Config: { Labels: Record<string, string> };
    State: { StartedAt: string; Health?: { Log?: { End: string; ExitCode: number }[] } };
}

/** Each running container of `stack`, with its moments relative to `commandStartedMs`. */
export async function containerMoments(stack: string, commandStartedMs: number): Promise<ContainerMoments[]> {
    const ids = (await docker("ps", "-aq", "--filter", `label=${LABEL_PREFIX}.stack=${stack}`)).split("\n").filter(Boolean);
    if (ids.length === 0) return [];
    const inspected = JSON.parse(await docker("inspect", ...ids)) as Inspected[];
    const offset = (iso: string) => Math.round((Date.parse(iso) - commandStartedMs) / 100) / 10;
    return inspected
        .map((container) => {
            const passed = (container.State.Health?.Log ?? []).find((check) => check.ExitCode === 0);
            return {
                name: container.Name.replace(/^\//, ""),
                role: container.Config.Labels[`${LABEL_PREFIX}.role`] ?? "?",
                created: offset(container.Created),
                started: offset(container.State.StartedAt),
                healthy: passed ? offset(passed.End) : undefined,
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
        const ready = group.map((moment) => moment.healthy ?? moment.started);
        phases[`${role}: created at`] = round(Math.min(...group.map((moment) => moment.created)));
        phases[`${role}: ready at`] = round(Math.max(...ready));
    }
    const lastReady = Math.max(...moments.map((moment) => moment.healthy ?? moment.started));
    phases["after last ready"] = round(commandSeconds - lastReady);
    return phases;
}
