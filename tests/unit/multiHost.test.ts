import { parseConfig, RawConfig } from "../../config";
import type { MultiHostSpec } from "../../lib/config/hostsConfig";
import { hostLossWarnings } from "../../lib/config/multiHostChecks";
import { ConfigValidationError } from "../../lib/config/problems";
import { placeCluster, recordablePlacement } from "../../lib/render/placement";
import { isSecret, runProgram, TYPES, uploadOf } from "./support/program";
import { parseProperties } from "./support/properties";

// A stack spread over several Docker hosts: where each container goes (and that it
// never moves), what the config refuses, and what the program declares per host.

const HOSTS = [
    { name: "a", endpoint: "unix:///run/kc-host-1/docker.sock", address: "10.77.0.11" },
    { name: "b", endpoint: "ssh://deploy@kafka-b", address: "10.77.0.12", labels: { zone: "2" } },
    { name: "c", endpoint: "ssh://deploy@kafka-c:2222", address: "10.77.0.13" },
];
const SPREAD: RawConfig = { brokers: 3, hosts: HOSTS, allowPublicBind: true };

function spec(hosts: string[], settings: Partial<MultiHostSpec> = {}): MultiHostSpec {
    return {
        hosts: hosts.map((name, index) => ({ name, endpoint: `unix:///run/${name}.sock`, address: `10.77.0.${11 + index}`, labels: {} })),
        zookeeperNodes: Math.min(3, hosts.length),
        controllers: 0,
        brokerHosts: new Map(),
        uiHost: hosts[0] ?? "",
        internalPortBase: 19142,
        zookeeperPortBase: 12181,
        controllerPort: 12093,
        ...settings,
    };
}

const hostsOf = (brokers: ReadonlyMap<number, string>) => Object.fromEntries([...brokers].map(([id, host]) => [id, host]));

