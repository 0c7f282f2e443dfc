// The README's first command, as a newcomer runs it on a machine like CI's: Docker
// running, no Pulumi CLI on PATH, no container registry reachable. In a copy of
// the checkout (so the stack file it edits and its state are the copy's), with
// the toolchain e2e/run.sh built: `npm run up` must end with a healthy dev
// cluster reachable from the host, say why it used the offline stand-ins, and
// print no plugin warning. Settings can be made before a stack's first up, and
// `npm run preview` installs the policy pack it needs.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { CONFIG_DEFAULTS } from "../config";
import { dockerNames } from "../lib/render/names";
import { healthAfterUp, removeStackObjects, run } from "./support/docker";
import { listTopics } from "./support/kafka";
import { REPO_ROOT, TEST_IMAGES } from "./support/paths";
import { recordFigure, report, timed } from "./support/report";
import { scenarioSequence } from "./support/sequence";

const STACK = "dev";
const MINUTES = 60_000;
const scenario = scenarioSequence();
const names = dockerNames("kafka-cluster", STACK);
let checkout: string;
let env: NodeJS.ProcessEnv;

/** What a newcomer's clone holds: the tracked files (and new ones not ignored), with this checkout's packages. */
function copyCheckout(): string {
    const target = mkdtempSync(path.join(os.tmpdir(), "kafka-cluster-first-run-"));
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT })
        .toString()
        .split("\0")
        .filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
    for (const file of files) {
        mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
        cpSync(path.join(REPO_ROOT, file), path.join(target, file));
    }
    // `npm ci` ran already; the policy pack's packages deliberately stay missing.
    symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(target, "node_modules"));
    return target;
}

/** PATH without any directory holding a pulumi binary, as on a machine without the CLI. */
function pathWithoutPulumi(): string {
    return (process.env.PATH ?? "")
        .split(":")
        .filter((dir) => dir && !existsSync(path.join(dir, "pulumi")))
        .join(":");
}

async function npmRun(...args: string[]) {
    return run("npm", ["run", "--silent", ...args], { cwd: checkout, env });
}

beforeAll(async () => {
    await removeStackObjects(STACK, names.prefix);
    checkout = copyCheckout();
    const { PULUMI_HOME: _home, PULUMI_BACKEND_URL: _backend, ...rest } = process.env;
    env = { ...rest, PATH: pathWithoutPulumi(), KC_TOOLCHAIN_DIR: process.env.KC_TOOLCHAIN_DIR };
}, 5 * MINUTES);

afterAll(async () => {
    if (checkout) {
        await npmRun("pulumi", "--", "destroy", "--stack", STACK, "--yes", "--non-interactive");
        rmSync(checkout, { recursive: true, force: true });
    }
    await removeStackObjects(STACK, names.prefix);
}, 10 * MINUTES);

scenario(
    "npm run up on a machine without a Pulumi CLI or a registry ends with a healthy dev cluster",
    async () => {
        const { result: up, seconds } = await timed(() => npmRun("up"));
        const output = up.stdout + up.stderr;
        if (up.code !== 0) throw new Error(`npm run up exited with ${up.code}:\n${output.slice(-4000)}`);
        recordFigure("firstRunUpSeconds", seconds);
        report(`npm run up, offline, with the stand-ins: ${seconds.toFixed(1)} s`);

        expect(output).toContain(`cannot pull ${CONFIG_DEFAULTS.brokerImage}`);
        expect(output).toContain(`set brokerImage to ${TEST_IMAGES.broker} in Pulumi.dev.yaml`);
        expect(output).not.toMatch(/using pulumi-resource-\S+ from \$PATH/);
        expect(readFileSync(path.join(checkout, "Pulumi.dev.yaml"), "utf8")).toContain(`kafka-cluster:brokerImage: ${TEST_IMAGES.broker}`);

        const containers = [names.zookeeper, names.broker(1), names.broker(2), names.broker(3), names.ui];
        expect(await Promise.all(containers.map(healthAfterUp))).toEqual(containers.map(() => "healthy"));
        const stackFile = yaml.load(readFileSync(path.join(checkout, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>> };
        const declared = Object.keys(stackFile.config["kafka-cluster:topics"] ?? {});
        expect(declared.length).toBeGreaterThan(0);
        const live = (await listTopics(["127.0.0.1:19092"])).filter((topic) => !topic.startsWith("__"));
        expect(live.sort()).toEqual(declared.sort());
    },
    15 * MINUTES,
);

scenario(
    "a second npm run up changes nothing, and npm run preview installs the policy pack it needs",
    async () => {
        const again = await npmRun("up");
        expect(again.code).toBe(0);
        expect(again.stdout).toMatch(/Resources:\s+\d+ unchanged\s*\n/);
        expect(again.stdout + again.stderr).not.toMatch(/using pulumi-resource-\S+ from \$PATH/);

        const preview = await npmRun("preview", "--", STACK);
        if (preview.code !== 0) throw new Error(`npm run preview exited with ${preview.code}:\n${(preview.stdout + preview.stderr).slice(-4000)}`);
        expect(preview.stderr).toContain("installing the policy pack's dependencies");
        expect(existsSync(path.join(checkout, "policy", "node_modules", "@pulumi", "policy"))).toBe(true);
    },
    10 * MINUTES,
);

scenario(
    "a setting can be made before a stack's first up",
    async () => {
        const set = await npmRun("pulumi", "--", "config", "set", "uiPort", "18081", "--stack", "fresh");
        expect(set).toMatchObject({ code: 0 });
        expect(readFileSync(path.join(checkout, "Pulumi.fresh.yaml"), "utf8")).toContain('kafka-cluster:uiPort: "18081"');
        const removed = await npmRun("pulumi", "--", "stack", "rm", "fresh", "--yes", "--non-interactive");
        expect(removed.code).toBe(0);
    },
    5 * MINUTES,
);
