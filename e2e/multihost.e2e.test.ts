// Stacks over several Docker hosts, each a Docker engine in a network namespace
// of its own (e2e/docker/multihost.sh), joined only by veth links on 10.77.0.0/24.
// First a ZooKeeper ensemble of 3 and a broker per host, racked by host, reached
// over published ports: clients on a fourth machine (a namespace with no engine)
// produce and consume through the EXTERNAL listeners; one whole host is cut off
// (its link down) while Kafka's verifiable producer writes with acks=all from a
// surviving host: producing goes on, nothing acknowledged is lost, and the broker
// rejoins every ISR once the host is back; then a fourth host with a broker is
// only created. That stack is torn down and a KRaft stack takes the same engines:
// a controller and a broker per host, and the same host loss.
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { FIRST_VERDICT_SECONDS, run } from "./support/docker";
import { REPO_ROOT, TEST_IMAGES } from "./support/paths";
import { pollUntil, sleep } from "./support/poll";
import { recordFigure, report, seconds, timed } from "./support/report";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, Operation, StackSettings } from "./support/stack";
import { longestAckGapSeconds } from "./support/verdict";
import { expectNoneMissing } from "./support/underLoad";
import { awaitAcknowledged, Placement, startVerifiableProducer, verdictOf } from "./support/verifiable";

const STACK = "e2e-multihost";
const KRAFT_STACK = "e2e-multihost-kraft";
const MINUTES = 60_000;
const HOSTS_SCRIPT = path.join(REPO_ROOT, "e2e/docker/multihost.sh");
const host = (n: number) => ({ n, name: `h${n}`, engine: `unix:///run/kc-host-${n}/docker.sock`, address: `10.77.0.${10 + n}` });
const HOSTS = [1, 2, 3].map(host);
/** Added by the "fourth host" scenario. */
const HOST_4 = host(4);
/** A fourth machine with no Docker engine: Kafka's clients run there as JVMs (multihost.sh's client namespace). */
const CLIENT_NETNS = "kc-client";
/** Host cut off in the fault; the producer and the checks run on host 1. */
const CUT = 3;
const TOPIC = `spread-${randomUUID().slice(0, 6)}`;
const CLIENT_TOPIC = `client-${randomUUID().slice(0, 6)}`;
const KRAFT_TOPIC = `quorum-${randomUUID().slice(0, 6)}`;
const declaredHosts = (hosts: readonly ReturnType<typeof host>[]) => hosts.map(({ name, engine, address }) => ({ name, endpoint: engine, address }));

const SETTINGS: StackSettings = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: 3,
    brokerHeapMb: 320,
    brokerRollout: "rolling",
    allowPublicBind: true,
    // 29092-29199 only: EXTERNAL 29092-29094, INTERNAL 29142-29144, ZooKeeper 29170-29172, UI 29180.
    externalPortBase: 29092,
    uiPort: 29180,
    hosts: declaredHosts(HOSTS),
    multiHost: { zookeeperNodes: 3, internalPortBase: 29142, zookeeperPortBase: 29170 },
    brokerProperties: { "min.insync.replicas": 2 },
    topics: {
        [TOPIC]: { partitions: 6, replicationFactor: 3, config: { "min.insync.replicas": 2 } },
        [CLIENT_TOPIC]: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2 } },
    },
};

/** The same engines after the ZooKeeper stack is gone: a controller and a broker per host, the same ports. */
const KRAFT_SETTINGS: StackSettings = {
    metadataMode: "kraft",
    controllerCount: 3,
    brokerImage: TEST_IMAGES.kraftBroker,
    brokers: 3,
    brokerHeapMb: 320,
    // Parallel: a cold start of brokers chained one after another costs minutes this file does not have.
    brokerRollout: "parallel",
    allowPublicBind: true,
    // 29092-29199 only: EXTERNAL 29092-29094, INTERNAL 29142-29144, CONTROLLER 29175 on each host.
    externalPortBase: 29092,
    uiEnabled: false,
    hosts: declaredHosts(HOSTS),
    multiHost: { internalPortBase: 29142, controllerPort: 29175 },
    brokerProperties: { "min.insync.replicas": 2 },
    topics: { [KRAFT_TOPIC]: { partitions: 6, replicationFactor: 3, config: { "min.insync.replicas": 2 } } },
};