describe("placement", () => {
    it("spreads a first up round-robin over the hosts in declaration order, ZooKeeper one node per host", () => {
        const { placement, errors } = placeCluster(spec(["a", "b", "c"]), 5);
        expect(errors).toEqual([]);
        expect(hostsOf(placement.brokers)).toEqual({ 1: "a", 2: "b", 3: "c", 4: "a", 5: "b" });
        expect(placement.zookeeper).toEqual(["a", "b", "c"]);
        expect(placement.ui).toBe("a");
    });

    it("never moves a recorded broker when a host is added, and gives the new host the next brokers", () => {
        const before = placeCluster(spec(["a", "b", "c"]), 3).placement;
        const grown = placeCluster(spec(["a", "b", "c", "d"]), 5, recordablePlacement(before));
        expect(hostsOf(grown.placement.brokers)).toEqual({ 1: "a", 2: "b", 3: "c", 4: "d", 5: "a" });
        // A rule like "broker i on host (i-1) mod hosts" would have kept 1-3 but put broker 4 on a
        // and, for 5 hosts and more brokers, moved existing ones; recorded state keeps every one.
        expect(grown.placement.zookeeper).toEqual(["a", "b", "c"]);
    });

    it("keeps recorded placement even when hosts are declared in another order", () => {
        const before = placeCluster(spec(["a", "b", "c"]), 3).placement;
        const reordered = placeCluster(spec(["c", "b", "a"]), 3, recordablePlacement(before));
        expect(hostsOf(reordered.placement.brokers)).toEqual({ 1: "a", 2: "b", 3: "c" });
        expect(reordered.placement.zookeeper).toEqual(["a", "b", "c"]);
    });

    it("moves a broker only when pinned elsewhere, and says what that costs", () => {
        const before = recordablePlacement(placeCluster(spec(["a", "b", "c"]), 3).placement);
        const moved = placeCluster(spec(["a", "b", "c"], { brokerHosts: new Map([[2, "c"]]) }), 3, before);
        expect(hostsOf(moved.placement.brokers)).toEqual({ 1: "a", 2: "c", 3: "c" });
        expect(moved.warnings.join("\n")).toMatch(/brokerHosts\.2 moves broker 2 from host b to c: it starts there with an empty volume/);
    });

    it("refuses to drop a host that still runs a broker", () => {
        const before = recordablePlacement(placeCluster(spec(["a", "b", "c"]), 3).placement);
        const { errors } = placeCluster(spec(["a", "c"], { zookeeperNodes: 1 }), 3, before);
        expect(errors).toEqual([expect.stringMatching(/hosts no longer declares "b", where broker 2 runs; keep the host, or pin the broker elsewhere with multiHost.brokerHosts.2/)]);
    });

    it("puts KRaft controllers one per host, and keeps them there when a host and a broker are added", () => {
        const kraft = (hosts: string[]) => spec(hosts, { zookeeperNodes: 0, controllers: 3 });
        const first = placeCluster(kraft(["a", "b", "c"]), 3);
        expect(first.placement.controllers).toEqual(["a", "b", "c"]);
        expect(recordablePlacement(first.placement)).toEqual({ brokers: { "1": "a", "2": "b", "3": "c" }, controllers: ["a", "b", "c"], ui: "a" });
        const grown = placeCluster(kraft(["a", "b", "c", "d"]), 4, recordablePlacement(first.placement));
        expect(grown.errors).toEqual([]);
        expect(grown.placement.controllers).toEqual(["a", "b", "c"]);
        expect(hostsOf(grown.placement.brokers)).toEqual({ 1: "a", 2: "b", 3: "c", 4: "d" });
    });

    it("refuses to move a recorded KRaft controller or drop its host: it would rejoin the static quorum on an empty log", () => {
        const before = recordablePlacement(placeCluster(spec(["a", "b", "c", "d"], { zookeeperNodes: 0, controllers: 3 }), 3).placement);
        const pinned = placeCluster(spec(["a", "b", "c", "d"], { zookeeperNodes: 0, controllers: 3, controllerHosts: ["a", "d", "c"] }), 3, before);
        expect(pinned.errors).toEqual([expect.stringMatching(/^multiHost.controllerHosts\[1\] is "d" but controller 2 runs on host b; .* empty metadata log/)]);
        const dropped = placeCluster(spec(["a", "c", "d"], { zookeeperNodes: 0, controllers: 3, brokerHosts: new Map([[2, "d"]]) }), 3, before);
        expect(dropped.errors).toEqual([expect.stringMatching(/^hosts no longer declares "b", where KRaft controller 2 runs/)]);
    });

    it("is the same for the same input, whatever the run", () => {
        const first = placeCluster(spec(["x", "y"], { zookeeperNodes: 1 }), 7);
        const second = placeCluster(spec(["x", "y"], { zookeeperNodes: 1 }), 7);
        expect(recordablePlacement(first.placement)).toEqual(recordablePlacement(second.placement));
    });
});

describe("losing one host", () => {
    const topic = (replicationFactor: number, config: Record<string, string> = {}) => ({ name: "orders", partitions: 3, replicationFactor, config });

    it("is fine for replication 3 and min.insync.replicas 2 over three hosts", () => {
        expect(hostLossWarnings([topic(3)], 3, 2)).toEqual([]);
    });

    it("warns when replicas would share a host, and when one lost host breaks min.insync.replicas", () => {
        expect(hostLossWarnings([topic(3)], 2, 2)).toEqual([
            "topics.orders.replicationFactor is 3 but the brokers run on 2 hosts, so some replicas of a partition share a host and are lost together with it",
            "topics.orders has min.insync.replicas 2 but losing one host leaves 1 of its 3 replicas, so producers with acks=all fail until the host is back; raise replicationFactor or spread the brokers over more hosts",
        ]);
        expect(hostLossWarnings([topic(3, { "min.insync.replicas": "3" })], 3, 1)).toEqual([expect.stringMatching(/min.insync.replicas 3 but losing one host leaves 2 of its 3 replicas/)]);
    });
});

function problemsOf(raw: RawConfig, context: { hostsStoredSecret?: boolean } = {}): string[] {
    try {
        parseConfig(raw, { project: "kafka-cluster", stack: "test", ...context });
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) return [...error.problems];
        throw error;
    }
}

