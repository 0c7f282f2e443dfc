// A stack over three Docker hosts, each a Docker engine in a network namespace of
// its own (e2e/docker/multihost.sh), joined only by veth links on 10.77.0.0/24:
// a ZooKeeper ensemble of 3 and a broker per host, racked by host, reached over
// published ports. Then one whole host is cut off (its link down) while Kafka's
// verifiable producer writes with acks=all from a surviving host: producing goes
// on, nothing acknowledged is lost, and the broker rejoins every ISR once the
// host is back.
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { run } from "./support/docker";
import { REPO_ROOT, TEST_IMAGES } from "./support/paths";
import { pollUntil, sleep } from "./support/poll";
import { recordFigure, report, seconds, timed } from "./support/report";
import { describeSteps, E2eStack, StackSettings } from "./support/stack";
import { longestAckGapSeconds } from "./support/verdict";
import { awaitAcknowledged, Placement, startVerifiableProducer, verdictOf } from "./support/verifiable";

const STACK = "e2e-multihost";
const MINUTES = 60_000;
const HOSTS_SCRIPT = path.join(REPO_ROOT, "e2e/docker/multihost.sh");
const HOSTS = [1, 2, 3].map((n) => ({ n, name: `h${n}`, engine: `unix:///run/kc-host-${n}/docker.sock`, address: `10.77.0.${10 + n}` }));
/** Host cut off in the fault; the producer and the checks run on host 1. */
const CUT = 3;
const TOPIC = `spread-${randomUUID().slice(0, 6)}`;

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
    hosts: HOSTS.map(({ name, engine, address }) => ({ name, endpoint: engine, address })),
    multiHost: { zookeeperNodes: 3, internalPortBase: 29142, zookeeperPortBase: 29170 },
    brokerProperties: { "min.insync.replicas": 2 },
    topics: { [TOPIC]: { partitions: 6, replicationFactor: 3, config: { "min.insync.replicas": 2 } } },
};

let stack: E2eStack;
let outputs: Record<string, unknown>;

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

const internal = () => String(outputs.internalBootstrapServers);
const onHost1 = (): Placement => ({ kind: "network", network: "bridge", bootstrap: internal(), namePrefix: `kafka-cluster-${STACK}`, engine: HOSTS[0].engine });

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

/** The stack's containers and volumes on every host engine (E2eStack clears the default engine only). */
async function removeFromHosts(): Promise<void> {
    for (const { engine } of HOSTS) {
        const filter = `label=com.kafka-cluster.stack=${STACK}`;
        const containers = (await run("docker", ["-H", engine, "ps", "-aq", "--filter", filter])).stdout.split("\n").filter(Boolean);
        if (containers.length > 0) await run("docker", ["-H", engine, "rm", "-f", ...containers]);
        const volumes = (await run("docker", ["-H", engine, "volume", "ls", "-q", "--filter", filter])).stdout.split("\n").filter(Boolean);
        if (volumes.length > 0) await run("docker", ["-H", engine, "volume", "rm", "-f", ...volumes]);
    }
}

beforeAll(async () => {
    const { seconds: took } = await timed(() => hosts("up"));
    recordFigure("multihostHostsUpSeconds", seconds(took));
    await removeFromHosts();
    stack = await E2eStack.create(STACK, SETTINGS);
}, 10 * MINUTES);

afterAll(async () => {
    await hosts("restore", String(CUT)).catch(() => undefined);
    await stack?.dispose();
    await removeFromHosts();
    if (process.env.KC_KEEP_HOSTS !== "1") await hosts("down");
}, 6 * MINUTES);

