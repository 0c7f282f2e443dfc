// A running ZooKeeper stack (Kafka 3.9) moved to KRaft with `kraftMigration`, one
// phase per `pulumi up`, each previewed first, under one VerifiableProducer that
// writes through every phase and the upgrade to Kafka 4.4 that follows; then
// every acknowledged message is read back. One controller (the dev setting, with
// its warning) keeps the whole file inside its CI budget: three would add two
// controller starts to phase 1 and two rolls each to phase 4 and the upgrade.
import { readFile } from "node:fs/promises";
import type { MigrationSetting } from "../lib/config/kraftMigration";
import { CONTROLLER_LISTENER_PORT } from "../lib/render/controllerQuorum";
import { docker, healthAfterUp, refuseConnections, run, stackObjects, troubledContainers } from "./support/docker";
import { pollUntil } from "./support/poll";
import { TEST_IMAGES } from "./support/paths";
import { recordFigure, report, seconds } from "./support/report";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, failureText, Operation, StackSettings, Step } from "./support/stack";
import { expectNoneMissing, underVerifiableProducer } from "./support/underLoad";
import { longestAckGapWithin } from "./support/verdict";
import { Placement, RunningTool } from "./support/verifiable";

const STACK = "e2e-migrate";
// This file's host ports: 31092-31199; its subnet is no other file's.
const EXTERNAL_PORT_BASE = 31092;
const SUBNET = "10.215.0.0/24";
const HEAP_MB = 320;
const MINUTES = 60_000;

const EVENTS = "events";
const TOPICS = { [EVENTS]: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2 } } };
const MIGRATION_COMPLETE = "Completed migration of metadata from ZooKeeper to KRaft";
/** The main class of a Kafka server's JVM (what the container's first process runs once its start command execs it). */
const KAFKA_SERVER_MAIN = "kafka.Kafka";
/** What Kafka logs when a controller's registration request could not be sent in time (and, in 3.9, is never sent again). */
const REGISTRATION_TIMED_OUT = "channel manager timed out before sending the request";

const CONTAINER = "docker:index/container:Container";
const VOLUME = "docker:index/volume:Volume";
const IMAGE = "docker:index/remoteImage:RemoteImage";
// Each broker and the one-shot container that waited for it to be in sync (components/kafkaBroker.ts).
const BROKER_CONTAINERS = [1, 2, 3].flatMap((id) => [`kafka-kafka-${id}-container`, `kafka-kafka-${id}-in-sync`]);

const BASE_SETTINGS: StackSettings = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    brokers: 3,
    brokerHeapMb: HEAP_MB,
    externalPortBase: EXTERNAL_PORT_BASE,
    networkSubnet: SUBNET,
    uiEnabled: false,
    // Rolling from the start: the cold up is the only time every broker starts at once.
    brokerRollout: "rolling",
    controllerCount: 1,
    topics: TOPICS,
};

/** Each step: what it sets, and exactly what its preview (and its up) changes. */
interface MigrationStep {
    readonly label: MigrationSetting | "kafka 4.4";
    readonly settings: StackSettings;
    readonly changes: string[];
}

const STEPS: MigrationStep[] = [
    {
        label: "controllers",
        settings: { kraftMigration: "controllers" },
        changes: ["create kafka-cluster:index:KraftController kafka-controller-1", `create ${VOLUME} kafka-controller-1-data`, `create ${CONTAINER} kafka-controller-1-container`],
    },
    { label: "brokersMigrating", settings: { kraftMigration: "brokersMigrating" }, changes: BROKER_CONTAINERS.map((name) => `replace ${CONTAINER} ${name}`) },
    { label: "brokersKraft", settings: { kraftMigration: "brokersKraft" }, changes: BROKER_CONTAINERS.map((name) => `replace ${CONTAINER} ${name}`) },
    { label: "controllersKraft", settings: { kraftMigration: "controllersKraft" }, changes: [`replace ${CONTAINER} kafka-controller-1-container`] },
    {
        label: "zookeeperRemoved",
        settings: { kraftMigration: "zookeeperRemoved" },
        // ZooKeeper's container, the one-shot container that waited for it, and its image; never its volumes.
        changes: [`delete ${CONTAINER} kafka-zookeeper-container`, `delete ${CONTAINER} kafka-zookeeper-answering`, `delete ${IMAGE} kafka-zookeeper-image`],
    },
    {
        label: "kafka 4.4",
        settings: { brokerImage: TEST_IMAGES.kraftBroker },
        changes: [`replace ${IMAGE} kafka-broker-image`, `replace ${CONTAINER} kafka-controller-1-container`, ...BROKER_CONTAINERS.map((name) => `replace ${CONTAINER} ${name}`)],
    },
];

const scenario = scenarioSequence();
let stack: E2eStack;
let settings: StackSettings = BASE_SETTINGS;

async function reconfigure(change: StackSettings): Promise<void> {
    settings = { ...settings, ...change };
    await stack.configure(settings);
}

