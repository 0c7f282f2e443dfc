import * as yaml from "js-yaml";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { removeStackObjects } from "../../e2e/support/docker";
import { PROJECT, REPO_ROOT, TEST_IMAGES } from "../../e2e/support/paths";
import { dockerNames } from "../../lib/render/names";
import { timedCommand, Timed } from "./command";

// The benchmark's stacks: the real program in this checkout (or an empty program
// for comparison), each with a file backend of its own in a temp directory and a
// stack file written like a person writes one. Disposal removes what the stack
// made on Docker directly (by label and name prefix), without a `pulumi destroy`
// that would delete a thousand topics one by one only for their volumes to go next.

export const RESULTS_DIR = path.join(REPO_ROOT, "bench", ".results");
const PASSPHRASE = "kafka-cluster-bench";

export interface BenchStack {
    readonly name: string;
    /** `pulumi <args>` against this stack; rejects when it overruns its bound. */
    pulumi(args: readonly string[], options?: { timeoutSeconds?: number; env?: NodeJS.ProcessEnv; watchMemory?: boolean }): Promise<Timed>;
    /** A repository script, as CI runs it, against this stack. */
    script(file: string, args: readonly string[], timeoutSeconds: number): Promise<Timed>;
    configure(settings: Record<string, unknown>): void;
    dispose(): Promise<void>;
}

function newBackend(name: string): { dir: string; env: NodeJS.ProcessEnv } {
    const dir = mkdtempSync(path.join(os.tmpdir(), `kafka-cluster-${name}-state-`));
    return { dir, env: { ...process.env, PULUMI_BACKEND_URL: `file://${dir}`, PULUMI_CONFIG_PASSPHRASE: PASSPHRASE } };
}

/** A new stack on a backend of its own; what was made so far is removed again if `stack init` fails. */
async function initialised(name: string, projectDir: string, log: string, extraCleanup: () => Promise<void>): Promise<BenchStack> {
    const backend = newBackend(name);
    const stack = stackOn(name, projectDir, backend, log, extraCleanup);
    const init = await timedCommand("pulumi", ["stack", "init", name, "--cwd", projectDir, "--non-interactive"], { env: backend.env, cwd: projectDir, timeoutSeconds: 120, log }).catch(
        (error: Error) => ({ code: -1, output: error.message }),
    );
    if (init.code !== 0) {
        await stack.dispose();
        throw new Error(`pulumi stack init ${name} failed: ${init.output.trim().slice(-2000)}`);
    }
    return stack;
}

function stackOn(name: string, projectDir: string, backend: { dir: string; env: NodeJS.ProcessEnv }, log: string, extraCleanup: () => Promise<void>): BenchStack {
    const stackFile = path.join(projectDir, `Pulumi.${name}.yaml`);
    return {
        name,
        pulumi: (args, options = {}) =>
            timedCommand("pulumi", [...args, "--stack", name, "--cwd", projectDir, "--non-interactive"], {
                env: { ...backend.env, ...options.env },
                cwd: projectDir,
                timeoutSeconds: options.timeoutSeconds ?? 900,
                log,
                watchMemory: options.watchMemory,
            }),
        script: (file, args, timeoutSeconds) =>
            timedCommand(path.join(REPO_ROOT, file), args, { env: { ...backend.env, KC_PROJECT_DIR: projectDir }, cwd: REPO_ROOT, timeoutSeconds, log }),
        configure(settings) {
            const config = Object.fromEntries(Object.entries(settings).map(([key, value]) => [`${PROJECT}:${key}`, value]));
            writeFileSync(stackFile, yaml.dump({ config }, { lineWidth: 160 }));
        },
        async dispose() {
            await extraCleanup();
            rmSync(stackFile, { force: true });
            rmSync(backend.dir, { recursive: true, force: true });
        },
    };
}

/** A stack of this repository's program; leftovers of an interrupted run under the same name go first. */
export async function programStack(name: string, log: string): Promise<BenchStack> {
    const prefix = dockerNames(PROJECT, name).prefix;
    await removeStackObjects(name, prefix);
    rmSync(path.join(REPO_ROOT, `Pulumi.${name}.yaml`), { force: true });
    return initialised(name, REPO_ROOT, log, async () => {
        await removeStackObjects(name, prefix);
    });
}

/**
 * An empty TypeScript program with the same toolchain, SDK and compiler settings
 * (transpiled, not type-checked, like the real program): the floor every preview
 * pays for the engine, the language host and ts-node.
 */
export async function emptyProgramStack(name: string, log: string): Promise<BenchStack> {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kafka-cluster-bench-empty-"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bench-empty\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-empty", private: true, main: "index.ts" }));
    writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { strict: true, target: "es2022", module: "commonjs", moduleResolution: "node" }, "ts-node": { transpileOnly: true } }),
    );
    writeFileSync(path.join(dir, "index.ts"), "export {};\n");
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
    return initialised(name, dir, log, async () => {
        rmSync(dir, { recursive: true, force: true });
    });
}

export { TEST_IMAGES };
