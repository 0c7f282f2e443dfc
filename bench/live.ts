// Benchmark on the real engine and Docker: how `up`, no-op previews and the drift
// check grow with the number of topics, and how a no-op preview of an e2e-sized
// stack compares with an empty Pulumi program. Outside CI; bounded (every command
// has a time limit, the whole run a budget) and it removes every container,
// volume, network, stack and temp directory it made, also when it fails or is
// interrupted. Run through bench/live.sh (npm run bench:live), which sets up the
// toolchain.
//
// Env: BENCH_LIVE_SIZES (default 10,100,1000; "none" for the e2e-sized comparisons only), BENCH_LIVE_REPEATS (2; each no-op
// figure is the fastest of them, since noise only ever adds time),
// BENCH_LIVE_MINUTES (50: no new size starts past it), BENCH_LIVE_SKIP_E2E=1,
// BENCH_LIVE_COLD_UPS (2: cold `up`s of the e2e-sized stack, each right after the
// docker-run baseline; 0 skips them).
//
// Stacks are named perf-live-*; host ports 30092-30199 (clear of the e2e suites' 22092-29199).
import { mkdirSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runBaseline } from "../e2e/baseline";
import { killRunningCommands, Timed } from "./live/command";
import { coldUpPhases, containerMoments, watchHealth } from "./live/coldUpTimeline";
import { BenchStack, emptyProgramStack, programStack, RESULTS_DIR, TEST_IMAGES } from "./live/stacks";
import { CpuSeconds, PeakRss } from "./live/processTree";

const SIZES_SETTING = process.env.BENCH_LIVE_SIZES ?? "10,100,1000";
const SIZES = SIZES_SETTING === "none" ? [] : SIZES_SETTING.split(",").map(Number);
const REPEATS = Number(process.env.BENCH_LIVE_REPEATS ?? 2);
const BUDGET_SECONDS = Number(process.env.BENCH_LIVE_MINUTES ?? 50) * 60;
const COLD_UPS = Number(process.env.BENCH_LIVE_COLD_UPS ?? 2);
const STARTED = Date.now();
const LOG = path.join(RESULTS_DIR, "live.log");

// Ports reserved for this benchmark: 30092-30099 and 30110-30129 for brokers, 30180-30182 for kafka-ui.
const E2E_SIZED = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: 3,
    brokerHeapMb: 320,
    externalPortBase: 30092,
    uiPort: 30180,
    topics: {
        events: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2, "retention.ms": 604800000 } },
        profiles: { partitions: 2, replicationFactor: 2, config: { "cleanup.policy": "compact", "max.message.bytes": 2097152 } },
    },
};
// One broker: the figures are about the engine, the program and the providers per
// topic, not about Kafka's replication; one partition per topic keeps the broker small.
const SCALING = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: 1,
    brokerHeapMb: 768,
    externalPortBase: 30095,
    uiEnabled: false,
};

function topicsMap(count: number): Record<string, unknown> {
    return Object.fromEntries(
        Array.from({ length: count }, (_, index) => [`bench-${String(index).padStart(5, "0")}`, { partitions: 1, replicationFactor: 1, config: { "retention.ms": 86400000 } }]),
    );
}

