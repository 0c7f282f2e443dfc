// One stack through its life: a cold `up`, no-op runs, a topic change, drift made
// by hand and put back, a rolling broker replacement under load, a fourth broker,
// and destroy with and without kept data. Scenarios run in order on the same
// stack, because each cold start costs minutes on a small machine.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { runBaseline } from "./baseline";
import { BROKER_HEALTHCHECK_PATH } from "../lib/render/brokerHealthcheck";
import { containerId, docker, healthAfterUp, healthOf, kafkaToolInContainer, rolloutOrder, run, stackObjects, waitHealthy } from "./support/docker";
import { brokerIds, consumeAll, describeTopics, LiveTopic, messageIds, missingSummary, NONE_MISSING, produce } from "./support/kafka";
import { describeTopicsInternally } from "./support/kafkaCli";
import { RESULTS_DIR, TEST_IMAGES } from "./support/paths";
import { pollUntil } from "./support/poll";
import { recordFigure, report, seconds, timed } from "./support/report";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, failureText, Operation, StackSettings, Step } from "./support/stack";
import { computeVerdict, ToolEvent, Verdict, verdictCounts } from "./support/verdict";
import { consumeEverything, Placement, startVerifiableProducer } from "./support/verifiable";
import { expectNoneMissing, underVerifiableProducer } from "./support/underLoad";
import { uiTopics } from "./support/ui";

// Checkouts sharing one Docker engine can run this file at the same time only under
// their own names and host ports: KC_E2E_CLUSTER_STACK names the stack (its baseline
// runs as <stack>-baseline), KC_E2E_CLUSTER_PORT_BLOCK is the first of 40 host ports
// it may use (brokers +0..+3, kafka-ui +10, the baseline's brokers +20..+22 and kafka-ui +30).
const STACK = process.env.KC_E2E_CLUSTER_STACK ?? "e2e-cluster";
const BASELINE_STACK = process.env.KC_E2E_CLUSTER_STACK ? `${STACK}-baseline` : undefined;
const PORT_BLOCK = process.env.KC_E2E_CLUSTER_PORT_BLOCK ? Number(process.env.KC_E2E_CLUSTER_PORT_BLOCK) : undefined;
if (PORT_BLOCK !== undefined && !(Number.isInteger(PORT_BLOCK) && PORT_BLOCK >= 1024 && PORT_BLOCK + 40 <= 32768)) {
    throw new Error(`KC_E2E_CLUSTER_PORT_BLOCK is ${process.env.KC_E2E_CLUSTER_PORT_BLOCK} but must be a whole number from 1024 to 32728`);
}
// Below 32768, Linux's ephemeral range: a client socket must never hold a port a broker is about to bind.
const EXTERNAL_PORT_BASE = PORT_BLOCK ?? 22092;
const UI_PORT = PORT_BLOCK === undefined ? 22080 : PORT_BLOCK + 10;
const BASELINE_PORT_BASE = PORT_BLOCK === undefined ? 24092 : PORT_BLOCK + 20;
const BASELINE_UI_PORT = PORT_BLOCK === undefined ? 24080 : PORT_BLOCK + 30;
const HEAP_MB = 320;
const MINUTES = 60_000;

const EVENTS = "events";
const PROFILES = "profiles";
const TOPICS = {
    [EVENTS]: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2, "retention.ms": 604800000 } },
    [PROFILES]: { partitions: 2, replicationFactor: 2, config: { "cleanup.policy": "compact", "max.message.bytes": 2097152 } },
};
const TOPIC_NAMES = [EVENTS, PROFILES];

/** What Kafka reports for TOPICS: every config value as the string Kafka stores. */
const EXPECTED_TOPICS: Record<string, LiveTopic> = {
    [EVENTS]: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": "2", "retention.ms": "604800000" } },
    [PROFILES]: { partitions: 2, replicationFactor: 2, config: { "cleanup.policy": "compact", "max.message.bytes": "2097152" } },
};

