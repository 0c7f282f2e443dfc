// A KRaft stack (metadataMode kraft, Kafka 4.4) through its life: a cold `up` of 3
// controllers and 3 brokers, no-op runs, a topic change, a rolling replacement of
// every controller and every broker under Kafka's verifiable producer, and one
// controller killed outright. Scenarios run in order on one stack, because each
// cold start costs minutes on a small machine.
import { containerId, docker, healthAfterUp, rolloutOrder, run, stackObjects, waitHealthy } from "./support/docker";
import { describeTopicsInternally, describeTopicsWith } from "./support/kafkaCli";
import { TEST_IMAGES } from "./support/paths";
import { recordFigure, report, seconds } from "./support/report";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, Operation, StackSettings, Step } from "./support/stack";
import { expectNoneMissing, underVerifiableProducer } from "./support/underLoad";
import { verdictCounts } from "./support/verdict";
import { awaitAcknowledged, kafkaToolOnHost, Placement, startVerifiableProducer, verdictOf } from "./support/verifiable";

const STACK = "e2e-kraft";
// This file's host ports: 27092-27199.
const EXTERNAL_PORT_BASE = 27092;
const HEAP_MB = 320;
const MINUTES = 60_000;

const EVENTS = "events";
const TOPICS = {
    [EVENTS]: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2, "retention.ms": 604800000 } },
};
const EXPECTED_EVENTS = { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": "2", "retention.ms": "604800000" } };
const VOTERS = "1001@controller-1:9093,1002@controller-2:9093,1003@controller-3:9093";

const BASE_SETTINGS: StackSettings = {
    metadataMode: "kraft",
    controllerCount: 3,
    brokerImage: TEST_IMAGES.kraftBroker,
    brokers: 3,
    brokerHeapMb: HEAP_MB,
    externalPortBase: EXTERNAL_PORT_BASE,
    // kafka-ui is not what this file is about; leaving it out keeps the CPU for the quorum.
    uiEnabled: false,
    // Parallel for the cold start (a rolling one starts the brokers one after another);
    // scenario 4 turns rolling on.
    brokerRollout: "parallel",
    topics: TOPICS,
};

const scenario = scenarioSequence();
let stack: E2eStack;
let settings: StackSettings = BASE_SETTINGS;
let external: string[] = [];

async function reconfigure(change: (current: StackSettings) => StackSettings): Promise<void> {
    settings = change(settings);
    await stack.configure(settings);
}

function changed(operation: Operation): string[] {
    return operation.changes.map((step: Step) => `${step.op} ${step.type} ${step.name}`).sort();
}

function expectNoChanges(operation: Operation): void {
    expect(describeSteps(operation.changes)).toBe("");
    expect(Object.keys(operation.summary).filter((op) => op !== "same" && op !== "read")).toEqual([]);
}

const controllers = () => [1, 2, 3].map((index) => stack.names.controller(index));
const brokers = () => [1, 2, 3].map((id) => stack.names.broker(id));

async function expectHealthy(containers: readonly string[]): Promise<void> {
    const health = Object.fromEntries(await Promise.all(containers.map(async (container) => [container, await healthAfterUp(container)])));
    report(`health: ${JSON.stringify(health)}`);
    expect(health).toEqual(Object.fromEntries(containers.map((container) => [container, "healthy"])));
}

/** Kafka's verifiable clients on the stack's network, through the INTERNAL listeners. */
function onNetwork(): Placement {
    return { kind: "network", network: stack.names.network, bootstrap: "kafka-1:19092,kafka-2:19092,kafka-3:19092", namePrefix: stack.names.prefix };
}

/** `kafka-metadata-quorum.sh describe --status`, asked of one controller, as key/value pairs. */
async function quorumStatus(container: string): Promise<Record<string, string>> {
    const text = await docker("exec", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", container, "/opt/kafka/bin/kafka-metadata-quorum.sh", "--bootstrap-controller", "127.0.0.1:9093", "describe", "--status");
    return Object.fromEntries(text.split("\n").filter((line) => line.includes(":")).map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()]));
}