function say(line: string): void {
    process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function expectOk(what: string, result: Timed, allowed: readonly number[] = [0]): Timed {
    if (!allowed.includes(result.code)) {
        throw new Error(`${what} exited with ${result.code}:\n${result.output.trim().slice(-3000)}`);
    }
    say(`${what}: ${round(result.seconds)} s`);
    return result;
}

/** The fastest of `REPEATS` runs of a no-op command (and the first run's memory, when watched). */
async function fastest(what: string, work: (index: number) => Promise<Timed>): Promise<Timed> {
    let best: Timed | undefined;
    let memory: Pick<Timed, "peakRss" | "cpuSeconds"> | undefined;
    for (let index = 0; index < REPEATS; index += 1) {
        const result = expectOk(`${what} #${index + 1}`, await work(index));
        memory ??= result.peakRss ? { peakRss: result.peakRss, cpuSeconds: result.cpuSeconds } : undefined;
        if (!best || result.seconds < best.seconds) {
            best = result;
        }
    }
    return { ...(best as Timed), ...memory };
}

const NO_OP = ["--expect-no-changes"];

function unchangedCount(output: string): number {
    return Number(/(\d+) unchanged/.exec(output)?.[1] ?? NaN);
}

interface E2eComparison {
    emptyPreview: number;
    programPreview: number;
    programPreviewUncached: number;
    programPreviewRefresh: number;
    readsOnly: number;
    resources: number;
    ratio: number;
    /** CPU seconds per process name during the first run of each. */
    cpu: { emptyPreview?: CpuSeconds; readsOnly?: CpuSeconds; programPreviewRefresh?: CpuSeconds };
}

/** Item: a no-op `preview --refresh` of the e2e-sized stack against an empty program's preview plus the stack's reads. */
async function compareWithEmptyProgram(track: (stack: BenchStack) => void): Promise<E2eComparison> {
    const empty = await emptyProgramStack("perf-live-empty", LOG);
    track(empty);
    const stack = await programStack("perf-live-e2e", LOG);
    track(stack);
    stack.configure(E2E_SIZED);
    expectOk("e2e-sized up", await stack.pulumi(["up", "--yes", "--skip-preview"], { timeoutSeconds: 900 }));
    expectOk("empty program up", await empty.pulumi(["up", "--yes", "--skip-preview"], { timeoutSeconds: 300 }));
    const emptyPreview = await fastest("empty program: preview", () => empty.pulumi(["preview", ...NO_OP], { watchMemory: true }));
    const programPreview = await fastest("e2e-sized: preview", () => stack.pulumi(["preview", ...NO_OP]));
    // As before program.js kept its modules: every module transpiled again on every run.
    const uncached = await fastest("e2e-sized: preview, program transpiled on every run", () =>
        stack.pulumi(["preview", ...NO_OP], { env: { KC_PROGRAM_CACHE: "0" } }),
    );
    const refreshed = await fastest("e2e-sized: preview --refresh", () => stack.pulumi(["preview", "--refresh", ...NO_OP], { watchMemory: true }));
    // The reads alone: the engine and the providers read every resource in the state, no program runs.
    const reads = await fastest("e2e-sized: refresh --preview-only", () => stack.pulumi(["refresh", "--preview-only"], { watchMemory: true }));
    await stack.dispose();
    await empty.dispose();
    return {
        emptyPreview: round(emptyPreview.seconds),
        programPreview: round(programPreview.seconds),
        programPreviewUncached: round(uncached.seconds),
        programPreviewRefresh: round(refreshed.seconds),
        readsOnly: round(reads.seconds),
        resources: unchangedCount(refreshed.output),
        ratio: round(refreshed.seconds / (emptyPreview.seconds + reads.seconds), 2),
        cpu: { emptyPreview: emptyPreview.cpuSeconds, readsOnly: reads.cpuSeconds, programPreviewRefresh: refreshed.cpuSeconds },
    };
}

interface ColdUp {
    /** Seconds to a healthy cluster with plain `docker` (e2e/baseline.ts), one group after another. */
    baseline: number;
    baselinePhases: { zookeeper: number; brokers: number; ui: number };
    /** Seconds of `pulumi up` of the same stack from nothing, run right after it. */
    up: number;
    ratio: number;
    loadAverage: number;
    /** Seconds after the `up` started (coldUpTimeline.ts). */
    phases: Record<string, number>;
}

/**
 * Item: the cold `up` of the e2e-sized stack against the same containers started
 * by hand (as the e2e suite measures it), side by side, `COLD_UPS` times.
 */
async function compareColdUps(track: (stack: BenchStack) => void): Promise<ColdUp[]> {
    const runs: ColdUp[] = [];
    for (let index = 0; index < COLD_UPS; index += 1) {
        const loadAverage = round(os.loadavg()[0]);
        const baseline = await runBaseline({ brokers: 3, heapMb: E2E_SIZED.brokerHeapMb, externalPortBase: 30110, uiPort: 30181, brokerProperties: {}, stack: "perf-live-baseline" });
        say(`cold up #${index + 1}: docker-run baseline ${round(baseline.totalSeconds)} s`);
        const stack = await programStack("perf-live-coldup", LOG);
        track(stack);
        stack.configure({ ...E2E_SIZED, externalPortBase: 30120, uiPort: 30182 });
        const upStarted = Date.now();
        const health = watchHealth(stack.name);
        const upRun = await stack.pulumi(["up", "--yes", "--skip-preview"], { timeoutSeconds: 900 });
        const firstHealthy = await health.stop();
        const up = expectOk(`cold up #${index + 1}: pulumi up`, upRun);
        const phases = coldUpPhases(await containerMoments(stack.name, upStarted, firstHealthy), up.seconds);
        say(`cold up #${index + 1}: ${Object.entries(phases).map(([phase, seconds]) => `${phase} ${seconds} s`).join(", ")}`);
        await stack.dispose();
        runs.push({
            baseline: round(baseline.totalSeconds),
            baselinePhases: { zookeeper: round(baseline.zookeeperSeconds), brokers: round(baseline.brokersSeconds), ui: round(baseline.uiSeconds) },
            up: round(up.seconds),
            ratio: round(up.seconds / baseline.totalSeconds, 2),
            loadAverage,
            phases,
        });
        writeResults({ coldUps: runs });
    }
    return runs;
}

interface SizeRow {
    topics: number;
    resources: number;
    up: number;
    topicsAdded: number;
    preview: number;
    previewRefresh: number;
    driftCheck: number;
    readsOnly: number;
    peakRss?: PeakRss;
    cpuSeconds?: CpuSeconds;
    previewRefreshParallel32?: number;
    previewRefreshTargeted?: number;
}

async function scale(track: (stack: BenchStack) => void, rows: SizeRow[]): Promise<void> {
    const stack = await programStack("perf-live-topics", LOG);
    track(stack);
    let previous = 0;
    for (const [index, topics] of SIZES.entries()) {
        const elapsed = (Date.now() - STARTED) / 1000;
        if (elapsed > BUDGET_SECONDS) {
            say(`budget of ${BUDGET_SECONDS / 60} min spent after ${round(elapsed / 60)} min: ${topics} topics and larger are not measured`);
            break;
        }
        const largest = index === SIZES.length - 1;
        stack.configure({ ...SCALING, topics: topicsMap(topics) });
        const up = expectOk(`${topics} topics: up (+${topics - previous})`, await stack.pulumi(["up", "--yes", "--skip-preview"], { timeoutSeconds: 1800 }));
        const preview = await fastest(`${topics} topics: preview`, () => stack.pulumi(["preview", ...NO_OP]));
        const refreshed = await fastest(`${topics} topics: preview --refresh`, () =>
            stack.pulumi(["preview", "--refresh", ...NO_OP], { watchMemory: largest }),
        );
        const drift = expectOk(`${topics} topics: drift-check`, await stack.script("scripts/drift-check.sh", [stack.name], 1800));
        const reads = expectOk(`${topics} topics: refresh --preview-only`, await stack.pulumi(["refresh", "--preview-only"]));
        const row: SizeRow = {
            topics,
            resources: unchangedCount(refreshed.output),
            up: round(up.seconds),
            topicsAdded: topics - previous,
            preview: round(preview.seconds),
            previewRefresh: round(refreshed.seconds),
            driftCheck: round(drift.seconds),
            readsOnly: round(reads.seconds),
            peakRss: refreshed.peakRss,
            cpuSeconds: refreshed.cpuSeconds,
        };
        if (largest) {
            // What a user can set: more concurrent reads, or reading only what a change touches.
            const wide = expectOk(`${topics} topics: preview --refresh --parallel 32`, await stack.pulumi(["preview", "--refresh", "--parallel", "32", ...NO_OP]));
            row.previewRefreshParallel32 = round(wide.seconds);
            const target = `urn:pulumi:${stack.name}::kafka-cluster::kafka-cluster:index:ClusterTopics$kafka:index/topic:Topic::topics-bench-00000`;
            const targeted = expectOk(`${topics} topics: preview --refresh --target <one topic>`, await stack.pulumi(["preview", "--refresh", "--target", target, ...NO_OP]));
            row.previewRefreshTargeted = round(targeted.seconds);
        }
        rows.push(row);
        writeResults({ rows });
        previous = topics;
    }
    await stack.dispose();
}

/** Seconds per topic between two sizes, in milliseconds: how much one more topic costs. */
function slope(rows: readonly SizeRow[], key: keyof SizeRow, from: number, to: number): number {
    const [a, b] = [rows[from], rows[to]];
    return ((Number(b[key]) - Number(a[key])) / (b.topics - a.topics)) * 1000;
}

function table(rows: readonly SizeRow[], comparison?: E2eComparison, coldUps: readonly ColdUp[] = []): string {
    const lines = rows.length === 0 ? [] : [
        "| topics | resources | up (topics added) | preview | preview --refresh | drift-check | reads only (refresh --preview-only) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...rows.map((row) => `| ${row.topics} | ${row.resources} | ${row.up} s (+${row.topicsAdded}) | ${row.preview} s | ${row.previewRefresh} s | ${row.driftCheck} s | ${row.readsOnly} s |`),
    ];
    if (rows.length >= 2) {
        lines.push("", "Cost of one more topic (ms), between consecutive sizes:", "", "| between | up (per topic added) | preview | preview --refresh | drift-check |", "| --- | ---: | ---: | ---: | ---: |");
        for (let index = 1; index < rows.length; index += 1) {
            const upPerTopic = (rows[index].up / rows[index].topicsAdded) * 1000;
            lines.push(
                `| ${rows[index - 1].topics} → ${rows[index].topics} | ${round(upPerTopic, 0)} | ${round(slope(rows, "preview", index - 1, index), 0)} | ${round(slope(rows, "previewRefresh", index - 1, index), 0)} | ${round(slope(rows, "driftCheck", index - 1, index), 0)} |`,
            );
        }
        if (rows.length >= 3) {
            const ratio = (key: keyof SizeRow) => round(slope(rows, key, 1, 2) / slope(rows, key, 0, 1), 2);
            lines.push(
                "",
                `Per-topic cost ratio (${rows[1].topics}→${rows[2].topics} over ${rows[0].topics}→${rows[1].topics}): preview ${ratio("preview")}, preview --refresh ${ratio("previewRefresh")}, drift-check ${ratio("driftCheck")}`,
            );
        }
    }
    const last = rows[rows.length - 1];
    if (last?.previewRefreshParallel32 !== undefined) {
        lines.push(`At ${last.topics} topics: preview --refresh ${last.previewRefresh} s with the default --parallel 8, ${last.previewRefreshParallel32} s with --parallel 32, ${last.previewRefreshTargeted} s with --target on one topic`);
    }
    if (last?.peakRss) {
        lines.push(`Peak RSS during the ${last.topics}-topic preview --refresh (MiB): ${Object.entries(last.peakRss).map(([name, mib]) => `${name} ${mib}`).join(", ")}`);
    }
    if (last?.cpuSeconds) {
        lines.push(`CPU time during the ${last.topics}-topic preview --refresh (s): ${Object.entries(last.cpuSeconds).map(([name, seconds]) => `${name} ${seconds}`).join(", ")}`);
    }
    if (comparison) {
        lines.push(
            "",
            `e2e-sized stack (3 brokers, 2 topics, kafka-ui; ${comparison.resources} resources), no-op, fastest of ${REPEATS}:`,
            "",
            "| run | seconds |",
            "| --- | ---: |",
            `| empty program: preview | ${comparison.emptyPreview} |`,
            `| stack: refresh --preview-only (the reads, no program) | ${comparison.readsOnly} |`,
            `| stack: preview | ${comparison.programPreview} |`,
            `| stack: preview, program transpiled on every run (KC_PROGRAM_CACHE=0) | ${comparison.programPreviewUncached} |`,
            `| stack: preview --refresh | ${comparison.programPreviewRefresh} |`,
            "",
            `preview --refresh / (empty preview + reads) = ${comparison.ratio}`,
            "",
            "CPU seconds per process (first run of each):",
            ...Object.entries(comparison.cpu).map(([run, cpu]) => `- ${run}: ${Object.entries(cpu ?? {}).map(([name, seconds]) => `${name} ${seconds}`).join(", ")}`),
        );
    }
    if (coldUps.length > 0) {
        lines.push(
            "",
            "Cold up of the e2e-sized stack against the docker-run baseline, side by side:",
            "",
            "| run | load average | baseline (ZooKeeper / brokers / kafka-ui) | pulumi up | ratio |",
            "| ---: | ---: | ---: | ---: | ---: |",
            ...coldUps.map((run, index) =>
                `| ${index + 1} | ${run.loadAverage} | ${run.baseline} s (${run.baselinePhases.zookeeper} / ${run.baselinePhases.brokers} / ${run.baselinePhases.ui}) | ${run.up} s | ${run.ratio} |`,
            ),
        );
    }
    return lines.join("\n");
}

let results: { rows: SizeRow[]; comparison?: E2eComparison; coldUps?: ColdUp[] } = { rows: [] };
function writeResults(update: Partial<typeof results>): void {
    results = { ...results, ...update };
    writeFileSync(path.join(RESULTS_DIR, "live.json"), `${JSON.stringify(results, null, 2)}\n`);
}

async function main(): Promise<void> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(LOG, "");
    const live = new Set<BenchStack>();
    const track = (stack: BenchStack) => live.add(stack);
    const cleanUp = async () => {
        for (const stack of live) {
            await stack.dispose().catch((error) => say(`clean-up of ${stack.name}: ${error}`));
        }
        live.clear();
    };
    let interrupted = false;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
            if (interrupted) return;
            interrupted = true;
            say(`${signal}: stopping and cleaning up`);
            killRunningCommands();
            void cleanUp().then(() => process.exit(130));
        });
    }
    say(`sizes ${SIZES.join(", ") || "none"} (topics), fastest of ${REPEATS}, budget ${BUDGET_SECONDS / 60} min; log ${LOG}`);
    let status = 0;
    try {
        if (COLD_UPS > 0) {
            await compareColdUps(track);
        }
        if (process.env.BENCH_LIVE_SKIP_E2E !== "1") {
            writeResults({ comparison: await compareWithEmptyProgram(track) });
        }
        if (SIZES.length > 0) {
            await scale(track, results.rows);
        }
    } catch (error) {
        status = 1;
        say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
        await cleanUp();
    }
    const text = table(results.rows, results.comparison, results.coldUps);
    writeFileSync(path.join(RESULTS_DIR, "live.md"), `${text}\n`);
    process.stdout.write(`\n${text}\n\nfull output: ${LOG}; figures: ${path.join(RESULTS_DIR, "live.json")}\n`);
    process.exit(status);
}

void main();