function changed(operation: Operation | undefined): string[] {
    return (operation?.changes ?? []).map((step: Step) => `${step.op} ${step.type} ${step.name}`).sort();
}

function expectNoChanges(operation: Operation): void {
    expect(describeSteps(operation.changes)).toBe("");
}

/** Kafka's verifiable clients on the stack's network, through the INTERNAL listeners. */
function onNetwork(): Placement {
    return { kind: "network", network: stack.names.network, bootstrap: "kafka-1:19092,kafka-2:19092,kafka-3:19092", namePrefix: stack.names.prefix };
}

/** The previewed run of a setting the program must refuse: the message, and that nothing changed. */
async function expectRefused(change: StackSettings, message: string): Promise<void> {
    const before = settings;
    await reconfigure(change);
    const text = await failureText(() => stack.preview());
    expect(text).toContain(message);
    settings = before;
    await stack.configure(settings);
}

/** Waits for the controller to log that ZooKeeper's metadata is in its log (phase 2's end). */
async function awaitMigrationComplete(timeoutSeconds: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutSeconds * 1000) {
        const logs = await run("docker", ["logs", stack.names.controller(1)]);
        if ((logs.stdout + logs.stderr).includes(MIGRATION_COMPLETE)) {
            return (Date.now() - started) / 1000;
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    throw new Error(`the controller did not log "${MIGRATION_COMPLETE}" within ${timeoutSeconds} s`);
}

/**
 * Kafka 3.9's lost registration (lib/render/controllerHealthcheck.ts), made to
 * happen during phase 1's up: from the moment its server starts, its
 * connections to its own CONTROLLER listener are refused until it logs that its
 * registration request timed out, which Kafka 3.9 never retries. Its
 * healthcheck must then restart it, and `up` must still end with it healthy.
 * Resolves once the fault is lifted, with the seconds it was held.
 */
async function loseRegistrationAtStart(): Promise<number> {
    const controller = stack.names.controller(1);
    // The block goes in once the container's first process is the server itself (the start command reads
    // ZooKeeper and formats the volume first, two JVMs, and could be restarted by Docker during them):
    // polled closely, since the server registers a second or two after it starts.
    const serverStarted = async () => {
        const state = await run("docker", ["inspect", "-f", "{{.State.Pid}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", controller]);
        const [pid, address] = state.code === 0 ? state.stdout.trim().split(" ") : [];
        const command = pid && pid !== "0" ? await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "") : "";
        return command.includes(KAFKA_SERVER_MAIN) ? address : undefined;
    };
    const address = await pollUntil(serverStarted, (found) => found !== undefined, { timeoutMs: 2 * MINUTES, intervalMs: 50 });
    if (!address) throw new Error(`${controller}'s server did not start within 2 minutes`);
    const startedAt = Date.now();
    const allow = await refuseConnections(controller, { address, port: CONTROLLER_LISTENER_PORT });
    const logs = await pollUntil(
        () => run("docker", ["logs", controller]),
        (result) => (result.stdout + result.stderr).includes(REGISTRATION_TIMED_OUT),
        { timeoutMs: MINUTES, intervalMs: 200 },
    );
    const lifted = await allow().then(
        () => "lifted",
        async (error: unknown) => `could not be lifted (${String(error)}); the stack's containers:\n${await troubledContainers(STACK, stack.names.prefix)}`,
    );
    expect(`${(logs.stdout + logs.stderr).includes(REGISTRATION_TIMED_OUT) ? REGISTRATION_TIMED_OUT : "no registration timeout logged"}; fault ${lifted}`).toBe(`${REGISTRATION_TIMED_OUT}; fault lifted`);
    return (Date.now() - startedAt) / 1000;
}

/**
 * Phase 1's fault and its mending: the registration lost at start, then, once
 * `up` has returned, the controller restarted exactly once by its healthcheck,
 * saying why in its log, and healthy.
 */
function registrationLostAndMended(): Promise<() => Promise<Record<string, unknown>>> {
    return loseRegistrationAtStart().then((refusedSeconds) => async () => {
        const controller = stack.names.controller(1);
        const logs = await run("docker", ["logs", controller]);
        const text = logs.stdout + logs.stderr;
        expect(text).toContain("[kafka-cluster healthcheck] controller 1001 has been unregistered");
        expect(await docker("inspect", "-f", "{{.RestartCount}}", controller)).toBe("1");
        expect(await healthAfterUp(controller)).toBe("healthy");
        const restarted = await docker("inspect", "-f", "{{.State.StartedAt}}", controller);
        const created = await docker("inspect", "-f", "{{.Created}}", controller);
        return { refusedSeconds: seconds(refusedSeconds), restartedAfterCreateSeconds: seconds((Date.parse(restarted) - Date.parse(created)) / 1000) };
    });
}

