import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { CONTROLLER_COUNTS, parseConfig, RawConfig } from "../../config";
import { ConfigValidationError } from "../../lib/config/problems";
import { kraftClusterId } from "../../lib/render/controllerQuorum";
import { NO_CONTROLLER_LISTED, PROBE_API_TIMEOUT_MS, renderControllerHealthcheck, UNREGISTERED_CHECKS_BEFORE_RESTART } from "../../lib/render/controllerHealthcheck";
import { PROBE_SECONDS } from "../../lib/render/probeJvm";
import { CONTROLLER_HEALTHCHECK } from "../../lib/render/healthchecks";
import { MAX_CONTROLLERS } from "../../lib/render/networkAddresses";
import { parseProperties } from "./support/properties";
import { ProgramRun, RecordedResource, runProgram, TYPES } from "./support/program";

// KRaft mode: the config that selects it, what it renders (controllers, brokers
// formatted with one cluster id, topics gone with the controllers' metadata),
// the order a change rolls in, and the controllers' "caught up" healthcheck.

const KRAFT = { metadataMode: "kraft", brokerImage: "apache/kafka:4.4.0" };

/** The containers a container starts after (its other dependencies are its own inputs: volume, image, network). */
const containersBefore = (resource: RecordedResource): string[] => resource.options.dependsOn.filter((urn) => urn.includes(`$${TYPES.container}::`));

function problemsOf(raw: RawConfig): { problems: readonly string[]; warnings: readonly string[] } {
    try {
        return { problems: [], warnings: parseConfig(raw, { project: "kafka-cluster", stack: "k" }).warnings };
    } catch (error) {
        if (error instanceof ConfigValidationError) return { problems: error.problems, warnings: [] };
        throw error;
    }
}

describe("KRaft settings", () => {
    it("accepts 3 and 5 controllers, warns about 1 and refuses the rest, naming the key and the value", () => {
        expect(problemsOf({ ...KRAFT, controllerCount: 3 })).toEqual({ problems: [], warnings: [] });
        expect(problemsOf({ ...KRAFT, controllerCount: 5 })).toEqual({ problems: [], warnings: [] });
        expect(problemsOf({ ...KRAFT, controllerCount: 1 }).warnings).toEqual([
            "controllerCount is 1: the cluster stops taking metadata changes (topics, leader elections) while that one controller is down; use 3 for anything but development",
        ]);
        for (const count of [0, 2, 4, 7]) {
            expect(problemsOf({ ...KRAFT, controllerCount: count }).problems).toEqual([
                `controllerCount is ${count} but must be 1, 3 or 5: a quorum needs a majority to elect a leader, so an even count tolerates no more failures than one fewer, and more than 5 only slows every metadata write`,
            ]);
        }
        expect(Math.max(...CONTROLLER_COUNTS)).toBeLessThanOrEqual(MAX_CONTROLLERS);
    });

    it("refuses an unknown metadata mode", () => {
        expect(problemsOf({ metadataMode: "zk" }).problems).toEqual(['metadataMode is "zk" but must be one of zookeeper, kraft']);
    });

    it("checks brokerProperties against Kafka 4.4 in KRaft mode", () => {
        expect(problemsOf({ ...KRAFT, brokerProperties: { "zookeeper.session.timeout.ms": 18000 } }).problems).toEqual([
            expect.stringContaining('brokerProperties."zookeeper.session.timeout.ms" was removed in Kafka 4.0 with ZooKeeper mode'),
        ]);
        expect(problemsOf({ ...KRAFT, brokerProperties: { "node.id": 7 } }).problems).toEqual([expect.stringContaining('brokerProperties."node.id" is managed by the program')]);
    });
});

describe("the KRaft cluster id", () => {
    it("is the same for the same stack, different for another, and in kafka-storage random-uuid's form", () => {
        const id = kraftClusterId("kafka-cluster", "prod");
        expect(kraftClusterId("kafka-cluster", "prod")).toBe(id);
        expect(kraftClusterId("kafka-cluster", "staging")).not.toBe(id);
        expect(kraftClusterId("other", "prod")).not.toBe(id);
        for (const stack of Array.from({ length: 200 }, (_, index) => `s${index}`)) {
            // 16 bytes, base64url without padding, never read as a CLI flag.
            expect(kraftClusterId("kafka-cluster", stack)).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
        }
    });
});