const BASE_SETTINGS: StackSettings = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: 3,
    brokerHeapMb: HEAP_MB,
    externalPortBase: EXTERNAL_PORT_BASE,
    uiPort: UI_PORT,
    brokerRollout: "parallel",
    topics: TOPICS,
};

/** Keeps this run's message ids apart from any earlier run's. */
const runTag = randomUUID().slice(0, 8);
const scenario = scenarioSequence();
let stack: E2eStack;
let settings: StackSettings = BASE_SETTINGS;
let external: string[] = [];
let baselineSeconds: number | undefined;

async function reconfigure(change: (current: StackSettings) => StackSettings): Promise<void> {
    settings = change(settings);
    await stack.configure(settings);
}

function withEventsConfig(config: Record<string, unknown>): StackSettings["topics"] {
    return { ...TOPICS, [EVENTS]: { ...TOPICS[EVENTS], config: { ...TOPICS[EVENTS].config, ...config } } };
}

function changed(operation: Operation): string[] {
    return operation.changes.map((step: Step) => `${step.op} ${step.type} ${step.name}`).sort();
}

function expectNoChanges(operation: Operation): void {
    expect(describeSteps(operation.changes)).toBe("");
    expect(Object.keys(operation.summary).filter((op) => op !== "same" && op !== "read")).toEqual([]);
}

function brokerContainers(count: number): string[] {
    return Array.from({ length: count }, (_, index) => stack.names.broker(index + 1));
}

async function expectHealthy(containers: readonly string[]): Promise<void> {
    const health = Object.fromEntries(await Promise.all(containers.map(async (container) => [container, await healthAfterUp(container)])));
    report(`health: ${JSON.stringify(health)}`);
    expect(health).toEqual(Object.fromEntries(containers.map((container) => [container, "healthy"])));
}

/** Ids of `expected` that cannot be read back from the topic; prints the counts either way. */
async function unreadIds(label: string, expected: ReadonlySet<string> | readonly string[], topic = EVENTS): Promise<string[]> {
    const wanted = new Set(expected);
    const { result: consumed, seconds: took } = await timed(() => consumeAll(external, topic));
    const missing = [...wanted].filter((id) => !consumed.has(id));
    report(`${label}: expected ${wanted.size}, consumed ${wanted.size - missing.length} of them (${consumed.size} messages in ${topic}) in ${seconds(took)} s, missing ${missing.length}${missing.length ? ` e.g. ${missing.slice(0, 5).join(", ")}` : ""}`);
    return missing;
}

/** Kafka's verifiable clients on the stack's network, through the INTERNAL listeners. */
function onNetwork(): Placement {
    return { kind: "network", network: stack.names.network, bootstrap: brokerContainers(3).map((_, index) => `kafka-${index + 1}:19092`).join(","), namePrefix: stack.names.prefix };
}

/** Missing acknowledged messages fail the scenario; the brokers' logs are kept for the post-mortem. */
async function expectNoneMissingKeepingLogs(label: string, verdict: Verdict): Promise<void> {
    if (verdict.missing > 0) {
        for (const container of brokerContainers(3)) {
            const logs = await run("docker", ["logs", container]);
            const file = path.join(RESULTS_DIR, `${container}.log`);
            writeFileSync(file, logs.stdout + logs.stderr);
            report(`broker log kept in ${file}`);
        }
    }
    expectNoneMissing(label, verdict);
}

async function expectAllConsumed(label: string, expected: ReadonlySet<string> | readonly string[], topic = EVENTS): Promise<void> {
    expect(missingSummary(await unreadIds(label, expected, topic))).toEqual(NONE_MISSING);
}

beforeAll(async () => {
    stack = await E2eStack.create(STACK, settings);
}, 5 * MINUTES);

afterAll(async () => {
    await stack?.dispose();
}, 15 * MINUTES);

