import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BROKER_HEALTHCHECK } from "../../lib/render/healthchecks";
import { LABEL_PREFIX } from "../../lib/render/names";
import { TEST_IMAGES } from "./paths";
import { pollUntil } from "./poll";

// The Docker CLI, as an operator would use it: what the tests see is what
// `docker ps` shows, not what the Pulumi state claims.

export interface CommandResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs a command and resolves with its exit code and output; never rejects on a non-zero exit. */
export function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
        const child = execFile(command, args, { env: options.env, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error && typeof error.code === "string") {
                // Could not start at all (ENOENT, EACCES): not an exit status.
                reject(error);
                return;
            }
            resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
        });
        if (options.input !== undefined) {
            child.stdin?.end(options.input);
        }
    });
}

/** `docker <args>`; rejects with the command and its stderr when it fails. */
export async function docker(...args: string[]): Promise<string> {
    const result = await run("docker", args);
    if (result.code !== 0) {
        throw new Error(`docker ${args.join(" ")} exited with ${result.code}: ${result.stderr.trim()}`);
    }
    return result.stdout.trim();
}

function lines(text: string): string[] {
    return text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}

export type HealthStatus = "healthy" | "unhealthy" | "starting" | "none" | "missing";

export async function healthOf(container: string): Promise<HealthStatus> {
    const result = await run("docker", ["inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", container]);
    return result.code === 0 ? (result.stdout.trim() as HealthStatus) : "missing";
}

/** Whole seconds of a healthcheck duration as the program writes it ("10s"). */
function durationSeconds(duration: string): number {
    const match = /^(\d+)s$/.exec(duration);
    if (!match) throw new Error(`expected a duration in whole seconds, got ${duration}`);
    return Number(match[1]);
}

/** Seconds Docker cannot call a started broker or controller healthy within: its first check runs one interval after the start. */
const FIRST_CHECK_SECONDS = durationSeconds(BROKER_HEALTHCHECK.interval);

/** Seconds from a broker's start until Docker has its first verdict: the first check's start, then up to its timeout. */
export const FIRST_VERDICT_SECONDS = FIRST_CHECK_SECONDS + durationSeconds(BROKER_HEALTHCHECK.timeout);

/**
 * A container's health as `pulumi up` promises it when it returns. A broker:
 * `up` waited on its one-shot `<broker>-in-sync` container, which ran the
 * healthcheck's own script to a pass (components/kafkaBroker.ts), so that must
 * have exited 0, and Docker's verdict, which comes only at its first check, must
 * be healthy by then. Anything else: Docker's verdict now.
 */
export async function healthAfterUp(container: string): Promise<HealthStatus | string> {
    const inSync = await run("docker", ["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", `${container}-in-sync`]);
    if (inSync.code === 0) {
        if (inSync.stdout.trim() !== "exited 0") return `${container}-in-sync is ${inSync.stdout.trim()}`;
        await waitHealthy([container], FIRST_VERDICT_SECONDS).catch(() => undefined);
    }
    return healthOf(container);
}

/**
 * Whether a rolling change created `containers` one at a time, in that order,
 * each once the one before it was ready. A broker is ready when its in-sync
 * container exits, which must come after the broker started; anything else (a
 * KRaft controller, which `up` waits on through Docker's healthcheck) cannot be
 * ready sooner than one interval after its start, so the next one must be
 * created at least that long after it. `waits` are the seconds from each
 * container's create to the next one's, for the report.
 */
export async function rolloutOrder(containers: readonly string[]): Promise<{ waits: number[]; violations: string[] }> {
    const moment = async (container: string, field: string) => Date.parse(await docker("inspect", "-f", `{{${field}}}`, container)) / 1000;
    const steps = await Promise.all(
        containers.map(async (container) => {
            const hasInSync = (await run("docker", ["inspect", `${container}-in-sync`])).code === 0;
            return {
                container,
                created: await moment(container, ".Created"),
                started: await moment(container, ".State.StartedAt"),
                inSync: hasInSync ? await moment(`${container}-in-sync`, ".State.FinishedAt") : undefined,
            };
        }),
    );
    const violations: string[] = [];
    const waits: number[] = [];
    steps.slice(1).forEach((next, index) => {
        const previous = steps[index]!;
        waits.push(Math.round((next.created - previous.created) * 10) / 10);
        if (previous.inSync !== undefined) {
            if (previous.inSync <= previous.started) violations.push(`${previous.container}-in-sync finished before ${previous.container} started`);
            if (next.created < previous.inSync) violations.push(`${next.container} was created before ${previous.container} was in sync`);
        } else if (next.created - previous.created < FIRST_CHECK_SECONDS) {
            violations.push(`${next.container} was created ${(next.created - previous.created).toFixed(1)} s after ${previous.container}, before Docker could call it healthy`);
        }
    });
    return { waits, violations };
}