describe("a KRaft stack", () => {
    let run: ProgramRun;
    beforeAll(async () => {
        run = await runProgram({ stack: "kr", config: { ...KRAFT, protect: true, topics: { orders: { partitions: 3, replicationFactor: 3 } } }, secrets: { uiPassword: "pw" } });
    });
    const container = (name: string) => run.named(TYPES.container, `kafka-cluster-kr-${name}`);
    const upload = (name: string, file: string) => (container(name).inputs.uploads as { file: string; content: string }[]).find((entry) => entry.file === file)?.content ?? "";

    it("runs 3 controllers and 3 brokers, and no ZooKeeper", () => {
        expect(run.ofType(TYPES.container).map((c) => c.inputs.name).sort()).toEqual([
            "kafka-cluster-kr-controller-1",
            "kafka-cluster-kr-controller-2",
            "kafka-cluster-kr-controller-3",
            "kafka-cluster-kr-kafka-1",
            "kafka-cluster-kr-kafka-1-in-sync",
            "kafka-cluster-kr-kafka-2",
            "kafka-cluster-kr-kafka-2-in-sync",
            "kafka-cluster-kr-kafka-3",
            "kafka-cluster-kr-kafka-3-in-sync",
            "kafka-cluster-kr-kafka-ui",
        ]);
    });

    it("gives each controller a CONTROLLER listener on the stack's network only, a fixed address below the brokers', and the quorum", () => {
        const controller = container("controller-2");
        expect(controller.inputs.ports).toBeUndefined();
        const address = (name: string) => (container(name).inputs.networksAdvanced as { ipv4Address: string; aliases: string[] }[])[0];
        expect(address("controller-2").aliases).toEqual(["controller-2"]);
        const lastOctet = (name: string) => Number(address(name).ipv4Address.split(".")[3]);
        expect([1, 2, 3].map((i) => lastOctet(`controller-${i}`))).toEqual([4, 5, 6]);
        expect(lastOctet("kafka-1")).toBe(11);
        const properties = parseProperties(upload("controller-2", "/etc/kafka-cluster/server.properties"));
        expect(properties).toMatchObject({
            "process.roles": "controller",
            "node.id": "1002",
            "controller.quorum.voters": "1001@controller-1:9093,1002@controller-2:9093,1003@controller-3:9093",
            "controller.listener.names": "CONTROLLER",
            listeners: "CONTROLLER://0.0.0.0:9093",
            "advertised.listeners": "CONTROLLER://controller-2:9093",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT",
            "log.dirs": "/var/lib/kafka/data",
        });
        expect(upload("controller-2", "/etc/kafka-cluster/controller-healthcheck.sh")).toContain("describe --replication");
    });

    it("formats every node's storage with the stack's cluster id, idempotently, before starting it", () => {
        const id = kraftClusterId("kafka-cluster", "kr");
        for (const name of ["controller-1", "kafka-3"]) {
            expect(container(name).inputs.command).toEqual([
                "sh",
                "-c",
                `/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id ${id} --config /etc/kafka-cluster/server.properties && exec /opt/kafka/bin/kafka-server-start.sh /etc/kafka-cluster/server.properties`,
            ]);
        }
        expect(parseProperties(upload("kafka-1", "/etc/kafka-cluster/server.properties"))).toMatchObject({ "process.roles": "broker", "node.id": "1" });
    });

    it("keeps and protects the controllers' volumes like the brokers'", () => {
        const volumes = run.ofType(TYPES.volume).filter((volume) => /controller-\d-data$/.test(volume.inputs.name));
        expect(volumes.map((volume) => volume.inputs.name).sort()).toEqual([1, 2, 3].map((i) => `kafka-cluster-kr-controller-${i}-data`));
        for (const volume of volumes) {
            expect(volume.options).toMatchObject({ protect: true, retainOnDelete: true });
        }
    });

    it("has topics go with the first controller's metadata volume, and brokers start after every controller", () => {
        const metadata = run.ofType(TYPES.volume).find((volume) => volume.inputs.name === "kafka-cluster-kr-controller-1-data");
        expect(run.ofType(TYPES.topic)[0]?.options.deletedWith).toBe(metadata?.urn);
        const controllers = [1, 2, 3].map((i) => container(`controller-${i}`).urn);
        expect(containersBefore(container("kafka-1"))).toEqual(controllers);
    });

    it("starts the controllers together on a cold start: none is caught up before a majority runs", () => {
        for (const i of [1, 2, 3]) {
            expect(containersBefore(container(`controller-${i}`))).toEqual([]);
        }
    });

    it("records the quorum and not ZooKeeper in its outputs", () => {
        expect(run.outputs.controllerQuorumVoters).toBe("1001@controller-1:9093,1002@controller-2:9093,1003@controller-3:9093");
        expect(run.outputs.zookeeperConnect).toBeUndefined();
    });
});

