// The fault matrix: each fault runs under continuous acks=all load from Kafka's
// own VerifiableProducer, on a fresh topic with replication 3, min.insync.replicas
// 2 and unclean leader election off, and is judged by what the VerifiableConsumer
// reads back: every acknowledged message must be there. Every run ends with
// every partition fully replicated, and its figures (acknowledged, consumed,
// missing, duplicates, the longest window with no acknowledgement, the time
// until fully replicated again) go to figures.json. One cold `up` serves every
// scenario; each starts from a fully replicated cluster.
import { randomUUID } from "node:crypto";
import { stackAddresses } from "../lib/render/networkAddresses";
import { containerId, docker, healthAfterUp, run, waitHealthy } from "./support/docker";
import { addressOn, awaitFullyReplicated, Cluster, FaultFigures, leaderOf, placementOf, underLoad, underReplicated } from "./support/faults";
import { awaitAcknowledged, RunningTool, startVerifiableProducer, verdictOf } from "./support/verifiable";
import { TEST_IMAGES } from "./support/paths";
import { pollUntil } from "./support/poll";
import { recordFigure, report, seconds, timed } from "./support/report";
import { scenarioSequence } from "./support/sequence";
import { E2eStack, StackSettings } from "./support/stack";

/**
 * A second copy of the matrix (a soak beside a CI run on one engine) needs names,
 * ports and a subnet of its own: KC_FAULTS_SLOT=1 shifts all three.
 */
const SLOT = Number(process.env.KC_FAULTS_SLOT ?? 0);
if (!Number.isInteger(SLOT) || SLOT < 0 || SLOT > 5) {
    throw new Error(`KC_FAULTS_SLOT is ${process.env.KC_FAULTS_SLOT} but must be a whole number from 0 to 5`);
}
// Not `e2e-faults-1`: clean-up matches leftovers by name prefix, and slot 0's would take it for its own.
const STACK = SLOT === 0 ? "e2e-faults" : `e2e-slot${SLOT}-faults`;
const EXTERNAL_PORT_BASE = 25092 + 100 * SLOT;
const UI_PORT = 25080 + 100 * SLOT;
const SUBNET_PREFIX = `10.213.${46 + SLOT}`;
const SUBNET = `${SUBNET_PREFIX}.0/24`;
const MINUTES = 60_000;
/** Parallel rollouts per run; the soak runs the file repeatedly, so N runs make N times this many. */
const PARALLEL_ROLLOUTS = Number(process.env.KC_PARALLEL_ROLLOUTS ?? 2);
const LEADER_CRASHES = 5;
/** Value prefix of the acks=1 producer, apart from the acks=all one sharing its topic. */
const ACKS_ONE_PREFIX = 2;

const BASE_SETTINGS: StackSettings = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: 3,
    brokerHeapMb: 320,
    externalPortBase: EXTERNAL_PORT_BASE,
    uiPort: UI_PORT,
    networkSubnet: SUBNET,
    brokerRollout: "rolling",
    brokerProperties: { "num.io.threads": 8 },
};

const runTag = randomUUID().slice(0, 6);
const scenario = scenarioSequence();
let stack: E2eStack;
let settings = BASE_SETTINGS;
let cluster: Cluster;

const brokers = () => [1, 2, 3].map((id) => stack.names.broker(id));
const topicFor = (name: string) => `faults-${name}-${runTag}`;

async function reconfigure(change: (current: StackSettings) => StackSettings): Promise<void> {
    settings = change(settings);
    await stack.configure(settings);
}

/** What every scenario promises: nothing acknowledged is lost, and the cluster is whole again. */
async function expectDurable(figures: FaultFigures): Promise<void> {
    expect(figures.acknowledged).toBeGreaterThan(0);
    // A consumer that timed out would make every record it never reached look lost.
    expect({ unreadRecords: figures.unreadRecords }).toEqual({ unreadRecords: 0 });
    expect({ missing: figures.missing, examples: figures.missingExamples }).toEqual({ missing: 0, examples: [] });
    expect(await underReplicated(cluster)).toBe("");
    const health = await Promise.all(brokers().map(healthAfterUp));
    expect(health).toEqual(["healthy", "healthy", "healthy"]);
}