/** One step under the running producer: preview (exactly its changes), up (the same), then its figures. */
async function takeStep(step: MigrationStep, producer: RunningTool): Promise<Record<string, unknown>> {
    await reconfigure(step.settings);
    const preview = await stack.preview();
    expect(changed(preview)).toEqual([...step.changes].sort());
    const from = Date.now();
    const [up, registrationLost] = await Promise.all([stack.up(), step.label === "controllers" ? registrationLostAndMended() : undefined]);
    expect(changed(up)).toEqual(changed(preview));
    const completedAfterSeconds = step.label === "brokersMigrating" ? seconds(await awaitMigrationComplete(120)) : undefined;
    const figure = {
        upSeconds: seconds(up.seconds),
        longestStallSeconds: longestAckGapWithin(producer.events(), from, Date.now()),
        ...(registrationLost === undefined ? {} : { registrationLost: await registrationLost() }),
        ...(completedAfterSeconds === undefined ? {} : { migrationCompleteAfterUpSeconds: completedAfterSeconds }),
    };
    report(`${step.label}: ${JSON.stringify(figure)}`);
    return figure;
}

beforeAll(async () => {
    stack = await E2eStack.create(STACK, settings);
}, 5 * MINUTES);

afterAll(async () => {
    await stack?.dispose();
}, 10 * MINUTES);

describe(`stack ${STACK}`, () => {
    scenario("1. a ZooKeeper stack (Kafka 3.9) with an RF 3 topic; a direct switch of metadataMode and a skipped phase are refused at preview", async () => {
        const up = await stack.up();
        recordFigure("migrationZookeeperColdUpSeconds", seconds(up.seconds));
        expect((await stack.outputs()).zookeeperConnect).toBe("zookeeper:2181");

        await expectRefused({ metadataMode: "kraft", brokerImage: TEST_IMAGES.kraftBroker }, "set kraftMigration controllers next");
        await expectRefused(
            { kraftMigration: "brokersMigrating" },
            "kraftMigration is brokersMigrating (phase 2) but the stack is in phase 0 (none); each up moves one phase, after the one before it has finished, so set kraftMigration controllers (phase 1) first",
        );
    }, 8 * MINUTES);

    scenario("2. every phase, then Kafka 4.4, each previewed as exactly its own change, under one acks=all producer that loses nothing", async () => {
        const figures: Record<string, unknown> = {};
        await underVerifiableProducer(
            onNetwork(),
            { topic: EVENTS, throughput: 200, idempotence: true, valuePrefix: 1 },
            async (producer) => {
                for (const step of STEPS) {
                    figures[step.label] = await takeStep(step, producer);
                }
            },
            (verdict) => {
                recordFigure("migrationPhases", { ...figures, acknowledged: verdict.acknowledged, missing: verdict.missing, duplicates: verdict.duplicates, failedSends: verdict.failedSends });
                expectNoneMissing("migration", verdict);
            },
        );
    }, 30 * MINUTES);

    scenario("3. migrated: KRaft on Kafka 4.4, a repeated up changes nothing, going back is refused, and no volume was lost", async () => {
        expectNoChanges(await stack.up());
        // Kafka 3.9 again too, or the preview would stop at the image (Kafka 4 brokers have no ZooKeeper mode) before the phase.
        await expectRefused(
            { kraftMigration: "brokersKraft", brokerImage: TEST_IMAGES.broker },
            "kraftMigration is brokersKraft (phase 3) but the stack is in phase 5 (zookeeperRemoved), past the point of no return (phase 4, controllersKraft)",
        );

        const outputs = await stack.outputs();
        expect(outputs.kraftMigration).toBe("zookeeperRemoved");
        expect(outputs.zookeeperConnect).toBeUndefined();
        const status = await docker("exec", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", stack.names.controller(1), "/opt/kafka/bin/kafka-metadata-quorum.sh", "--bootstrap-controller", "127.0.0.1:9093", "describe", "--status");
        report(`quorum after the migration:\n${status}`);
        expect(status).toMatch(/LeaderId:\s+1001/);

        const objects = await stackObjects(STACK, stack.names.prefix);
        // The verifiable clients' containers (removed as they exit) are not the stack's.
        const containers = objects.containers.filter((name) => !/-(producer|consumer)-\d+-\d+$/.test(name));
        expect(containers).toEqual([stack.names.controller(1), ...[1, 2, 3].flatMap((id) => [stack.names.broker(id), `${stack.names.broker(id)}-in-sync`])].sort());
        // ZooKeeper's volumes stay: nothing was deleted that nobody asked for.
        expect(objects.volumes).toEqual(
            [stack.names.zookeeperDataVolume, stack.names.zookeeperDatalogVolume, stack.names.controllerDataVolume(1), ...[1, 2, 3].map((id) => stack.names.brokerDataVolume(id))].sort(),
        );
        for (const container of containers.filter((name) => !name.endsWith("-in-sync"))) {
            expect(await healthAfterUp(container)).toBe("healthy");
        }
    }, 8 * MINUTES);
});