describe("a KRaft stack that already runs", () => {
    const recordedOutputs = { controllerQuorumVoters: "1001@controller-1:9093,1002@controller-2:9093,1003@controller-3:9093" };

    it("changes its controllers one at a time, then its brokers in order", async () => {
        const run = await runProgram({ stack: "kr", config: { ...KRAFT, brokerRollout: "rolling" }, recordedOutputs });
        const urn = (name: string) => run.named(TYPES.container, `kafka-cluster-kr-${name}`).urn;
        const dependsOn = (name: string) => containersBefore(run.named(TYPES.container, `kafka-cluster-kr-${name}`));
        expect(dependsOn("controller-1")).toEqual([]);
        expect(dependsOn("controller-2")).toEqual([urn("controller-1")]);
        expect(dependsOn("controller-3")).toEqual([urn("controller-2")]);
        expect(dependsOn("kafka-1")).toEqual([urn("controller-1"), urn("controller-2"), urn("controller-3")]);
        expect(dependsOn("kafka-2")).toEqual([urn("controller-1"), urn("controller-2"), urn("controller-3"), urn("kafka-1-in-sync")]);
    });

    it("refuses a change of controllerCount, which would start controllers on empty logs", async () => {
        await expect(runProgram({ stack: "kr", config: { ...KRAFT, controllerCount: 5 }, recordedOutputs })).rejects.toThrow(
            "controllerCount is 5 but the stack runs a static quorum of 3 controllers; changing the voters of a static quorum would start controllers on empty logs, so it is refused. Keep controllerCount 3",
        );
    });

    it("refuses going back to ZooKeeper", async () => {
        await expect(runProgram({ stack: "kr", config: {}, recordedOutputs })).rejects.toThrow("metadataMode is zookeeper but the stack runs kraft mode");
    });
});

describe("a ZooKeeper stack that already runs", () => {
    it("refuses to switch to KRaft in place, pointing to the migration", async () => {
        await expect(runProgram({ stack: "zk", config: KRAFT, recordedOutputs: { zookeeperConnect: "zookeeper:2181" } })).rejects.toThrow(
            "metadataMode is kraft but the stack runs zookeeper mode; switching in place would start the brokers against an empty metadata service and lose every topic. " +
                'Keep metadataMode zookeeper and move the running cluster to KRaft with the phased migration, one phase per up: set kraftMigration controllers next (README, "Migrating from ZooKeeper to KRaft")',
        );
    });
});