describe("hosts validation", () => {
    const PEM = { ca: "-----BEGIN CERTIFICATE-----\nx", cert: "-----BEGIN CERTIFICATE-----\ny", key: "-----BEGIN PRIVATE KEY-----\nz" };
    const withHost = (index: number, change: Record<string, unknown>) => ({ ...SPREAD, hosts: HOSTS.map((host, at) => (at === index ? { ...host, ...change } : host)) });

    it("accepts three hosts, and a tcp:// host with TLS stored as a secret", () => {
        expect(problemsOf(SPREAD)).toEqual([]);
        expect(problemsOf(withHost(2, { endpoint: "tcp://kafka-c:2376", tls: PEM }), { hostsStoredSecret: true })).toEqual([]);
    });

    const cases: [string, RawConfig, string][] = [
        ["more KRaft controllers than hosts", { ...SPREAD, metadataMode: "kraft", controllerCount: 5 }, "controllerCount is 5 but only 3 hosts are declared; two KRaft controllers on one host would both go with it"],
        ["an even KRaft quorum", { ...SPREAD, metadataMode: "kraft", controllerCount: 2 }, "controllerCount is 2 but must be 1, 3 or 5"],
        ["two KRaft controllers pinned to one host", { ...SPREAD, metadataMode: "kraft", multiHost: { controllerHosts: ["a", "b", "a"] } }, 'multiHost.controllerHosts names "a" twice; two KRaft controllers on one host'],
        ["controller hosts that do not match controllerCount", { ...SPREAD, metadataMode: "kraft", multiHost: { controllerHosts: ["a", "b"] } }, "multiHost.controllerHosts names 2 hosts but controllerCount is 3"],
        ["ZooKeeper settings in KRaft mode", { ...SPREAD, metadataMode: "kraft", multiHost: { zookeeperNodes: 3 } }, "multiHost.zookeeperNodes is set but metadataMode is kraft, which runs KRaft controllers, not ZooKeeper; remove it"],
        ["controller settings in ZooKeeper mode", { ...SPREAD, multiHost: { controllerPort: 12093 } }, "multiHost.controllerPort is set but metadataMode is zookeeper"],
        ["the controller port on a broker's", { ...SPREAD, metadataMode: "kraft", multiHost: { controllerPort: 19093 } }, "host b would publish port 19093 twice: for broker 2's EXTERNAL listener (externalPortBase) and for KRaft controller 2's CONTROLLER listener (multiHost.controllerPort)"],
        ["an even ensemble", { ...SPREAD, multiHost: { zookeeperNodes: 2 } }, "multiHost.zookeeperNodes is 2 but must be odd (1, 3, 5, 7)"],
        ["more ZooKeeper nodes than hosts", { ...SPREAD, multiHost: { zookeeperNodes: 5 } }, "multiHost.zookeeperNodes is 5 but only 3 hosts are declared; two ZooKeeper nodes on one host"],
        ["two ZooKeeper nodes pinned to one host", { ...SPREAD, multiHost: { zookeeperHosts: ["a", "a", "b"] } }, 'multiHost.zookeeperHosts names "a" twice'],
        ["duplicate addresses", withHost(1, { address: "10.77.0.11" }), 'hosts[1].address is "10.77.0.11", the same as hosts[0].address; two hosts on one address would publish the same ports'],
        ["duplicate names", withHost(1, { name: "a" }), 'hosts[1].name is "a", the same as hosts[0].name'],
        [
            "a port collision on one host",
            { ...SPREAD, multiHost: { internalPortBase: 19092 } },
            "host a would publish port 19092 twice: for broker 1's EXTERNAL listener (externalPortBase) and for broker 1's INTERNAL listener (multiHost.internalPortBase)",
        ],
        ["ZooKeeper ports on kafka-ui's", { ...SPREAD, multiHost: { zookeeperPortBase: 18079 } }, "host a would publish port 18080 twice"],
        ["a bad endpoint", withHost(0, { endpoint: "docker.example.com" }), 'hosts[0].endpoint is "docker.example.com" but must be unix:///path/to/docker.sock, ssh://user@host[:port] or tcp://host:port'],
        ["tcp:// without TLS", withHost(0, { endpoint: "tcp://kafka-a:2375" }), "without hosts[0].tls; an engine on plain TCP gives root on the host"],
        ["TLS in plain text", withHost(0, { endpoint: "tcp://kafka-a:2376", tls: PEM }), "hosts[0].tls holds a private key, but hosts is stored in plain text in Pulumi.test.yaml"],
        ["a loopback address among hosts", withHost(0, { address: "127.0.0.1" }), 'hosts[0].address is "127.0.0.1" but other hosts cannot reach a loopback address'],
        ["advertisedHost with hosts", { ...SPREAD, advertisedHost: "10.0.0.1", bindAddress: "10.0.0.1" }, "advertisedHost is set but hosts is declared"],
        ["hosts without allowPublicBind", { ...SPREAD, allowPublicBind: false }, "hosts declares 3 hosts, which reach each other's brokers over the network on unauthenticated PLAINTEXT listeners"],
        ["an unknown pinned host", { ...SPREAD, multiHost: { brokerHosts: { "2": "z" } } }, 'multiHost.brokerHosts.2 is "z" but must be the name of a declared host (a, b, c)'],
        ["a pinned broker that does not exist", { ...SPREAD, multiHost: { brokerHosts: { "4": "a" } } }, 'multiHost.brokerHosts has the key "4" but keys must be broker ids from 1 to 3'],
        ["broker.rack set by hand", { ...SPREAD, brokerProperties: { "broker.rack": "r1" } }, 'brokerProperties."broker.rack" is "r1" but with hosts each broker\'s rack is the name of its host'],
        ["a typo in multiHost", { ...SPREAD, multiHost: { zookeperNodes: 3 } }, "multiHost.zookeperNodes is not a setting"],
        ["multiHost without hosts", { multiHost: { zookeeperNodes: 3 } }, "multiHost is {\"zookeeperNodes\":3} but hosts is empty"],
        ["hosts not a list", { hosts: "a,b,c" }, 'hosts is "a,b,c" but must be a list of Docker hosts'],
    ];
    it.each(cases)("refuses %s, naming key, value and limit", (_, raw, message) => {
        expect(problemsOf(raw).join("\n")).toContain(message);
    });

    it("takes the single-host keys at their defaults, as the engine passes them from Pulumi.yaml", () => {
        expect(problemsOf({ ...SPREAD, advertisedHost: "127.0.0.1", bindAddress: "127.0.0.1" })).toEqual([]);
    });

    it("warns when replication 3 spans fewer hosts than replicas", () => {
        const config = parseConfig(
            { ...SPREAD, hosts: HOSTS.slice(0, 2), topics: { orders: { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2 } } } },
            { project: "kafka-cluster", stack: "test" },
        );
        expect(config.warnings).toEqual([expect.stringMatching(/replicationFactor is 3 but the brokers run on 2 hosts/), expect.stringMatching(/losing one host leaves 1 of its 3 replicas/)]);
    });
});