export async function containerId(container: string): Promise<string> {
    return docker("inspect", "-f", "{{.Id}}", container);
}

export interface StackObjects {
    readonly containers: string[];
    readonly networks: string[];
    readonly volumes: string[];
}

/**
 * Everything of a stack on this Docker host, found both by the label the program
 * sets and by the name prefix it uses, so an object that lost its label still shows.
 */
export async function stackObjects(stack: string, namePrefix: string): Promise<StackObjects> {
    const label = `label=${LABEL_PREFIX}.stack=${stack}`;
    // Another stack's names may start with this one's (e2e-secure-kraft after e2e-secure):
    // names under a running stack's longer prefix are that stack's, never this one's.
    const stackPart = namePrefix.endsWith(stack) ? namePrefix.slice(0, namePrefix.length - stack.length) : undefined;
    const others = lines(await docker("ps", "-a", "--format", `{{.Label "${LABEL_PREFIX}.stack"}}`))
        .filter((other) => other !== stack && stackPart !== undefined && `${stackPart}${other}`.startsWith(`${namePrefix}-`))
        .map((other) => `${stackPart}${other}`);
    const ours = (name: string) => (name === namePrefix || name.startsWith(`${namePrefix}-`)) && !others.some((other) => name === other || name.startsWith(`${other}-`));
    const byBoth = async (kind: "ps -a" | "network ls" | "volume ls", format: string) => {
        const base = kind.split(" ");
        const [labelled, named] = await Promise.all([
            docker(...base, "--filter", label, "--format", format),
            docker(...base, "--filter", `name=${namePrefix}`, "--format", format),
        ]);
        // `name=` matches substrings; keep exact prefixes only.
        const all = [...lines(labelled), ...lines(named).filter(ours)];
        return [...new Set(all)].sort();
    };
    const [containers, networks, volumes] = await Promise.all([
        byBoth("ps -a", "{{.Names}}"),
        byBoth("network ls", "{{.Name}}"),
        byBoth("volume ls", "{{.Name}}"),
    ]);
    return { containers, networks, volumes };
}

/** Removes every container, network and volume of a stack, whatever state it is in. */
export async function removeStackObjects(stack: string, namePrefix: string): Promise<StackObjects> {
    const found = await stackObjects(stack, namePrefix);
    if (found.containers.length > 0) {
        await docker("rm", "-f", "-v", ...found.containers);
    }
    for (const network of found.networks) {
        await docker("network", "rm", network);
    }
    if (found.volumes.length > 0) {
        await docker("volume", "rm", "-f", ...found.volumes);
    }
    return found;
}

/**
 * One of Kafka's own CLI tools in a throwaway container on the stack's network,
 * so it reaches the brokers through their INTERNAL listeners as kafka-ui does.
 */
export async function kafkaToolOnNetwork(network: string, tool: string, ...args: string[]): Promise<string> {
    return docker("run", "--rm", "--network", network, "-e", "KAFKA_HEAP_OPTS=-Xmx128m", TEST_IMAGES.broker, `/opt/kafka/bin/${tool}`, ...args);
}