describe("the controller healthcheck", () => {
    let home: string;
    beforeAll(() => {
        home = mkdtempSync(path.join(os.tmpdir(), "controller-healthcheck-"));
        writeFileSync(
            path.join(home, "kafka-metadata-quorum.sh"),
            ["#!/bin/sh", 'printf "%s\\n" "$*" > "$(dirname "$0")/args"', 'printf "%s" "$DESCRIBED"', 'exit "${EXIT_CODE:-0}"', ""].join("\n"),
            { mode: 0o755 },
        );
    });
    afterAll(() => rmSync(home, { recursive: true, force: true }));

    const now = () => Date.now();
    const header = "NodeId\tDirectoryId\tLogEndOffset\tLag\tLastFetchTimestamp\tLastCaughtUpTimestamp\tStatus\t\n";
    const row = (id: number, lag: number, fetchedAgoMs: number, status: string) => `${id}\tAAAAAAAAAAAAAAAAAAAAAA\t${500 - lag}\t${lag}\t${now() - fetchedAgoMs}\t${now() - fetchedAgoMs}\t${status}\t\n`;
    function probe(controllerId: number, described: string, exitCode = 0) {
        const script = path.join(home, `healthcheck-${controllerId}.sh`);
        writeFileSync(script, renderControllerHealthcheck({ controllerId, kafkaBin: home }));
        const result = spawnSync("sh", [script], { env: { PATH: process.env.PATH, DESCRIBED: described, EXIT_CODE: String(exitCode) }, encoding: "utf8" });
        return { status: result.status, output: result.stdout + result.stderr };
    }

    it("asks the quorum through the controller's own CONTROLLER listener, with timeouts inside the probe's", () => {
        probe(1001, header + row(1001, 0, 0, "Leader"));
        expect(readFileSync(path.join(home, "args"), "utf8").trim()).toBe("--bootstrap-controller 127.0.0.1:9093 --command-config /tmp/controller-1001-healthcheck.properties describe --replication");
        expect(readFileSync("/tmp/controller-1001-healthcheck.properties", "utf8")).toBe("default.api.timeout.ms=12000\nrequest.timeout.ms=6000\n");
        expect(PROBE_API_TIMEOUT_MS).toBe(12_000);
        expect(PROBE_API_TIMEOUT_MS).toBeLessThan(PROBE_SECONDS * 1000);
    });

    it("stops its probe before Docker's timeout, so probes cannot pile up on a busy host", () => {
        const script = renderControllerHealthcheck({ controllerId: 1001, kafkaBin: "/opt/kafka/bin" });
        expect(script).toContain(`timeout ${PROBE_SECONDS} /opt/kafka/bin/kafka-metadata-quorum.sh`);
        expect(PROBE_SECONDS).toBeLessThan(Number.parseInt(CONTROLLER_HEALTHCHECK.timeout, 10));
    });

    it("is healthy as the leader, or as a follower that is caught up and fetching", () => {
        const table = header + row(1001, 0, 0, "Leader") + row(1002, 2, 300, "Follower") + row(1003, 400, 90_000, "Follower") + row(1, 0, 100, "Observer");
        expect(probe(1001, table)).toEqual({ status: 0, output: "" });
        expect(probe(1002, table)).toEqual({ status: 0, output: "" });
    });

    it("is unhealthy while behind, or when its last fetch is old (the leader's row of a stopped follower)", () => {
        const behind = probe(1003, header + row(1001, 0, 0, "Leader") + row(1003, 400, 100, "Follower"));
        expect(behind.status).toBe(1);
        expect(behind.output).toMatch(/^catching up: 1003\t/);
        expect(probe(1003, header + row(1001, 0, 0, "Leader") + row(1003, 0, 60_000, "Follower")).status).toBe(1);
    });

    it("is unhealthy when the quorum does not answer, or does not list it as a voter", () => {
        expect(probe(1001, "TimeoutException: no leader", 1)).toEqual({ status: 1, output: "no answer from the quorum: TimeoutException: no leader\n" });
        // A Java stack trace is cut to its messages.
        const trace = "Error while describing\njava.util.concurrent.ExecutionException: boom\n\tat a.b(C.java:1)\nCaused by: boom\n\tat d.e(F.java:2)\n";
        expect(probe(1001, trace, 1).output).toBe("no answer from the quorum: java.util.concurrent.ExecutionException: boom\nCaused by: boom\n");
        const observer = probe(1002, header + row(1001, 0, 0, "Leader") + row(1002, 0, 0, "Observer"));
        expect(observer.status).toBe(1);
        expect(observer.output).toMatch(/^catching up: 1002\t.*Observer/);
        expect(probe(1003, header + row(1001, 0, 0, "Leader"))).toEqual({ status: 1, output: "not a voter of the quorum\n" });
    });
});