let stack: E2eStack;
let kraftStack: E2eStack | undefined;
/** The fourth machine's engine, started while the first scenarios run: a machine is there before it is declared. */
let fourthHost: Promise<void> | undefined;
let outputs: Record<string, unknown>;
let kraftOutputs: Record<string, unknown>;

async function hosts(...args: string[]): Promise<void> {
    const result = await run(HOSTS_SCRIPT, args);
    if (result.code !== 0) {
        throw new Error(`multihost.sh ${args.join(" ")} exited ${result.code}:\n${result.stderr.slice(-3000)}`);
    }
}

/** A Kafka tool in a throwaway container on host 1, dialling the brokers' host addresses. */
async function kafkaTool(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return run("docker", ["-H", HOSTS[0].engine, "run", "--rm", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", TEST_IMAGES.broker, ...args]);
}

let current = () => outputs;
const internal = () => String(current().internalBootstrapServers);
const onHost1 = (stackName: string): Placement => ({ kind: "network", network: "bridge", bootstrap: internal(), namePrefix: `kafka-cluster-${stackName}`, engine: HOSTS[0].engine });

async function underReplicated(): Promise<string> {
    // Bootstrap from the surviving hosts only, so the check answers while host 3 is away.
    const bootstrap = internal().split(",").slice(0, 2).join(",");
    const result = await kafkaTool("/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", bootstrap, "--describe", "--under-replicated-partitions");
    return result.code === 0 ? result.stdout.trim() : `kafka-topics.sh failed: ${result.stderr.trim().split("\n").slice(-2).join(" ")}`;
}

async function zookeeperModes(): Promise<string[]> {
    return Promise.all(
        HOSTS.map(async ({ engine }, index) => {
            const result = await run("docker", ["-H", engine, "exec", `kafka-cluster-${STACK}-zookeeper-${index + 1}`, "sh", "-c", "printf srvr | nc -w 2 127.0.0.1 2181"]);
            return /Mode: (\w+)/.exec(result.stdout)?.[1] ?? "unreachable";
        }),
    );
}

/** Containers of a stack on one host engine, with their status. */
async function containersOn(engine: string, stackName: string): Promise<string[]> {
    const names = await run("docker", ["-H", engine, "ps", "-a", "--filter", `label=com.kafka-cluster.stack=${stackName}`, "--format", "{{.Names}} {{.Status}}"]);
    return names.stdout.trim().split("\n").filter(Boolean).sort();
}

/**
 * The same, once Docker has its first verdict on every container: `up` returns
 * when each broker's in-sync container saw it in sync, before Docker's first check.
 */
async function settledContainersOn(engine: string, stackName: string): Promise<string[]> {
    return pollUntil(() => containersOn(engine, stackName), (lines) => !lines.some((line) => line.includes("health: starting")), {
        timeoutMs: FIRST_VERDICT_SECONDS * 1000,
        intervalMs: 1000,
    });
}

/** The full ids of a stack's containers on each of `hosts`: a replaced container gets a new one. */
async function containerIds(stackName: string, hosts: readonly ReturnType<typeof host>[]): Promise<string[][]> {
    return Promise.all(
        hosts.map(async (candidate) => (await run("docker", ["-H", candidate.engine, "ps", "-aq", "--no-trunc", "--filter", `label=com.kafka-cluster.stack=${stackName}`])).stdout.trim().split("\n").sort()),
    );
}

/** Steps other than creates: what would replace, update or delete something that exists. */
function notCreates(operation: Operation): string[] {
    return operation.changes.filter((step) => step.op !== "create").map((step) => `${step.op} ${step.type} ${step.name}`);
}

/** The stacks' containers, volumes and networks on every host engine (E2eStack clears the default engine only). */
async function removeFromHosts(...stackNames: string[]): Promise<void> {
    for (const [{ engine }, stackName] of [...HOSTS, HOST_4].flatMap((candidate) => stackNames.map((name) => [candidate, name] as const))) {
        // An engine not started (host 4 before its scenario) answers nothing, which is fine.
        const filter = `label=com.kafka-cluster.stack=${stackName}`;
        const containers = (await run("docker", ["-H", engine, "ps", "-aq", "--filter", filter])).stdout.split("\n").filter(Boolean);
        if (containers.length > 0) await run("docker", ["-H", engine, "rm", "-f", ...containers]);
        const volumes = (await run("docker", ["-H", engine, "volume", "ls", "-q", "--filter", filter])).stdout.split("\n").filter(Boolean);
        if (volumes.length > 0) await run("docker", ["-H", engine, "volume", "rm", "-f", ...volumes]);
        const networks = (await run("docker", ["-H", engine, "network", "ls", "-q", "--filter", filter])).stdout.split("\n").filter(Boolean);
        if (networks.length > 0) await run("docker", ["-H", engine, "network", "rm", ...networks]);
    }
}

beforeAll(async () => {
    const { seconds: took } = await timed(() => hosts("up"));
    recordFigure("multihostHostsUpSeconds", seconds(took));
    // Loading the images into a fourth engine is mostly disk work; it overlaps the CPU-bound cold up.
    fourthHost = hosts("up", "4");
    fourthHost.catch(() => undefined);
    await removeFromHosts(STACK, KRAFT_STACK);
    stack = await E2eStack.create(STACK, SETTINGS);
}, 10 * MINUTES);

afterAll(async () => {
    await hosts("restore", String(CUT)).catch(() => undefined);
    await fourthHost?.catch(() => undefined);
    await stack?.dispose();
    await kraftStack?.dispose();
    await removeFromHosts(STACK, KRAFT_STACK);
    if (process.env.KC_KEEP_HOSTS !== "1") await hosts("down");
}, 8 * MINUTES);

/** Partition replicas of `topic` as Kafka describes them, each list mapped to the racks (hosts) of its brokers. */
async function replicaRacks(topic: string, rackOf: Record<string, string>): Promise<number[]> {
    const described = await kafkaTool("/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", internal(), "--describe", "--topic", topic);
    expect(described.code).toBe(0);
    const replicas = [...described.stdout.matchAll(/Partition: \d+\s+Leader: \d+\s+Replicas: ([\d,]+)/g)].map((match) => match[1]?.split(",") ?? []);
    return replicas.map((set) => new Set(set.map((id) => rackOf[id])).size);
}

interface HostLoss {
    readonly acknowledged: number;
    readonly missing: number;
    readonly longestStallSeconds: number;
    readonly fullIsrAfterReturnSeconds: number;
}

/**
 * Host CUT's link goes down for `awaySeconds` while the verifiable producer
 * writes with acks=all from a container on host 1; `whileAway` checks the
 * metadata service kept its majority. Then the link returns, every partition
 * must be fully replicated again, and every acknowledged message read back.
 */
async function loseHost(stackName: string, topic: string, awaySeconds: number, whileAway: () => Promise<void>): Promise<HostLoss> {
    // `multihost.sh up` sets every host's link up: it must be done before one is cut.
    await fourthHost;
    const placement = onHost1(stackName);
    const producer = await startVerifiableProducer(placement, { topic, throughput: 200, idempotence: true, valuePrefix: 7 });
    let verdict: Awaited<ReturnType<typeof verdictOf>> | undefined;
    let fullIsrSeconds = -1;
    try {
        await awaitAcknowledged(producer, 400);
        await hosts("cut", String(CUT));
        report(`${stackName}: host ${CUT} cut off after ${producer.acknowledged()} acknowledgements`);
        const atCut = producer.acknowledged();
        await sleep(awaySeconds * 1000);
        const duringLoss = producer.acknowledged() - atCut;
        report(`${stackName}: ${duringLoss} acknowledgements while host ${CUT} was away`);
        expect(duringLoss).toBeGreaterThan(1_000);
        await whileAway();

        const restored = Date.now();
        await hosts("restore", String(CUT));
        const last = await pollUntil(underReplicated, (text) => text === "", { timeoutMs: 4 * MINUTES, intervalMs: 3_000 });
        expect(last).toBe("");
        fullIsrSeconds = (Date.now() - restored) / 1000;
        await awaitAcknowledged(producer, producer.acknowledged() + 400);
    } finally {
        await hosts("restore", String(CUT));
        verdict = await verdictOf(placement, producer, topic);
    }
    const loss = {
        acknowledged: verdict.acknowledged,
        missing: verdict.missing,
        longestStallSeconds: longestAckGapSeconds(await producer.stop()),
        fullIsrAfterReturnSeconds: seconds(fullIsrSeconds),
    };
    expectNoneMissing("host loss", verdict);
    return loss;
}

// Each stack's scenarios build on each other; the KRaft stack needs only the engines, not the ZooKeeper stack.
const zookeeperScenario = scenarioSequence();
const kraftScenario = scenarioSequence();

describe("a stack over three Docker hosts", () => {
    zookeeperScenario("comes up cold with a broker and a ZooKeeper node on each host", async () => {
        const up = await stack.up();
        recordFigure("multihostColdUpSeconds", seconds(up.seconds));
        outputs = await stack.outputs();
        expect(outputs.placement).toEqual({ brokers: { "1": "h1", "2": "h2", "3": "h3" }, zookeeper: ["h1", "h2", "h3"], ui: "h1" });
        for (const [index, candidate] of HOSTS.entries()) {
            const running = await settledContainersOn(candidate.engine, STACK);
            expect(running.filter((line) => /-(kafka|zookeeper)-\d+(-in-sync)? /.test(line))).toEqual([
                expect.stringMatching(new RegExp(`-kafka-${index + 1} Up .*\\(healthy\\)`)),
                expect.stringMatching(new RegExp(`-kafka-${index + 1}-in-sync Exited \\(0\\)`)),
                expect.stringMatching(new RegExp(`-zookeeper-${index + 1} Up .*\\(healthy\\)`)),
            ]);
        }
        expect((await zookeeperModes()).sort()).toEqual(["follower", "follower", "leader"]);
        // What the providers read back from three engines matches what the program declared.
        expect(describeSteps((await stack.up()).changes)).toBe("");
        expect(describeSteps((await stack.preview({ refresh: true, expectNoChanges: true })).changes)).toBe("");
    }, 15 * MINUTES);

    zookeeperScenario("places every partition's three replicas on three racks", async () => {
        const racks = await replicaRacks(TOPIC, (outputs.placement as { brokers: Record<string, string> }).brokers);
        expect(racks).toEqual([3, 3, 3, 3, 3, 3]);
        // The rack each broker runs with, as Kafka reports it.
        const configs = await kafkaTool("/opt/kafka/bin/kafka-configs.sh", "--bootstrap-server", internal(), "--describe", "--entity-type", "brokers", "--entity-name", "2", "--all");
        expect(configs.stdout).toMatch(/broker\.rack=h2 /);
    }, 3 * MINUTES);

    zookeeperScenario("serves clients on a fourth machine through externalBootstrapServers: what they produce, they consume", async () => {
        // The client machine is a namespace of its own on the hosts' links, with no engine and no
        // route to any container network: it can reach the brokers only as their EXTERNAL listeners advertise them.
        const client: Placement = { kind: "host", bootstrap: String(outputs.externalBootstrapServers), netns: CLIENT_NETNS };
        const producer = await startVerifiableProducer(client, { topic: CLIENT_TOPIC, throughput: 500, idempotence: true, maxMessages: 300 });
        await producer.exited;
        const verdict = await verdictOf(client, producer, CLIENT_TOPIC);
        report(`client machine: acknowledged ${verdict.acknowledged}, consumed ${verdict.consumed}, missing ${verdict.missing}, in topic ${verdict.recordsInTopic}`);
        expect(verdict).toMatchObject({ acknowledged: 300, consumed: 300, missing: 0, recordsInTopic: 300, unreadRecords: 0 });
    }, 4 * MINUTES);

    zookeeperScenario("keeps producing through the loss of a whole host, loses nothing acknowledged, and heals when it returns", async () => {
        // Past ZooKeeper's session timeout (18 s) and the replica lag limit (30 s): leaders have moved, ISRs shrunk.
        const loss = await loseHost(STACK, TOPIC, 45, async () => {
            const modes = await zookeeperModes();
            report(`ZooKeeper modes with host ${CUT} away: ${modes.join(", ")}`);
            expect(modes.slice(0, 2).sort()).toEqual(["follower", "leader"]);
        });
        recordFigure("multihostHostLoss", { ...loss });
        // The returning node answers `srvr` only once it has found the leader and synced with it.
        const ensemble = await pollUntil(async () => (await zookeeperModes()).sort(), (modes) => modes.join() === "follower,follower,leader", {
            timeoutMs: 2 * MINUTES,
            intervalMs: 2_000,
        });
        expect(ensemble).toEqual(["follower", "follower", "leader"]);
    }, 12 * MINUTES);

    zookeeperScenario("adds a fourth host with a broker by creating only, without moving or touching anything that runs", async () => {
        await fourthHost;
        const beforeIds = await containerIds(STACK, HOSTS);
        await stack.configure({ ...SETTINGS, brokers: 4, hosts: declaredHosts([...HOSTS, HOST_4]) });

        // What the engine did, step by step: the preview shows the same plan, and the no-op runs below prove nothing was left over.
        const up = await stack.up();
        expect(notCreates(up)).toEqual([]);
        // The new host's provider, network and image, and broker 4 (component, volume, container): nothing else.
        expect(up.changes.map((step) => step.name).sort()).toEqual(
            ["kafka-host-h4", "kafka-host-h4-engine", "kafka-host-h4-network", "kafka-host-h4-network-network", "kafka-host-h4-broker-image", "kafka-kafka-4", "kafka-kafka-4-data", "kafka-kafka-4-container", "kafka-kafka-4-in-sync"].sort(),
        );
        recordFigure("multihostFourthHostUpSeconds", seconds(up.seconds));

        outputs = await stack.outputs();
        expect(outputs.placement).toEqual({ brokers: { "1": "h1", "2": "h2", "3": "h3", "4": "h4" }, zookeeper: ["h1", "h2", "h3"], ui: "h1" });
        const afterIds = await containerIds(STACK, HOSTS);
        expect(afterIds).toEqual(beforeIds);
        expect(await settledContainersOn(HOST_4.engine, STACK)).toEqual([expect.stringMatching(/-kafka-4 Up .*\(healthy\)/), expect.stringMatching(/-kafka-4-in-sync Exited \(0\)/)]);
        const brokers = await kafkaTool("/opt/kafka/bin/kafka-broker-api-versions.sh", "--bootstrap-server", internal().split(",")[0] ?? "");
        expect([...brokers.stdout.matchAll(/^(\S+) \(id: (\d+) rack: (\S+)\)/gm)].map((match) => `${match[2]}@${match[3]}`).sort()).toEqual(["1@h1", "2@h2", "3@h3", "4@h4"]);

        expect(describeSteps((await stack.up()).changes)).toBe("");
        expect(describeSteps((await stack.preview({ refresh: true, expectNoChanges: true })).changes)).toBe("");
    }, 12 * MINUTES);
});

/** `kafka-metadata-quorum.sh describe --status` asked of controller `index` on its host, as key/value pairs. */
async function quorumStatus(index: number): Promise<Record<string, string>> {
    const result = await run("docker", [
        "-H", HOSTS[index - 1]?.engine ?? "",
        "exec", "-e", "KAFKA_HEAP_OPTS=-Xmx128m", `kafka-cluster-${KRAFT_STACK}-controller-${index}`,
        "/opt/kafka/bin/kafka-metadata-quorum.sh", "--bootstrap-controller", "127.0.0.1:9093", "describe", "--status",
    ]);
    return Object.fromEntries(
        result.stdout.split("\n").filter((line) => line.includes(":")).map((line) => [line.slice(0, line.indexOf(":")).trim(), line.slice(line.indexOf(":") + 1).trim()]),
    );
}

describe("a KRaft stack over the same three hosts", () => {
    kraftScenario("comes up cold with a controller and a broker on each host, after the ZooKeeper stack is gone", async () => {
        // The engines stay; only the ZooKeeper stack's containers and volumes go.
        await removeFromHosts(STACK);
        kraftStack = await E2eStack.create(KRAFT_STACK, KRAFT_SETTINGS);
        current = () => kraftOutputs;
        const up = await kraftStack.up();
        recordFigure("multihostKraftColdUpSeconds", seconds(up.seconds));
        kraftOutputs = await kraftStack.outputs();
        expect(kraftOutputs.placement).toEqual({ brokers: { "1": "h1", "2": "h2", "3": "h3" }, controllers: ["h1", "h2", "h3"], ui: "h1" });
        expect(kraftOutputs.controllerQuorumVoters).toBe("1001@10.77.0.11:29175,1002@10.77.0.12:29175,1003@10.77.0.13:29175");
        expect(kraftOutputs.zookeeperConnect).toBeUndefined();
        for (const [index, candidate] of HOSTS.entries()) {
            expect(await settledContainersOn(candidate.engine, KRAFT_STACK)).toEqual([
                expect.stringMatching(new RegExp(`-controller-${index + 1} Up .*\\(healthy\\)`)),
                expect.stringMatching(new RegExp(`-kafka-${index + 1} Up .*\\(healthy\\)`)),
                expect.stringMatching(new RegExp(`-kafka-${index + 1}-in-sync Exited \\(0\\)`)),
            ]);
        }
        const status = await quorumStatus(1);
        expect(status.CurrentVoters).toMatch(/"id":\s*1001.*"id":\s*1002.*"id":\s*1003/s);
    }, 15 * MINUTES);

    kraftScenario("places every partition's three replicas on three racks", async () => {
        expect(await replicaRacks(KRAFT_TOPIC, (kraftOutputs.placement as { brokers: Record<string, string> }).brokers)).toEqual([3, 3, 3, 3, 3, 3]);
    }, 3 * MINUTES);

    kraftScenario("keeps its quorum and keeps producing through the loss of a whole host, and heals when it returns", async () => {
        // Past the broker session timeout (9 s), after which the controllers fence broker 3 and take
        // it out of every ISR at once (KRaft does not wait for the replica lag limit): leaders have moved, ISRs shrunk.
        const loss = await loseHost(KRAFT_STACK, KRAFT_TOPIC, 25, async () => {
            const [{ result: status, seconds: statusSeconds }, { result: created, seconds: createSeconds }] = await Promise.all([
                timed(() => quorumStatus(1)),
                // The quorum still commits metadata: a new topic is created while one voter is away.
                timed(() =>
                    kafkaTool("/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", internal().split(",").slice(0, 2).join(","), "--create", "--topic", `${KRAFT_TOPIC}-during-loss`, "--partitions", "1", "--replication-factor", "2"),
                ),
            ]);
            report(
                `KRaft quorum with host ${CUT} away: leader ${status.LeaderId}, epoch ${status.LeaderEpoch}, high watermark ${status.HighWatermark} ` +
                    `(asked in ${seconds(statusSeconds)} s); topic created in ${seconds(createSeconds)} s`,
            );
            expect(["1001", "1002"]).toContain(status.LeaderId);
            expect(created.stdout).toContain("Created topic");
        });
        recordFigure("multihostKraftHostLoss", { ...loss });
        const [returned, surviving] = await Promise.all([
            pollUntil(async () => quorumStatus(3), (status) => /^100[12]$/.test(status.LeaderId ?? ""), { timeoutMs: MINUTES, intervalMs: 2_000 }),
            quorumStatus(1),
        ]);
        expect(returned.LeaderId).toBe(surviving.LeaderId);
    }, 12 * MINUTES);
});