/** One of Kafka's CLI tools inside a running broker container, as the tutorial runs them. */
export async function kafkaToolInContainer(container: string, tool: string, ...args: string[]): Promise<string> {
    return docker("exec", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", container, `/opt/kafka/bin/${tool}`, ...args);
}

/** Copies a file in as the docker provider's `uploads` do: a tar of the full path, owned by root. */
export async function upload(container: string, file: string, content: string): Promise<void> {
    const stage = mkdtempSync(path.join(os.tmpdir(), "kafka-cluster-upload-"));
    try {
        mkdirSync(path.join(stage, path.dirname(file)), { recursive: true });
        writeFileSync(path.join(stage, file), content, { mode: 0o644 });
        const result = await run("sh", [
            "-c",
            'tar -C "$1" --owner=0 --group=0 --numeric-owner -cf - "$2" | docker cp - "$3:/"',
            "upload",
            stage,
            file.replace(/^\//, ""),
            container,
        ]);
        if (result.code !== 0) {
            throw new Error(`uploading ${file} into ${container} failed: ${result.stderr.trim()}`);
        }
    } finally {
        rmSync(stage, { recursive: true, force: true });
    }
}

/** Polls like the docker provider's `wait: true`: once a second until healthy. */
export async function waitHealthy(containers: readonly string[], timeoutSeconds: number): Promise<void> {
    const states = await pollUntil(
        () => Promise.all(containers.map(async (container) => [container, await healthOf(container)] as const)),
        (current) => current.every(([, state]) => state === "healthy"),
        { timeoutMs: timeoutSeconds * 1000, intervalMs: 1000 },
    );
    const pending = states.filter(([, state]) => state !== "healthy");
    if (pending.length > 0) {
        throw new Error(`not healthy after ${timeoutSeconds} s: ${pending.map(([container, state]) => `${container} (${state})`).join(", ")}`);
    }
}

/** Lines of a troubled container's log that `troubledContainers` quotes. */
const DIAGNOSIS_LOG_LINES = 30;

/**
 * What an operator would look at after a failed `up`: every container of the
 * stack that is not running healthy (or, for a one-shot container, exited 0),
 * with its state, restart count, Docker's last health outputs and the end of
 * its log. Empty when every container is fine.
 */
export async function troubledContainers(stack: string, namePrefix: string): Promise<string> {
    const { containers } = await stackObjects(stack, namePrefix);
    const reports = await Promise.all(
        containers.map(async (container) => {
            const state = await run("docker", [
                "inspect",
                "-f",
                '{{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}} health={{if .State.Health}}{{.State.Health.Status}}{{range .State.Health.Log}}{{"\\ncheck: "}}{{.ExitCode}} {{printf "%.300s" .Output}}{{end}}{{else}}none{{end}}',
                container,
            ]);
            // A check's output ends in a newline of its own: drop the blank lines it leaves.
            const summary = lines(state.stdout).join("\n    ");
            if (state.code !== 0 || /^running exit=0 restarts=0 health=(healthy|none)/.test(summary) || /^exited exit=0 restarts=0 health=none/.test(summary)) {
                return undefined;
            }
            const logs = await run("docker", ["logs", "--tail", String(DIAGNOSIS_LOG_LINES), "--timestamps", container]);
            const tail = (logs.stdout + logs.stderr).trimEnd().split("\n").map((line) => `    | ${line}`).join("\n");
            return `${container}: ${summary}\n  last ${DIAGNOSIS_LOG_LINES} log lines:\n${tail}`;
        }),
    );
    return reports.filter((text): text is string => text !== undefined).join("\n");
}

/**
 * From inside a running container's network namespace, refuses its TCP
 * connections to `address:port` (an iptables REJECT, entered with nsenter, as
 * root), until the returned function is called. The container's own traffic
 * only: nothing else on the host sees the rule.
 */
export async function refuseConnections(container: string, to: { address: string; port: number }): Promise<() => Promise<void>> {
    const pid = await docker("inspect", "-f", "{{.State.Pid}}", container);
    const rule = ["OUTPUT", "-p", "tcp", "-d", to.address, "--dport", String(to.port), "-j", "REJECT"];
    const iptables = async (action: "-A" | "-D") => {
        const result = await run("nsenter", ["-t", pid, "-n", "iptables", action, ...rule]);
        if (result.code !== 0) throw new Error(`iptables ${action} ${rule.join(" ")} in ${container} exited with ${result.code}: ${result.stderr.trim()}`);
    };
    await iptables("-A");
    return () => iptables("-D");
}