describe(`stack ${STACK}`, () => {
    // A measurement, not a step of the stack's life: the scenarios do not depend on it.
    test("baseline: the same containers started with plain docker", async () => {
        const timings = await runBaseline({ brokers: 3, heapMb: HEAP_MB, externalPortBase: BASELINE_PORT_BASE, uiPort: BASELINE_UI_PORT, brokerProperties: {}, stack: BASELINE_STACK });
        baselineSeconds = timings.totalSeconds;
        recordFigure("baselineDockerRunSeconds", seconds(timings.totalSeconds));
        recordFigure("baselinePhases", {
            zookeeper: seconds(timings.zookeeperSeconds),
            brokers: seconds(timings.brokersSeconds),
            ui: seconds(timings.uiSeconds),
        });
    }, 10 * MINUTES);

    scenario("1. up from nothing: healthy containers, declared topics, 10,000 messages, kafka-ui", async () => {
        const up = await stack.up();
        recordFigure("coldUpSeconds", seconds(up.seconds));
        if (baselineSeconds) {
            recordFigure("coldUpToBaselineRatio", Math.round((up.seconds / baselineSeconds) * 100) / 100);
        }
        expect(up.changes.every((step) => step.op === "create")).toBe(true);

        const outputs = await stack.outputs();
        external = String(outputs.externalBootstrapServers).split(",");
        expect(external).toEqual([0, 1, 2].map((index) => `127.0.0.1:${EXTERNAL_PORT_BASE + index}`));
        expect(outputs.networkName).toBe(stack.names.network);

        await expectHealthy([stack.names.zookeeper, ...brokerContainers(3), stack.names.ui]);

        const fromHost = await describeTopics(external, TOPIC_NAMES);
        report(`topics via EXTERNAL listeners: ${JSON.stringify(fromHost)}`);
        expect(fromHost).toEqual(EXPECTED_TOPICS);
        const fromNetwork = await describeTopicsInternally(stack.names.network, "kafka-1:19092", TOPIC_NAMES);
        report(`topics via INTERNAL listeners: ${JSON.stringify(fromNetwork)}`);
        expect(fromNetwork).toEqual(EXPECTED_TOPICS);

        const ids = messageIds(`s1-${runTag}`, 10_000);
        const { seconds: produceSeconds } = await timed(() => produce(external, EVENTS, ids));
        report(`produced ${ids.length} messages with acks=all in ${seconds(produceSeconds)} s`);
        await expectAllConsumed("scenario 1", ids);

        const ui = await uiTopics(`http://127.0.0.1:${UI_PORT}`, stack.names.prefix);
        report(`kafka-ui topics: HTTP ${ui.status} ${ui.body.slice(0, 200)}`);
        expect(ui.status).toBe(200);
        for (const topic of TOPIC_NAMES) {
            expect(ui.body).toContain(`"${topic}"`);
        }
    }, 15 * MINUTES);

    scenario("2. a second up and a preview change nothing", async () => {
        expectNoChanges(await stack.up());
        expectNoChanges(await stack.preview());
        const refreshed = await stack.preview({ refresh: true, expectNoChanges: true });
        expectNoChanges(refreshed);
        recordFigure("noOpPreviewRefreshSeconds", seconds(refreshed.seconds));
    }, 15 * MINUTES);

    scenario("policy pack: scripts/preview.sh passes on the clean stack and rejects min.insync.replicas = replicationFactor", async () => {
        const clean = await timed(() => stack.script("scripts/preview.sh", STACK));
        report(`scripts/preview.sh (clean) exited ${clean.result.code} in ${seconds(clean.seconds)} s`);
        expect({ code: clean.result.code, stderr: clean.result.stderr.slice(-2000) }).toEqual({ code: 0, stderr: expect.any(String) });
        recordFigure("policyPreviewSeconds", seconds(clean.seconds));

        // The program accepts this (it only refuses min.insync.replicas above the
        // replication factor); the policy refuses it because one broker down would stop writes.
        await reconfigure((current) => ({ ...current, topics: withEventsConfig({ "min.insync.replicas": 3 }) }));
        try {
            const rejected = await stack.script("scripts/preview.sh", STACK);
            const text = rejected.stdout + rejected.stderr;
            const violation = text.split("\n").find((line) => line.includes("min.insync.replicas must be below the replication factor"));
            report(`scripts/preview.sh (min.insync.replicas 3, RF 3) exited ${rejected.code}: ${violation?.trim() ?? text.slice(-1500)}`);
            expect(rejected.code).not.toBe(0);
            expect(text).toContain("min-insync-below-replication");
            expect(violation).toBeDefined();
        } finally {
            await reconfigure((current) => ({ ...current, topics: TOPICS }));
        }
        const live = await describeTopics(external, [EVENTS]);
        expect(live[EVENTS]).toEqual(EXPECTED_TOPICS[EVENTS]);
    }, 15 * MINUTES);

    scenario("3. changing one topic's retention.ms is one in-place update", async () => {
        await reconfigure((current) => ({ ...current, topics: withEventsConfig({ "retention.ms": 172800000 }) }));
        const preview = await stack.preview();
        expect(changed(preview)).toEqual([`update kafka:index/topic:Topic topics-${EVENTS}`]);
        expect(preview.changes[0]?.diffs).toContain("config");
        expect(preview.summary).toEqual({ same: expect.any(Number), update: 1 });

        const up = await stack.up();
        expect(changed(up)).toEqual(changed(preview));
        const live = await describeTopics(external, [EVENTS]);
        report(`live ${EVENTS} after up: ${JSON.stringify(live[EVENTS])}`);
        expect(live[EVENTS]?.config["retention.ms"]).toBe("172800000");
        expect(live[EVENTS]?.config["min.insync.replicas"]).toBe("2");
    }, 15 * MINUTES);

    scenario("4. a config changed by hand is drift: preview --refresh fails, drift-check exits 2, up --refresh puts it back", async () => {
        await kafkaToolInContainer(
            stack.names.broker(1),
            "kafka-configs.sh", "--bootstrap-server", "kafka-1:19092", "--alter", "--entity-type", "topics",
            "--entity-name", EVENTS, "--add-config", "retention.ms=3600000",
        );
        expect((await describeTopics(external, [EVENTS]))[EVENTS]?.config["retention.ms"]).toBe("3600000");

        const previewText = await failureText(() => stack.preview({ refresh: true, expectNoChanges: true }));
        const named = previewText.split("\n").filter((line) => line.includes(`topics-${EVENTS}`) || line.includes("retention.ms"));
        report(`preview --refresh --expect-no-changes failed; lines naming the topic or key:\n  ${named.join("\n  ")}`);
        expect(previewText).toContain(`topics-${EVENTS}`);
        expect(previewText).toMatch(/retention\.ms.*3600000|3600000.*retention\.ms/s);

        const drift = await stack.script("scripts/drift-check.sh", STACK);
        report(`drift-check.sh exited ${drift.code}: ${drift.stdout.trim()}`);
        expect(drift.code).toBe(2);
        expect(drift.stdout).toContain(`topics-${EVENTS}`);
        expect(drift.stdout).toContain("retention.ms");

        // A plain up compares the program with the recorded state, which never saw the
        // change by hand: it does nothing, and the drift stays.
        expectNoChanges(await stack.up());
        expect((await describeTopics(external, [EVENTS]))[EVENTS]?.config["retention.ms"]).toBe("3600000");

        const up = await stack.up({ refresh: true });
        expect(changed(up)).toEqual([`update kafka:index/topic:Topic topics-${EVENTS}`]);
        expect((await describeTopics(external, [EVENTS]))[EVENTS]?.config["retention.ms"]).toBe("172800000");

        const clean = await stack.script("scripts/drift-check.sh", STACK);
        report(`drift-check.sh after up exited ${clean.code}: ${clean.stdout.trim()}`);
        expect(clean.code).toBe(0);
    }, 15 * MINUTES);

    scenario("5. a rolling broker replacement under an acks=all producer loses no acknowledged message", async () => {
        await reconfigure((current) => ({ ...current, brokerRollout: "rolling", brokerProperties: { "num.io.threads": 4 } }));
        const preview = await stack.preview();
        expect(changed(preview)).toEqual([1, 2, 3].flatMap((id) => [`replace docker:index/container:Container kafka-kafka-${id}-container`, `replace docker:index/container:Container kafka-kafka-${id}-in-sync`]));

        const before = await Promise.all(brokerContainers(3).map(containerId));
        const up = await underVerifiableProducer(
            onNetwork(),
            { topic: EVENTS, throughput: 300, idempotence: true, valuePrefix: 5 },
            () => stack.up(),
            async (verdict, done) => {
                recordFigure("rollingReplacement", { upSeconds: seconds(done?.seconds ?? 0), ...verdictCounts(verdict) });
                await expectNoneMissingKeepingLogs("scenario 5", verdict);
            },
        );
        expect(changed(up)).toEqual(changed(preview));

        // One at a time: each broker was created only after the previous one answered and
        // was in sync, which its in-sync container found out after that broker started.
        const after = await Promise.all(brokerContainers(3).map(containerId));
        after.forEach((id, index) => expect(id).not.toBe(before[index]));
        const order = await rolloutOrder(brokerContainers(3));
        report(`seconds between broker creations: ${order.waits.map(seconds).join(", ")}`);
        expect(order.violations).toEqual([]);
        await expectHealthy(brokerContainers(3));
    }, 20 * MINUTES);

    // What makes a rolling change wait: a restarted broker is healthy only once it is back
    // in sync. Replication to out-of-sync replicas is throttled to a trickle, so broker 3
    // stays behind until the throttle goes; its healthcheck must say so, then recover.
    scenario("5b. a restarted broker that is still catching up is not healthy until it is in sync", async () => {
        const lagging = stack.names.broker(3);
        const configs = (...args: string[]) => kafkaToolInContainer(stack.names.broker(1), "kafka-configs.sh", "--bootstrap-server", "kafka-1:19092", "--alter", ...args);
        const throttledRates = "leader.replication.throttled.rate,follower.replication.throttled.rate";
        const throttledReplicas = "leader.replication.throttled.replicas,follower.replication.throttled.replicas";
        const probe = () => run("docker", ["exec", lagging, "sh", BROKER_HEALTHCHECK_PATH]);

        await docker("stop", "-t", "60", lagging);
        try {
            await configs("--entity-type", "brokers", "--entity-default", "--add-config", "leader.replication.throttled.rate=1024,follower.replication.throttled.rate=1024");
            await configs("--entity-type", "topics", "--entity-name", EVENTS, "--add-config", "leader.replication.throttled.replicas=*,follower.replication.throttled.replicas=*");
            // More than one fetch can carry (1 MiB a partition) before the throttle bites.
            await kafkaToolInContainer(
                stack.names.broker(1),
                "kafka-producer-perf-test.sh", "--topic", EVENTS, "--num-records", "3000", "--record-size", "4096", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=kafka-1:19092", "acks=all",
            );
            await docker("start", lagging);

            const verdict = await pollUntil(probe, (result) => result.stdout.includes("catching up:"), { timeoutMs: 3 * MINUTES, intervalMs: 2_000 });
            report(`healthcheck of ${lagging} while throttled: exit ${verdict.code}, ${verdict.stdout.trim().split("\n").join(" | ")}`);
            expect(verdict.code).toBe(1);
            expect(verdict.stdout).toMatch(new RegExp(`catching up: .*Topic: ${EVENTS}\\s`));
            expect(await healthOf(lagging)).not.toBe("healthy");
        } finally {
            await configs("--entity-type", "topics", "--entity-name", EVENTS, "--delete-config", throttledReplicas);
            await configs("--entity-type", "brokers", "--entity-default", "--delete-config", throttledRates);
        }

        const { seconds: caughtUp } = await timed(() => waitHealthy([lagging], 180));
        report(`${lagging} healthy ${seconds(caughtUp)} s after the throttle went`);
        expect((await probe()).code).toBe(0);
        // The throttle was the only change by hand, and it is gone.
        expectNoChanges(await stack.preview({ refresh: true }));
    }, 10 * MINUTES);

    scenario("6. a fourth broker is four creates (its component, volume, container and in-sync wait) and nothing else", async () => {
        const topicsBefore = await describeTopics(external, TOPIC_NAMES);
        await reconfigure((current) => ({ ...current, brokers: 4 }));
        const expected = [
            "create docker:index/container:Container kafka-kafka-4-container",
            "create docker:index/container:Container kafka-kafka-4-in-sync",
            "create docker:index/volume:Volume kafka-kafka-4-data",
            "create kafka-cluster:index:KafkaBroker kafka-kafka-4",
        ];
        const preview = await stack.preview();
        expect(changed(preview)).toEqual(expected);
        expect(preview.changes.every((step) => step.replaceKeys.length === 0)).toBe(true);

        const up = await stack.up();
        expect(changed(up)).toEqual(expected);
        report(`preview summary ${JSON.stringify(preview.summary)}; up summary ${JSON.stringify(up.summary)}`);
        expect(up.summary).toEqual(preview.summary);

        await expectHealthy(brokerContainers(4));
        expect(await brokerIds(external)).toEqual([1, 2, 3, 4]);
        expect(await describeTopics(external, TOPIC_NAMES)).toEqual(topicsBefore);
    }, 15 * MINUTES);

    scenario("8. destroy keeps volumes, topics and messages, and the next up adopts them; with keepDataOnDestroy false nothing remains", async () => {
        const kept = await startVerifiableProducer(onNetwork(), { topic: EVENTS, throughput: -1, idempotence: true, valuePrefix: 8, maxMessages: 2_000 });
        await kept.exited;
        const keptEvents: ToolEvent[] = kept.events();
        const topicsBefore = await describeTopics(external, TOPIC_NAMES);

        await stack.destroy();
        const afterDestroy = await stackObjects(STACK, stack.names.prefix);
        report(`after destroy with keepDataOnDestroy true: ${JSON.stringify(afterDestroy)}`);
        expect(afterDestroy).toEqual({
            containers: [],
            networks: [],
            volumes: [stack.names.zookeeperDataVolume, stack.names.zookeeperDatalogVolume, ...[1, 2, 3, 4].map(stack.names.brokerDataVolume)].sort(),
        });

        // Forgetting adoptTopics costs nothing: the kept topics refuse to be created again.
        const refused = await failureText(() => stack.up());
        report(`plain up after destroy: ${refused.split("\n").filter((line) => /already exists/.test(line)).join(" | ")}`);
        expect(refused).toMatch(/Topic with this name already exists/);

        await reconfigure((current) => ({ ...current, adoptTopics: true }));
        const adopting = await stack.preview();
        expect(changed(adopting)).toEqual(TOPIC_NAMES.map((topic) => `import kafka:index/topic:Topic topics-${topic}`));
        const again = await stack.up();
        recordFigure("upAdoptingKeptDataSeconds", seconds(again.seconds));
        expect(changed(again)).toEqual(changed(adopting));
        await expectHealthy([stack.names.zookeeper, ...brokerContainers(4), stack.names.ui]);
        expect(await describeTopics(external, TOPIC_NAMES)).toEqual(topicsBefore);
        const verdict = computeVerdict(keptEvents, (await consumeEverything(onNetwork(), EVENTS)).events);
        recordFigure("messagesLostToDestroy", { acknowledged: verdict.acknowledged, lost: verdict.missing });
        expect(verdict.acknowledged).toBe(2_000);
        await expectNoneMissingKeepingLogs("messages acknowledged before destroy", verdict);

        // Once the topics are in the stack, adoptTopics changes nothing either way.
        expectNoChanges(await stack.preview());
        await reconfigure((current) => ({ ...current, adoptTopics: false }));
        expectNoChanges(await stack.preview());

        await reconfigure((current) => ({ ...current, keepDataOnDestroy: false }));
        await stack.up();
        await stack.destroy();
        const gone = await stackObjects(STACK, stack.names.prefix);
        report(`after destroy with keepDataOnDestroy false: ${JSON.stringify(gone)}`);
        expect(gone).toEqual({ containers: [], networks: [], volumes: [] });
    }, 25 * MINUTES);
});