/** Every broker holds the address its id fixes, whatever was replaced. */
async function expectFixedAddresses(): Promise<void> {
    const addresses = stackAddresses(SUBNET);
    const actual = await Promise.all(brokers().map((container) => addressOn(container, stack.names.network)));
    expect(actual).toEqual([1, 2, 3].map(addresses.broker));
}

/**
 * Kills the JVM of `topic`'s partition-0 leader with SIGKILL from the host, `rounds`
 * times; after each, the restart policy (not the program) brings it back and the
 * next round waits until every partition is fully replicated. Returns the containers hit.
 */
async function killLeaderJvms(topic: string, rounds: number): Promise<string[]> {
    const killed: string[] = [];
    for (let round = 1; round <= rounds; round++) {
        const leader = stack.names.broker(await leaderOf(cluster, topic));
        const pid = Number(await docker("inspect", "-f", "{{.State.Pid}}", leader));
        const restarts = Number(await docker("inspect", "-f", "{{.RestartCount}}", leader));
        const since = Date.now();
        process.kill(pid, "SIGKILL");
        killed.push(leader);
        const back = await pollUntil(
            async () => Number(await docker("inspect", "-f", "{{.RestartCount}}", leader)),
            (count) => count > restarts,
            { timeoutMs: 2 * MINUTES, intervalMs: 1_000 },
        );
        expect(back).toBeGreaterThan(restarts);
        await waitHealthy([leader], 300);
        const recovered = await awaitFullyReplicated(cluster, since);
        report(`round ${round}: killed ${leader}'s JVM (pid ${pid}); fully replicated again after ${seconds(recovered)} s`);
    }
    return killed;
}

async function driftCheck(): Promise<{ code: number; stdout: string }> {
    const result = await stack.script("scripts/drift-check.sh", STACK);
    report(`drift-check.sh exited ${result.code}: ${result.stdout.trim().split("\n").slice(-3).join(" | ")}`);
    return result;
}

beforeAll(async () => {
    stack = await E2eStack.create(STACK, settings);
}, 5 * MINUTES);

afterAll(async () => {
    await stack?.dispose();
}, 15 * MINUTES);