/** When each container was created, in seconds since the epoch. */
beforeAll(async () => {
    stack = await E2eStack.create(STACK, settings);
}, 5 * MINUTES);

afterAll(async () => {
    await stack?.dispose();
}, 10 * MINUTES);

describe(`stack ${STACK}`, () => {
    scenario("1. up from nothing: 3 controllers and 3 brokers healthy, no ZooKeeper, the topic seen by Kafka's CLI from the host and from the network", async () => {
        const up = await stack.up();
        recordFigure("kraftColdUpSeconds", seconds(up.seconds));
        expect(up.changes.every((step) => step.op === "create")).toBe(true);

        const outputs = await stack.outputs();
        external = String(outputs.externalBootstrapServers).split(",");
        expect(external).toEqual(["127.0.0.1:27092", "127.0.0.1:27093", "127.0.0.1:27094"]);
        expect(outputs.controllerQuorumVoters).toBe(VOTERS);
        expect(outputs.zookeeperConnect).toBeUndefined();

        await expectHealthy([...controllers(), ...brokers()]);
        const objects = await stackObjects(STACK, stack.names.prefix);
        expect(objects.containers).toEqual([...controllers(), ...brokers(), ...brokers().map((broker) => `${broker}-in-sync`)].sort());
        // The CONTROLLER listener is never published on the host.
        for (const controller of controllers()) {
            expect(await docker("port", controller)).toBe("");
        }

        const status = await quorumStatus(stack.names.controller(1));
        report(`quorum: ${JSON.stringify(status)}`);
        expect(status.ClusterId).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
        expect(status.CurrentVoters).toMatch(/"id":\s*1001.*"id":\s*1002.*"id":\s*1003/s);

        const onHost = await describeTopicsWith((tool, ...args) => kafkaToolOnHost(tool === "kafka-topics.sh" ? "org.apache.kafka.tools.TopicCommand" : "kafka.admin.ConfigCommand", ...args), external[0] ?? "", [EVENTS]);
        report(`topics via EXTERNAL listeners (CLI on the host): ${JSON.stringify(onHost)}`);
        expect(onHost).toEqual({ [EVENTS]: EXPECTED_EVENTS });
        const onNetworkTopics = await describeTopicsInternally(stack.names.network, "kafka-1:19092", [EVENTS]);
        report(`topics via INTERNAL listeners (CLI in a container): ${JSON.stringify(onNetworkTopics)}`);
        expect(onNetworkTopics).toEqual({ [EVENTS]: EXPECTED_EVENTS });
    }, 10 * MINUTES);

    scenario("2. a second up and a preview --refresh change nothing", async () => {
        expectNoChanges(await stack.up());
        expectNoChanges(await stack.preview({ refresh: true, expectNoChanges: true }));
    }, 10 * MINUTES);

    scenario("3. changing the topic's retention.ms is one in-place update", async () => {
        await reconfigure((current) => ({ ...current, topics: { [EVENTS]: { ...TOPICS[EVENTS], config: { ...TOPICS[EVENTS].config, "retention.ms": 172800000 } } } }));
        const preview = await stack.preview();
        expect(changed(preview)).toEqual([`update kafka:index/topic:Topic topics-${EVENTS}`]);
        const up = await stack.up();
        expect(changed(up)).toEqual(changed(preview));
        const live = await describeTopicsInternally(stack.names.network, "kafka-1:19092", [EVENTS]);
        expect(live[EVENTS]?.config["retention.ms"]).toBe("172800000");
    }, 10 * MINUTES);

    scenario("4. a broker property rolls every controller, one at a time, then every broker, under an acks=all producer, losing no acknowledged message", async () => {
        await reconfigure((current) => ({ ...current, brokerRollout: "rolling", brokerProperties: { "num.io.threads": 4 } }));
        const preview = await stack.preview();
        expect(changed(preview)).toEqual(
            [...[1, 2, 3].map((index) => `replace docker:index/container:Container kafka-controller-${index}-container`), ...[1, 2, 3].flatMap((id) => [`replace docker:index/container:Container kafka-kafka-${id}-container`, `replace docker:index/container:Container kafka-kafka-${id}-in-sync`])].sort(),
        );

        const before = await Promise.all([...controllers(), ...brokers()].map(containerId));
        const up = await underVerifiableProducer(
            onNetwork(),
            { topic: EVENTS, throughput: 300, idempotence: true, valuePrefix: 4 },
            () => stack.up(),
            (verdict, done) => {
                recordFigure("kraftRollingReplacement", { upSeconds: seconds(done?.seconds ?? 0), ...verdictCounts(verdict) });
                expectNoneMissing("scenario 4", verdict);
            },
        );
        expect(changed(up)).toEqual(changed(preview));
        const after = await Promise.all([...controllers(), ...brokers()].map(containerId));
        after.forEach((id, index) => expect(id).not.toBe(before[index]));

        // One at a time: each node was created only once the one before it was ready (a
        // controller healthy, a broker in sync), and the brokers only after the last controller.
        const order = await rolloutOrder([...controllers(), ...brokers()]);
        report(`seconds between creations (controller-1 .. controller-3, kafka-1 .. kafka-3): ${order.waits.map(seconds).join(", ")}`);
        expect(order.violations).toEqual([]);
        await expectHealthy([...controllers(), ...brokers()]);
    }, 15 * MINUTES);

    scenario("5. the active controller killed outright: a new leader is elected and the producer carries on", async () => {
        const leaderId = Number((await quorumStatus(stack.names.controller(1))).LeaderId);
        expect([1001, 1002, 1003]).toContain(leaderId);
        const killed = stack.names.controller(leaderId - 1000);
        const survivor = controllers().find((container) => container !== killed) ?? "";
        const producer = await startVerifiableProducer(onNetwork(), { topic: EVENTS, throughput: 300, idempotence: true, valuePrefix: 5 });
        let restartedAt = new Date().toISOString();
        try {
            await awaitAcknowledged(producer, 300);
            await docker("stop", "-t", "0", killed);
            const atKill = producer.acknowledged();
            const started = Date.now();
            // The quorum: the two left elect a leader among themselves.
            let status: Record<string, string> = {};
            for (let attempt = 0; attempt < 30; attempt += 1) {
                status = await quorumStatus(survivor).catch(() => ({}));
                if (status.LeaderId && Number(status.LeaderId) !== leaderId) break;
                await new Promise((resolve) => setTimeout(resolve, 1_000));
            }
            report(`after stopping ${killed} (leader ${leaderId}): ${JSON.stringify(status)} within ${seconds((Date.now() - started) / 1000)} s`);
            expect(Number(status.LeaderId)).not.toBe(leaderId);
            // The producer: it keeps getting acknowledgements with a controller gone.
            await awaitAcknowledged(producer, atKill + 900, 60_000);
            // Metadata changes go on too: a topic can be created and seen.
            await docker("exec", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", stack.names.broker(1), "/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", "kafka-1:19092", "--create", "--topic", "made-while-one-controller-was-down", "--partitions", "1", "--replication-factor", "1");
        } finally {
            restartedAt = new Date().toISOString();
            await docker("start", killed);
            const verdict = await verdictOf(onNetwork(), producer, EVENTS);
            recordFigure("kraftControllerKilled", { acknowledged: verdict.acknowledged, missing: verdict.missing, longestAckGapSeconds: verdict.longestAckGapSeconds });
            expectNoneMissing("scenario 5", verdict);
        }
        await waitHealthy([killed], 180);
        await docker("exec", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", stack.names.broker(1), "/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", "kafka-1:19092", "--delete", "--topic", "made-while-one-controller-was-down");
        await expectHealthy([...controllers(), ...brokers()]);
        // It came back on its own log: the start command's format step left the volume alone.
        const restarted = await run("docker", ["logs", "--since", restartedAt, killed]);
        expect(restarted.stdout + restarted.stderr).toContain("All of the log directories are already formatted.");
    }, 10 * MINUTES);
});