describe("a KRaft stack over three hosts", () => {
    let run: Awaited<ReturnType<typeof runProgram>>;
    const VOTERS = "1001@10.77.0.11:29175,1002@10.77.0.12:29175,1003@10.77.0.13:29175";
    beforeAll(async () => {
        run = await runProgram({
            stack: "spread",
            config: { ...SPREAD, metadataMode: "kraft", externalPortBase: 29092, uiPort: 29180, multiHost: { controllerPort: 29175 } },
        });
    });
    const providerOf = (dockerName: string) => run.resources.find((candidate) => candidate.type === TYPES.container && candidate.inputs.name === dockerName)?.provider?.split("::")[3];

    it("runs one controller per host, its CONTROLLER port published on the host's address and advertised there", () => {
        expect([1, 2, 3].map((index) => providerOf(`kafka-cluster-spread-controller-${index}`))).toEqual(["kafka-host-a-engine", "kafka-host-b-engine", "kafka-host-c-engine"]);
        const controller = run.named(TYPES.container, "kafka-cluster-spread-controller-2");
        expect(controller.inputs.ports).toEqual([{ internal: 9093, external: 29175, ip: "10.77.0.12", protocol: "tcp" }]);
        const rendered = parseProperties(uploadOf(controller, "/etc/kafka-cluster/server.properties"));
        expect(rendered["controller.quorum.voters"]).toBe(VOTERS);
        expect(rendered.listeners).toBe("CONTROLLER://0.0.0.0:9093");
        expect(rendered["advertised.listeners"]).toBe("CONTROLLER://10.77.0.12:29175");
        expect(run.resources.filter((resource) => resource.type === TYPES.container && String(resource.inputs.name).includes("zookeeper"))).toEqual([]);
    });

    it("points every broker at the controllers' host addresses, racks it by host and starts it after every controller", () => {
        const broker = run.named(TYPES.container, "kafka-cluster-spread-kafka-3");
        const rendered = parseProperties(uploadOf(broker, "/etc/kafka-cluster/server.properties"));
        expect(rendered).toMatchObject({ "process.roles": "broker", "node.id": "3", "controller.quorum.voters": VOTERS, "broker.rack": "c" });
        expect(rendered["zookeeper.connect"]).toBeUndefined();
        expect(rendered["advertised.listeners"]).toBe("INTERNAL://10.77.0.13:29144,EXTERNAL://10.77.0.13:29094");
        const controllers = [1, 2, 3].map((index) => run.named(TYPES.container, `kafka-cluster-spread-controller-${index}`).urn);
        expect(broker.options.dependsOn).toEqual(expect.arrayContaining(controllers));
        // Formatted with the stack's one cluster id, like the controllers.
        expect(JSON.stringify(broker.inputs.command)).toContain(JSON.stringify(run.named(TYPES.container, "kafka-cluster-spread-controller-1").inputs.command).match(/--cluster-id [\w-]+/)?.[0]);
    });

    it("exports the voters and the controllers' placement, and no ZooKeeper", () => {
        expect(run.outputs.controllerQuorumVoters).toBe(VOTERS);
        expect(run.outputs.zookeeperConnect).toBeUndefined();
        expect(run.outputs.placement).toEqual({ brokers: { "1": "a", "2": "b", "3": "c" }, controllers: ["a", "b", "c"], ui: "a" });
    });
});