describe(`stack ${STACK}: faults under acks=all load`, () => {
    scenario("up: three brokers on fixed addresses of the declared subnet", async () => {
        const up = await stack.up();
        recordFigure("faultsColdUpSeconds", seconds(up.seconds));
        cluster = {
            network: stack.names.network,
            internal: [1, 2, 3].map((id) => `kafka-${id}:19092`).join(","),
            external: [0, 1, 2].map((offset) => `127.0.0.1:${EXTERNAL_PORT_BASE + offset}`).join(","),
            namePrefix: stack.names.prefix,
        };
        expect(await docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.IPRange}}{{end}}", stack.names.network)).toBe(`${SUBNET} ${SUBNET_PREFIX}.128/25`);
        await expectFixedAddresses();
        expect(await underReplicated(cluster)).toBe("");
    }, 15 * MINUTES);

    scenario("rolling replacement of every broker (brokerRollout rolling), idempotent producer", async () => {
        let replaced: string[] = [];
        const figures = await underLoad(cluster, {
            scenario: "rolling replacement",
            topic: topicFor("rolling"),
            idempotence: true,
            placement: "network",
            fault: async () => {
                const before = await Promise.all(brokers().map(containerId));
                await reconfigure((current) => ({ ...current, brokerRollout: "rolling", brokerProperties: { "num.io.threads": 6 } }));
                await stack.up();
                const after = await Promise.all(brokers().map(containerId));
                replaced = after.filter((id, index) => id !== before[index]);
            },
        });
        expect(replaced).toHaveLength(3);
        await expectDurable(figures);
        await expectFixedAddresses();
    }, 25 * MINUTES);

    scenario(`SIGKILL of the partition leader's JVM from the host, ${LEADER_CRASHES} times in a row; an acks=1 producer beside it shows where the line is`, async () => {
        // The acks=all producer (underLoad's) must lose nothing. The acks=1 one beside it,
        // on the same topic under the same crashes, measures Kafka's own limit: its
        // leader answers before any follower has the message and may take it along.
        const topic = topicFor("sigkill");
        const placement = placementOf(cluster, "network");
        let killed: string[] = [];
        let hasty: RunningTool | undefined;
        try {
            const figures = await underLoad(cluster, {
                scenario: "leader JVM killed (SIGKILL) x5",
                topic,
                idempotence: false,
                placement: "network",
                fault: async () => {
                    hasty = await startVerifiableProducer(placement, { topic, throughput: 300, idempotence: false, acks: "1", valuePrefix: ACKS_ONE_PREFIX });
                    await awaitAcknowledged(hasty, 300);
                    killed = await killLeaderJvms(topic, LEADER_CRASHES);
                    // Stopped before the acks=all verdict reads the topic back: that reader takes
                    // the topic's size once, and a topic still growing would leave it short.
                    await hasty.stop();
                },
            });
            report(`leaders killed: ${killed.join(", ")}`);
            expect(killed).toHaveLength(LEADER_CRASHES);
            await expectDurable(figures);
        } finally {
            if (hasty) {
                // Not a line of the soak's runs file: a loss on this side is the point, not a failure.
                const acksOne = await verdictOf(placement, hasty, topic);
                recordFigure("acksOneBesideLeaderCrashes", { acknowledged: acksOne.acknowledged, missing: acksOne.missing, examples: acksOne.missingExamples });
                report(`acks=1 beside it: ${acksOne.missing} of ${acksOne.acknowledged} acknowledged messages missing`);
            }
        }
    }, 25 * MINUTES);

    scenario("docker kill of a broker: drift-check flags it, pulumi up --refresh brings it back", async () => {
        const victim = stack.names.broker(2);
        const figures = await underLoad(cluster, {
            scenario: "docker kill, up --refresh",
            topic: topicFor("dockerkill"),
            idempotence: true,
            placement: "network",
            fault: async () => {
                await docker("kill", victim);
                // unless-stopped: Docker takes a kill as a manual stop and leaves it down.
                await new Promise((resolve) => setTimeout(resolve, 15_000));
                expect(await docker("inspect", "-f", "{{.State.Running}}", victim)).toBe("false");
                const drift = await driftCheck();
                expect(drift.code).toBe(2);
                expect(drift.stdout).toContain("kafka-kafka-2-container");
                await stack.up({ refresh: true });
                expect(await healthAfterUp(victim)).toBe("healthy");
            },
        });
        await expectDurable(figures);
        expect((await driftCheck()).code).toBe(0);
    }, 20 * MINUTES);

    scenario("docker stop of a broker beyond its grace period (killed mid-shutdown), then up --refresh", async () => {
        const victim = stack.names.broker(3);
        const figures = await underLoad(cluster, {
            scenario: "docker stop past the grace period, up --refresh",
            topic: topicFor("dockerstop"),
            idempotence: false,
            placement: "network",
            fault: async () => {
                // No grace at all: Docker sends SIGKILL right after SIGTERM, mid-way through the
                // controlled shutdown. (With one second, an idle broker sometimes finished in time.)
                await docker("stop", "-t", "0", victim);
                expect(await docker("inspect", "-f", "{{.State.ExitCode}}", victim)).toBe("137");
                await stack.up({ refresh: true });
                expect(await healthAfterUp(victim)).toBe("healthy");
            },
        });
        await expectDurable(figures);
    }, 20 * MINUTES);

    scenario("ZooKeeper restarted while producing", async () => {
        const figures = await underLoad(cluster, {
            scenario: "ZooKeeper restarted",
            topic: topicFor("zookeeper"),
            idempotence: true,
            placement: "network",
            fault: async () => {
                await docker("restart", "-t", "10", stack.names.zookeeper);
                await waitHealthy([stack.names.zookeeper], 120);
            },
        });
        await expectDurable(figures);
    }, 15 * MINUTES);

    scenario("a broker container removed by hand: up --refresh puts it back on its kept volume and it rejoins every ISR", async () => {
        const victim = stack.names.broker(1);
        const volume = stack.names.brokerDataVolume(1);
        const figures = await underLoad(cluster, {
            scenario: "container removed, up --refresh",
            topic: topicFor("removed"),
            idempotence: false,
            placement: "network",
            fault: async () => {
                await docker("rm", "-f", victim);
                const drift = await driftCheck();
                expect(drift.code).toBe(2);
                await stack.up({ refresh: true });
                const mounted = await docker("inspect", "-f", "{{range .Mounts}}{{.Name}} {{end}}", victim);
                expect(mounted.split(" ")).toContain(volume);
            },
        });
        await expectDurable(figures);
        await expectFixedAddresses();
        expect((await driftCheck()).code).toBe(0);
    }, 20 * MINUTES);

    scenario(`the parallel rollout, ${PARALLEL_ROLLOUTS} times: every run ends with every broker in every ISR, on its own address`, async () => {
        const outages: number[] = [];
        for (let round = 1; round <= PARALLEL_ROLLOUTS; round++) {
            const figures = await underLoad(cluster, {
                scenario: "parallel rollout",
                topic: topicFor(`parallel-${round}`),
                idempotence: round % 2 === 0,
                placement: "network",
                fault: async () => {
                    await reconfigure((current) => ({ ...current, brokerRollout: "parallel", brokerProperties: { "num.io.threads": 4 + (round % 2) } }));
                    const { result: up, seconds: took } = await timed(() => stack.up());
                    report(`parallel rollout ${round}: ${up.changes.length} changes in ${seconds(took)} s`);
                },
            });
            outages.push(figures.longestAckGapSeconds);
            await expectDurable(figures);
            await expectFixedAddresses();
        }
        report(`parallel rollouts: longest windows without an acknowledgement ${outages.join(", ")} s`);
    }, (8 * PARALLEL_ROLLOUTS + 5) * MINUTES);

    // Last: it restarts the engine every stack on this host runs on.
    scenario("the Docker daemon restarted: containers come back by their restart policy, data intact (load from the host through the EXTERNAL listeners)", async () => {
        const figures = await underLoad(cluster, {
            scenario: "Docker daemon restarted (host client)",
            topic: topicFor("dockerd"),
            idempotence: true,
            // A producer in a container would go down with the engine; one on the host rides it out.
            placement: "host",
            fault: async () => {
                const pid = Number((await run("cat", ["/var/run/docker.pid"])).stdout.trim());
                expect(pid).toBeGreaterThan(1);
                process.kill(pid, "SIGTERM");
                await pollUntil(async () => (await run("docker", ["info"])).code, (code) => code !== 0, { timeoutMs: MINUTES, intervalMs: 500 });
                await pollUntil(
                    async () => {
                        try {
                            process.kill(pid, 0);
                            return true;
                        } catch {
                            return false;
                        }
                    },
                    (alive) => !alive,
                    { timeoutMs: 2 * MINUTES, intervalMs: 500 },
                );
                const started = await run("e2e/docker/ensure-dockerd.sh", []);
                expect(started.code).toBe(0);
                await waitHealthy([stack.names.zookeeper, ...brokers()], 300);
            },
        });
        await expectDurable(figures);
        await expectFixedAddresses();
    }, 20 * MINUTES);
});
