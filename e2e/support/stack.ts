import { EngineEvent, LocalWorkspace, OpMap, OpType, Stack } from "@pulumi/pulumi/automation";
import * as yaml from "js-yaml";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dockerNames, DockerNames } from "../../lib/render/names";
import { CommandResult, removeStackObjects, run, troubledContainers } from "./docker";
import { PROJECT, REPO_ROOT, RESULTS_DIR } from "./paths";
import { report, seconds, timed } from "./report";

// One e2e stack: the real program in this checkout, driven through the Automation
// API against a file backend of its own, with its config written as a stack file
// in the same YAML shape people write by hand (native numbers and maps).

/** Program settings without the project prefix, as in Pulumi.<stack>.yaml. */
export type StackSettings = Record<string, unknown>;

export interface Step {
    readonly op: OpType;
    readonly urn: string;
    readonly type: string;
    /** The resource's logical name, the URN's last segment. */
    readonly name: string;
    readonly diffs: readonly string[];
    readonly replaceKeys: readonly string[];
}

export interface Operation {
    /** One entry per resource the engine stepped through. */
    readonly steps: readonly Step[];
    /** Steps that would change something: everything but `same`, and the reads a StackReference does on every run. */
    readonly changes: readonly Step[];
    /** The engine's own counts. */
    readonly summary: OpMap;
    readonly seconds: number;
    readonly output: string;
}

const PASSPHRASE = "kafka-cluster-e2e";

/** Turns a rejected engine run into its full text, for asserting on the message. */
export async function failureText(work: () => Promise<unknown>): Promise<string> {
    try {
        await work();
    } catch (error) {
        // A CommandError's message carries the CLI's stdout and stderr.
        return error instanceof Error ? error.message : String(error);
    }
    throw new Error("expected the operation to fail, but it succeeded");
}

export class E2eStack {
    readonly names: DockerNames;
    private operationCount = 0;

    private constructor(
        readonly name: string,
        private readonly stack: Stack,
        private readonly backendDir: string,
    ) {
        this.names = dockerNames(PROJECT, name);
    }