describe("the controller healthcheck's restart of a controller that never registered", () => {
    // A real process stands in for the server (its pid, start time and output),
    // a real listening port for its CONTROLLER listener, a directory for its
    // metadata (quorum-state), and a stand-in for Kafka's quorum tool.
    let home: string;
    let listener: net.Server;
    let openPort: number;
    let closedPort: number;
    let server: ChildProcess;
    let serverOutput: string;
    const unregisteredFile = "/tmp/controller-1001-unregistered";
    const unanswered = `java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.TimeoutException: ${NO_CONTROLLER_LISTED}. Call: describeMetadataQuorum`;

    beforeAll(async () => {
        home = mkdtempSync(path.join(os.tmpdir(), "controller-unregistered-"));
        writeFileSync(path.join(home, "kafka-metadata-quorum.sh"), ["#!/bin/sh", 'printf "%s" "$DESCRIBED"', 'exit "${EXIT_CODE:-0}"', ""].join("\n"), { mode: 0o755 });
        mkdirSync(path.join(home, "data", "__cluster_metadata-0"), { recursive: true });
        listener = net.createServer((socket) => socket.destroy());
        await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
        openPort = (listener.address() as net.AddressInfo).port;
        const spare = net.createServer();
        await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
        closedPort = (spare.address() as net.AddressInfo).port;
        await new Promise<void>((resolve) => spare.close(() => resolve()));
    });
    afterAll(async () => {
        await new Promise<void>((resolve) => listener.close(() => resolve()));
        rmSync(home, { recursive: true, force: true });
    });
    beforeEach(() => {
        rmSync(unregisteredFile, { force: true });
        // Its output goes to a file: a node "pipe" is a socket, which /proc/<pid>/fd/1 cannot open, unlike Docker's pipe.
        serverOutput = path.join(home, "server-output");
        const output = openSync(serverOutput, "w");
        server = spawn("sleep", ["600"], { stdio: ["ignore", output, "ignore"] });
        closeSync(output);
        quorumState(1001);
    });
    afterEach(() => {
        server.kill("SIGKILL");
    });

    function quorumState(leaderId: number) {
        writeFileSync(path.join(home, "data", "__cluster_metadata-0", "quorum-state"), `{"clusterId":"","leaderId":${leaderId},"leaderEpoch":1,"votedId":-1,"appliedOffset":0,"currentVoters":[{"voterId":1001}],"data_version":0}`);
    }
    function check(described: string, port = openPort) {
        const script = path.join(home, "healthcheck.sh");
        writeFileSync(script, renderControllerHealthcheck({ controllerId: 1001, kafkaBin: home, server: { pid: server.pid!, dataDir: path.join(home, "data"), port } }));
        const result = spawnSync("sh", [script], { env: { PATH: process.env.PATH, DESCRIBED: described, EXIT_CODE: "1" }, encoding: "utf8" });
        return { status: result.status, output: result.stdout + result.stderr };
    }
    const alive = () => server.exitCode === null && server.signalCode === null;
    const stopped = () => new Promise<NodeJS.Signals | null>((resolve) => (alive() ? server.once("exit", (_code, signal) => resolve(signal)) : resolve(server.signalCode)));

    it(`counts checks that find it listening, with a leader, yet unlisted, and stops the server at the ${UNREGISTERED_CHECKS_BEFORE_RESTART}th`, async () => {
        for (let count = 1; count < UNREGISTERED_CHECKS_BEFORE_RESTART; count += 1) {
            const result = check(unanswered);
            expect(result.status).toBe(1);
            expect(result.output).toContain(`unregistered: check ${count} of ${UNREGISTERED_CHECKS_BEFORE_RESTART} before a restart`);
            expect(alive()).toBe(true);
        }
        const last = check(unanswered);
        expect(last.status).toBe(1);
        expect(last.output).toContain(`controller 1001 has been unregistered for ${UNREGISTERED_CHECKS_BEFORE_RESTART} checks in a row`);
        expect(await stopped()).toBe("SIGTERM");
        // The reason is in the server's own output, where `docker logs` shows it.
        expect(readFileSync(serverOutput, "utf8")).toContain("[kafka-cluster healthcheck] controller 1001 has been unregistered");
        expect(existsSync(unregisteredFile)).toBe(false);
    });

    it("never counts a controller without a leader to register with, one whose listener is closed, or another failure", async () => {
        const outputs: string[] = [];
        const checks = (described: string, port?: number) => {
            for (let count = 0; count < UNREGISTERED_CHECKS_BEFORE_RESTART + 1; count += 1) outputs.push(check(described, port).output);
        };
        quorumState(-1);
        checks(unanswered);
        quorumState(1001);
        checks(unanswered, closedPort);
        checks("TimeoutException: Timed out waiting to send the call");
        expect(outputs.filter((output) => output.includes("unregistered"))).toEqual([]);
        expect(existsSync(unregisteredFile)).toBe(false);
        // A stop would have been delivered by now.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(alive()).toBe(true);
    });

    it("starts counting again after an answer, another failure, or a restart of the server", () => {
        check(unanswered);
        check(unanswered);
        check("TimeoutException: Timed out waiting to send the call");
        expect(check(unanswered).output).toContain("unregistered: check 1 of");
        spawnSync("sh", [path.join(home, "healthcheck.sh")], { env: { PATH: process.env.PATH, DESCRIBED: "NodeId\n1001 x 500 0 0 0 Leader\n", EXIT_CODE: "0" } });
        expect(existsSync(unregisteredFile)).toBe(false);
        // A count left by an earlier run of the server (another start time) does not carry over.
        writeFileSync(unregisteredFile, `1 ${UNREGISTERED_CHECKS_BEFORE_RESTART - 1}\n`);
        expect(check(unanswered).output).toContain("unregistered: check 1 of");
        expect(alive()).toBe(true);
    });
});