describe("a stack over three hosts", () => {
    let run: Awaited<ReturnType<typeof runProgram>>;
    beforeAll(async () => {
        run = await runProgram({
            stack: "spread",
            config: { ...SPREAD, brokers: 4, brokerRollout: "rolling", externalPortBase: 29092, uiPort: 29180, multiHost: { zookeeperPortBase: 29170 } },
            recordedOutputs: { placement: { brokers: { "1": "a", "2": "b", "3": "c" }, zookeeper: ["a", "b", "c"], ui: "a" } },
        });
    });

    const providerOf = (dockerName: string) => {
        const resource = run.resources.find((candidate) => candidate.type.startsWith("docker:index/") && candidate.inputs.name === dockerName);
        return resource?.provider?.split("::")[3];
    };

    it("declares one explicit Docker provider per host, and every Docker resource uses one", () => {
        const providers = run.ofType("pulumi:providers:docker");
        expect(providers.map((provider) => [provider.name, provider.inputs.host]).sort()).toEqual([
            ["kafka-host-a-engine", "unix:///run/kc-host-1/docker.sock"],
            ["kafka-host-b-engine", "ssh://deploy@kafka-b"],
            ["kafka-host-c-engine", "ssh://deploy@kafka-c:2222"],
        ]);
        const docker = run.resources.filter((resource) => resource.type.startsWith("docker:index/"));
        expect(docker.filter((resource) => !resource.provider?.includes("pulumi:providers:docker"))).toEqual([]);
    });

    it("keeps recorded brokers and puts the new one on the first of the least-loaded hosts", () => {
        expect([1, 2, 3, 4].map((id) => providerOf(`kafka-cluster-spread-kafka-${id}`))).toEqual(["kafka-host-a-engine", "kafka-host-b-engine", "kafka-host-c-engine", "kafka-host-a-engine"]);
        expect(run.outputs.placement).toEqual({ brokers: { "1": "a", "2": "b", "3": "c", "4": "a" }, zookeeper: ["a", "b", "c"], ui: "a" });
    });

    it("racks each broker by host and advertises both listeners on its host's published ports", () => {
        const broker = run.named(TYPES.container, "kafka-cluster-spread-kafka-2");
        const rendered = parseProperties(uploadOf(broker, "/etc/kafka-cluster/server.properties"));
        expect(rendered["broker.rack"]).toBe("b");
        expect(rendered["advertised.listeners"]).toBe("INTERNAL://10.77.0.12:29143,EXTERNAL://10.77.0.12:29093");
        expect(rendered["zookeeper.connect"]).toBe("10.77.0.11:29170,10.77.0.12:29170,10.77.0.13:29170");
        expect(broker.inputs.ports).toEqual([
            { internal: 9092, external: 29093, ip: "10.77.0.12", protocol: "tcp" },
            { internal: 19092, external: 29143, ip: "10.77.0.12", protocol: "tcp" },
        ]);
    });

    it("runs a ZooKeeper ensemble with a myid and the server list as each node sees it", () => {
        const node = run.named(TYPES.container, "kafka-cluster-spread-zookeeper-2");
        expect(providerOf("kafka-cluster-spread-zookeeper-2")).toBe("kafka-host-b-engine");
        expect(uploadOf(node, "/data/myid")).toBe("2\n");
        const zooCfg = uploadOf(node, "/conf/zoo.cfg");
        expect(zooCfg).toContain("standaloneEnabled=false\nserver.1=10.77.0.11:29171:29172\nserver.2=0.0.0.0:2888:3888\nserver.3=10.77.0.13:29171:29172\n");
        expect(node.inputs.ports).toEqual([2181, 2888, 3888].map((internal, offset) => ({ internal, external: 29170 + offset, ip: "10.77.0.12", protocol: "tcp" })));
    });

    it("still rolls one broker at a time, each after the previous one is in sync, across hosts", () => {
        const urnOf = (dockerName: string) => run.named(TYPES.container, dockerName).urn;
        for (const id of [2, 3, 4]) {
            expect(run.named(TYPES.container, `kafka-cluster-spread-kafka-${id}`).options.dependsOn).toContain(urnOf(`kafka-cluster-spread-kafka-${id - 1}-in-sync`));
        }
        // Each broker is asked about on its own host, beside it.
        for (const id of [1, 2, 3, 4]) {
            expect(providerOf(`kafka-cluster-spread-kafka-${id}-in-sync`)).toBe(providerOf(`kafka-cluster-spread-kafka-${id}`));
        }
    });

    it("exports host addresses for both listeners and puts kafka-ui on one host", () => {
        expect(run.outputs.externalBootstrapServers).toBe("10.77.0.11:29092,10.77.0.12:29093,10.77.0.13:29094,10.77.0.11:29095");
        expect(run.outputs.internalBootstrapServers).toBe("10.77.0.11:29142,10.77.0.12:29143,10.77.0.13:29144,10.77.0.11:29145");
        expect(run.outputs.kafkaUiUrl).toBe("http://10.77.0.11:29180");
        expect(providerOf("kafka-cluster-spread-kafka-ui")).toBe("kafka-host-a-engine");
    });

    it("hands TLS material to the provider as secrets only", async () => {
        const tls = await runProgram({
            stack: "spread",
            config: { ...SPREAD, hosts: [{ ...HOSTS[0], endpoint: "tcp://10.77.0.11:2376", tls: { ca: "-----BEGIN CERTIFICATE-----\nca", cert: "-----BEGIN CERTIFICATE-----\nc", key: "-----BEGIN PRIVATE KEY-----\nk" } }, ...HOSTS.slice(1)] },
            secretConfig: ["hosts"],
        });
        const provider = tls.ofType("pulumi:providers:docker").find((candidate) => candidate.name === "kafka-host-a-engine");
        expect(provider?.inputs.host).toBe("tcp://10.77.0.11:2376");
        expect(isSecret(provider?.inputs.keyMaterial)).toBe(true);
        expect(isSecret(provider?.inputs.caMaterial)).toBe(true);
    });
});