    /** A fresh stack: leftovers of an interrupted run (containers, volumes, stack file) go first. */
    static async create(name: string, settings: StackSettings, secrets: Record<string, string> = {}): Promise<E2eStack> {
        requireToolchain();
        const names = dockerNames(PROJECT, name);
        const leftovers = await removeStackObjects(name, names.prefix);
        const removed = [...leftovers.containers, ...leftovers.networks, ...leftovers.volumes];
        if (removed.length > 0) {
            report(`${name}: removed leftovers of an earlier run: ${removed.join(", ")}`);
        }
        rmSync(stackFile(name), { force: true });

        const backendDir = mkdtempSync(path.join(os.tmpdir(), `kafka-cluster-${name}-state-`));
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: name, workDir: REPO_ROOT },
            { envVars: backendEnv(backendDir) },
        );
        const e2e = new E2eStack(name, stack, backendDir);
        await e2e.configure(settings, secrets);
        return e2e;
    }

    /** Rewrites the stack's config; secrets already set are kept unless given again. */
    async configure(settings: StackSettings, secrets: Record<string, string> = {}): Promise<void> {
        const file = stackFile(this.name);
        const current = (yaml.load(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
        const kept = Object.entries(current.config ?? {}).filter(([key, value]) => isSecure(value) && !(unprefixed(key) in secrets));
        const config = Object.fromEntries([...kept, ...Object.entries(settings).map(([key, value]) => [`${PROJECT}:${key}`, value])]);
        writeFileSync(file, yaml.dump({ ...current, config }, { lineWidth: 120 }));
        for (const [key, value] of Object.entries(secrets)) {
            await this.stack.setConfig(`${PROJECT}:${key}`, { value, secret: true });
        }
    }

    /**
     * Secrets inside a map, as `pulumi config set --path --secret 'security.adminPassword' <value>`
     * sets them. `configure` rewrites maps whole, so set these again after it.
     */
    async setSecretPaths(secrets: Record<string, string>): Promise<void> {
        for (const [keyPath, value] of Object.entries(secrets)) {
            await this.stack.setConfig(`${PROJECT}:${keyPath}`, { value, secret: true }, true);
        }
    }

    preview(options: { refresh?: boolean; expectNoChanges?: boolean } = {}): Promise<Operation> {
        return this.operation("preview", (onOutput, onEvent) =>
            this.stack.preview({ diff: true, refresh: options.refresh, expectNoChanges: options.expectNoChanges, onOutput, onEvent }).then((result) => result.changeSummary),
        );
    }

    up(options: { refresh?: boolean } = {}): Promise<Operation> {
        return this.operation(options.refresh ? "up-refresh" : "up", (onOutput, onEvent) =>
            this.stack.up({ diff: true, refresh: options.refresh, onOutput, onEvent }).then((result) => result.summary.resourceChanges ?? {}),
        );
    }

    destroy(): Promise<Operation> {
        return this.operation("destroy", (onOutput, onEvent) =>
            this.stack.destroy({ onOutput, onEvent }).then((result) => result.summary.resourceChanges ?? {}),
        );
    }

    async outputs(): Promise<Record<string, unknown>> {
        const outputs = await this.stack.outputs();
        return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
    }

    /** The pulumi CLI against this stack, with the stack's backend and passphrase. */
    cli(...args: string[]): Promise<CommandResult> {
        return run("pulumi", [...args, "--stack", this.name, "--cwd", REPO_ROOT, "--non-interactive"], { env: this.env() });
    }

    /** One of the repository's scripts, run as a person or CI runs it. */
    script(relativePath: string, ...args: string[]): Promise<CommandResult> {
        return run(path.join(REPO_ROOT, relativePath), args, { env: this.env(), cwd: REPO_ROOT });
    }

    /**
     * Leaves nothing behind: unprotects, destroys, and removes whatever the engine
     * kept (retained volumes and topics' data with them), the stack and its file.
     */
    async dispose(): Promise<void> {
        const problems: string[] = [];
        const attempt = async (what: string, work: () => Promise<unknown>) => {
            try {
                await work();
            } catch (error) {
                problems.push(`${what}: ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}`);
            }
        };
        await attempt("unprotect", async () => {
            const result = await this.cli("state", "unprotect", "--all", "--yes");
            if (result.code !== 0 && !/no resources|nothing to unprotect/i.test(result.stderr + result.stdout)) {
                throw new Error(result.stderr.trim());
            }
        });
        await attempt("destroy", () => this.destroy());
        await attempt("remove docker objects", () => removeStackObjects(this.name, this.names.prefix));
        await attempt("remove stack", () => this.stack.workspace.removeStack(this.name, { force: true }));
        rmSync(stackFile(this.name), { force: true });
        rmSync(this.backendDir, { recursive: true, force: true });
        if (problems.length > 0) {
            report(`${this.name}: clean-up problems (docker objects were removed regardless):\n  ${problems.join("\n  ")}`);
        }
    }

    private env(): NodeJS.ProcessEnv {
        return { ...process.env, ...backendEnv(this.backendDir) };
    }

    private async operation(
        kind: string,
        work: (onOutput: (out: string) => void, onEvent: (event: EngineEvent) => void) => Promise<OpMap>,
    ): Promise<Operation> {
        this.operationCount += 1;
        const logFile = path.join(RESULTS_DIR, `${this.name}-${String(this.operationCount).padStart(2, "0")}-${kind}.log`);
        mkdirSync(RESULTS_DIR, { recursive: true });
        let output = "";
        const onOutput = (out: string) => {
            output += out;
            appendFileSync(logFile, out);
        };
        const steps = new Map<string, Step>();
        const onEvent = (event: EngineEvent) => {
            const metadata = event.resourcePreEvent?.metadata;
            // The stack resource itself only carries outputs, and a refresh step is
            // followed by the step that counts.
            if (metadata && metadata.type !== "pulumi:pulumi:Stack" && metadata.op !== "refresh") {
                const previous = steps.get(metadata.urn);
                // A replacement arrives as several steps; keep the one that names it.
                if (!previous || previous.op === "same" || metadata.op === "replace") {
                    steps.set(metadata.urn, {
                        op: metadata.op,
                        urn: metadata.urn,
                        type: metadata.type,
                        name: metadata.urn.slice(metadata.urn.lastIndexOf("::") + 2),
                        diffs: metadata.diffs ?? [],
                        replaceKeys: metadata.keys ?? [],
                    });
                }
            }
        };
        const { result: summary, seconds: took } = await timed(() => work(onOutput, onEvent)).catch(async (error: unknown) => {
            // A failed up names a container ("failed to be in healthy state") but not why: say it here, where CI prints it.
            if (kind.startsWith("up")) {
                const troubled = await troubledContainers(this.name, this.names.prefix).catch((reason: unknown) => `(could not inspect the containers: ${String(reason)})`);
                if (troubled) {
                    report(`${this.name}: ${kind} failed; containers not running healthy:\n${troubled}`);
                    appendFileSync(logFile, `\ncontainers not running healthy:\n${troubled}\n`);
                }
            }
            throw error;
        });
        const all = [...steps.values()];
        const changes = all.filter((step) => step.op !== "same" && step.op !== "read");
        report(`${this.name}: ${kind} took ${seconds(took)} s; ${describeSummary(summary)}${changes.length ? `; changes: ${describeSteps(changes)}` : ""}`);
        return { steps: all, changes, summary, seconds: took, output };
    }
}

export function describeSteps(steps: readonly Step[]): string {
    return steps.map((step) => `${step.op} ${step.name}${step.diffs.length ? ` [${step.diffs.join(", ")}]` : ""}`).join("; ");
}

function describeSummary(summary: OpMap): string {
    return Object.entries(summary)
        .map(([op, count]) => `${op} ${count}`)
        .join(", ");
}

function backendEnv(backendDir: string): Record<string, string> {
    return { PULUMI_BACKEND_URL: `file://${backendDir}`, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
}

function stackFile(stack: string): string {
    return path.join(REPO_ROOT, `Pulumi.${stack}.yaml`);
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

function unprefixed(key: string): string {
    return key.startsWith(`${PROJECT}:`) ? key.slice(PROJECT.length + 1) : key;
}

/** The suite runs the toolchain offline/toolchain/ built, never a pulumi or plugin found by chance. */
function requireToolchain(): void {
    const bin = path.join(process.env.KC_TOOLCHAIN_DIR ?? "", "bin");
    const missing = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-docker", "pulumi-resource-kafka"].filter((file) => !existsSync(path.join(bin, file)));
    if (!process.env.KC_TOOLCHAIN_DIR || !process.env.PULUMI_HOME || missing.length > 0) {
        throw new Error(
            `the Pulumi toolchain is not ready (${missing.length ? `missing in ${bin}: ${missing.join(", ")}` : "environment not set"}): ` +
                "run e2e/run.sh, or build it and `source offline/toolchain/env.sh` before jest",
        );
    }
}