describe("a stack over three Docker hosts", () => {
    it("comes up cold with a broker and a ZooKeeper node on each host", async () => {
        const up = await stack.up();
        recordFigure("multihostColdUpSeconds", seconds(up.seconds));
        outputs = await stack.outputs();
        expect(outputs.placement).toEqual({ brokers: { "1": "h1", "2": "h2", "3": "h3" }, zookeeper: ["h1", "h2", "h3"], ui: "h1" });
        for (const [index, host] of HOSTS.entries()) {
            const names = await run("docker", ["-H", host.engine, "ps", "--filter", `label=com.kafka-cluster.stack=${STACK}`, "--format", "{{.Names}} {{.Status}}"]);
            const running = names.stdout.trim().split("\n").sort();
            expect(running.filter((line) => line.includes(`-kafka-${index + 1} `) || line.includes(`-zookeeper-${index + 1} `))).toEqual([
                expect.stringMatching(new RegExp(`-kafka-${index + 1} Up .*\\(healthy\\)`)),
                expect.stringMatching(new RegExp(`-zookeeper-${index + 1} Up .*\\(healthy\\)`)),
            ]);
        }
        expect((await zookeeperModes()).sort()).toEqual(["follower", "follower", "leader"]);
        // What the providers read back from three engines matches what the program declared.
        expect(describeSteps((await stack.up()).changes)).toBe("");
        expect(describeSteps((await stack.preview({ refresh: true, expectNoChanges: true })).changes)).toBe("");
    }, 15 * MINUTES);

    it("places every partition's three replicas on three racks", async () => {
        const describe = await kafkaTool("/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", internal(), "--describe", "--topic", TOPIC);
        expect(describe.code).toBe(0);
        const replicas = [...describe.stdout.matchAll(/Partition: \d+\s+Leader: \d+\s+Replicas: ([\d,]+)/g)].map((match) => match[1]?.split(",") ?? []);
        expect(replicas).toHaveLength(6);
        const rackOf = outputs.placement as { brokers: Record<string, string> };
        for (const set of replicas) {
            expect(new Set(set.map((id) => rackOf.brokers[id])).size).toBe(3);
        }
        // The rack each broker runs with, as Kafka reports it.
        const configs = await kafkaTool("/opt/kafka/bin/kafka-configs.sh", "--bootstrap-server", internal(), "--describe", "--entity-type", "brokers", "--entity-name", "2", "--all");
        expect(configs.stdout).toMatch(/broker\.rack=h2 /);
    }, 3 * MINUTES);

    it("serves a client on another machine through externalBootstrapServers", async () => {
        // This machine is outside every host's namespace: it reaches them over the links only.
        const producer = await startVerifiableProducer({ kind: "host", bootstrap: String(outputs.externalBootstrapServers) }, { topic: TOPIC, throughput: 500, idempotence: true, maxMessages: 300 });
        await producer.exited;
        const events = await producer.stop();
        expect(events.filter((event) => event.name === "producer_send_success")).toHaveLength(300);
    }, 3 * MINUTES);

    it("keeps producing through the loss of a whole host, loses nothing acknowledged, and heals when it returns", async () => {
        const placement = onHost1();
        const producer = await startVerifiableProducer(placement, { topic: TOPIC, throughput: 200, idempotence: true, valuePrefix: 7 });
        let verdict: Awaited<ReturnType<typeof verdictOf>> | undefined;
        let fullIsrSeconds = -1;
        try {
            await awaitAcknowledged(producer, 400);
            await hosts("cut", String(CUT));
            report(`host ${CUT} cut off after ${producer.acknowledged()} acknowledgements`);
            const atCut = producer.acknowledged();
            // Past ZooKeeper's session timeout (18 s) and the replica lag limit (30 s): leaders have moved, ISRs shrunk.
            await sleep(45_000);
            const duringLoss = producer.acknowledged() - atCut;
            report(`${duringLoss} acknowledgements while host ${CUT} was away; ZooKeeper modes ${(await zookeeperModes()).join(", ")}`);
            expect(duringLoss).toBeGreaterThan(1_000);
            const modes = await zookeeperModes();
            expect(modes.slice(0, 2).sort()).toEqual(["follower", "leader"]);

            const restored = Date.now();
            await hosts("restore", String(CUT));
            const last = await pollUntil(underReplicated, (text) => text === "", { timeoutMs: 4 * MINUTES, intervalMs: 3_000 });
            expect(last).toBe("");
            fullIsrSeconds = (Date.now() - restored) / 1000;
            await awaitAcknowledged(producer, producer.acknowledged() + 400);
        } finally {
            await hosts("restore", String(CUT));
            verdict = await verdictOf(placement, producer, TOPIC);
        }
        recordFigure("multihostHostLoss", {
            acknowledged: verdict.acknowledged,
            missing: verdict.missing,
            longestStallSeconds: longestAckGapSeconds(await producer.stop()),
            fullIsrAfterReturnSeconds: seconds(fullIsrSeconds),
        });
        expect(verdict.acknowledged).toBeGreaterThan(0);
        expect({ missing: verdict.missing, examples: verdict.missingExamples }).toEqual({ missing: 0, examples: [] });
        // The returning node answers `srvr` only once it has found the leader and synced with it.
        const ensemble = await pollUntil(async () => (await zookeeperModes()).sort(), (modes) => modes.join() === "follower,follower,leader", {
            timeoutMs: 2 * MINUTES,
            intervalMs: 2_000,
        });
        expect(ensemble).toEqual(["follower", "follower", "leader"]);
    }, 12 * MINUTES);
});
