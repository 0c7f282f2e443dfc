import * as pulumi from "@pulumi/pulumi";
import { ConfigContext, parseConfig, RawConfig } from "../../config";
import { ConfigValidationError } from "../../lib/config/problems";

// Every rule rejects its bad input with a message naming the key, the value and
// the limit, and each case below breaks exactly one rule of an otherwise valid config.

const VALID: RawConfig = {
    brokers: 3,
    topics: { orders: { partitions: 6, replicationFactor: 3, config: { "retention.ms": 604800000 } } },
};

function problemsOf(raw: RawConfig, context: Partial<ConfigContext> = {}): string[] {
    try {
        parseConfig({ ...VALID, ...raw }, { project: "kafka-cluster", stack: "test", ...context });
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) {
            return [...error.problems];
        }
        throw error;
    }
}

const password = { uiPassword: pulumi.secret("s3cret") };
const topic = (spec: Record<string, unknown>) => ({ topics: { orders: { partitions: 6, replicationFactor: 3, ...spec } } });

describe("stack config validation", () => {
    it("accepts a valid config", () => {
        expect(problemsOf({})).toEqual([]);
    });

    const cases: [string, RawConfig, string][] = [
        // Brokers and ports
        ["no brokers", { brokers: 0 }, "brokers is 0 but must be at least 1"],
        ["brokers as words", { brokers: "three" }, 'brokers is "three" but must be a whole number between 1 and 50'],
        ["fractional brokers", { brokers: 2.5 }, "brokers is 2.5 but must be a whole number between 1 and 50"],
        ["too many brokers", { brokers: 51 }, "brokers is 51 but must be at most 50"],
        ["privileged port base", { externalPortBase: 80 }, "externalPortBase is 80 but must be at least 1024"],
        ["port base beyond 65535", { externalPortBase: 70000 }, "externalPortBase is 70000 but must be at most 65535"],
        ["brokers running out of ports", { externalPortBase: 65534 }, "externalPortBase is 65534 but 3 brokers need ports 65534-65536, beyond 65535"],
        ["UI port inside the broker range", { uiPort: 19093 }, "uiPort is 19093 but the brokers use host ports 19092-19094; pick a port outside that range"],
        ["UI port zero", { uiPort: 0 }, "uiPort is 0 but must be at least 1024"],
        // The stack's subnet
        ["subnet that is no CIDR", { networkSubnet: "10.213.7.0" }, 'networkSubnet is "10.213.7.0" but must be an IPv4 network in CIDR form like 10.213.7.0/24, or auto'],
        ["subnet octet beyond 255", { networkSubnet: "10.213.300.0/24" }, 'networkSubnet is "10.213.300.0/24" but must be an IPv4 network in CIDR form like 10.213.7.0/24, or auto'],
        [
            "subnet too small for the fixed addresses",
            { networkSubnet: "10.213.7.0/25" },
            'networkSubnet is "10.213.7.0/25" but has prefix /25 but must be between /16 and /24 (a /24 holds the fixed addresses and a range for Docker to hand out)',
        ],
        ["subnet with host bits", { networkSubnet: "10.213.7.5/24" }, 'networkSubnet is "10.213.7.5/24" but has host bits set; the network address of 10.213.7.5/24 is 10.213.7.0/24'],
        // Addresses
        ["empty advertised host", { advertisedHost: "" }, 'advertisedHost is "" but must be a non-empty string'],
        [
            "advertised 0.0.0.0",
            { advertisedHost: "0.0.0.0" },
            'advertisedHost is "0.0.0.0" but clients cannot dial it; 0.0.0.0 means "all interfaces" only to a server. Use 127.0.0.1 on a laptop or the host\'s LAN address',
        ],
        [
            "advertised ::",
            { advertisedHost: "::" },
            'advertisedHost is "::" but clients cannot dial it; :: means "all interfaces" only to a server. Use 127.0.0.1 on a laptop or the host\'s LAN address',
        ],
        [
            "advertised host with scheme and port",
            { advertisedHost: "http://kafka:9092" },
            'advertisedHost is "http://kafka:9092" but must be a host name or IP address without scheme or port, like 127.0.0.1 or kafka.example.com',
        ],
        [
            "advertised host with a space",
            { advertisedHost: "kafka host" },
            'advertisedHost is "kafka host" but must be a host name or IP address without scheme or port, like 127.0.0.1 or kafka.example.com',
        ],
        [
            "advertised LAN address while bound to loopback",
            { advertisedHost: "192.168.24.170" },
            'advertisedHost is "192.168.24.170" and bindAddress is "127.0.0.1": clients would dial 192.168.24.170, but the ports are published only on 127.0.0.1, so nothing answers them; set bindAddress to 192.168.24.170 (or 0.0.0.0 for every interface)',
        ],
        [
            "bind address that is a name",
            { bindAddress: "localhost" },
            'bindAddress is "localhost" but must be an IP address of this host (127.0.0.1, a LAN address, or 0.0.0.0 for all)',
        ],
        [
            "public bind without confirmation",
            { bindAddress: "0.0.0.0", advertisedHost: "192.168.24.170", uiEnabled: false },
            'bindAddress is "0.0.0.0", which exposes the brokers\' unauthenticated PLAINTEXT listeners beyond this host; confirm with: pulumi config set allowPublicBind true --stack test',
        ],
        [
            "public bind without a UI login",
            { bindAddress: "0.0.0.0", advertisedHost: "192.168.24.170", allowPublicBind: true },
            "uiPassword is not set but the UI is published beyond this host, so kafka-ui needs a login; run: pulumi config set --secret uiPassword <password> --stack test",
        ],
        [
            "protected stack without a UI login",
            { protect: true },
            "uiPassword is not set but the stack is protected, so kafka-ui needs a login; run: pulumi config set --secret uiPassword <password> --stack test",
        ],
        ["allowPublicBind as words", { allowPublicBind: "yes" }, 'allowPublicBind is "yes" but must be true or false'],
        // Images
        [
            "untagged broker image",
            { brokerImage: "apache/kafka" },
            'brokerImage is "apache/kafka" but must be pinned to a version (add a tag like :3.9.1 or an @sha256: digest); an untagged name means :latest',
        ],
        [
            "broker image on latest",
            { brokerImage: "apache/kafka:latest" },
            'brokerImage is "apache/kafka:latest" but must be pinned to a version; :latest moves, so a later pulumi up could replace containers with an image nobody reviewed',
        ],
        [
            "ZooKeeper image on latest",
            { zookeeperImage: "zookeeper:latest" },
            'zookeeperImage is "zookeeper:latest" but must be pinned to a version; :latest moves, so a later pulumi up could replace containers with an image nobody reviewed',
        ],
        [
            "untagged UI image",
            { uiImage: "ghcr.io/kafbat/kafka-ui" },
            'uiImage is "ghcr.io/kafbat/kafka-ui" but must be pinned to a version (add a tag like :3.9.1 or an @sha256: digest); an untagged name means :latest',
        ],
        ["malformed image", { brokerImage: "Apache/Kafka:3.9" }, 'brokerImage is "Apache/Kafka:3.9" but must be an image reference like apache/kafka:3.9.1'],
        // Broker settings
        ["tiny heap", { brokerHeapMb: 64 }, "brokerHeapMb is 64 but must be at least 128 (MiB)"],
        ["unknown rollout", { brokerRollout: "serial" }, 'brokerRollout is "serial" but must be one of parallel, rolling'],
        ["relative kafkaHome", { kafkaHome: "opt/kafka" }, 'kafkaHome is "opt/kafka" but must be an absolute path inside the image, like /opt/kafka'],
        ["misspelt setting", { broker: 3 }, "broker is not a setting of this program; did you mean brokers?"],
        ["UI switch as words", { uiEnabled: "maybe" }, 'uiEnabled is "maybe" but must be true or false'],
        ["protect as a number", { protect: 1 }, "protect is 1 but must be true or false"],
        ["keepDataOnDestroy as words", { keepDataOnDestroy: "keep" }, 'keepDataOnDestroy is "keep" but must be true or false'],
        ["adoptTopics as words", { adoptTopics: "yes please" }, 'adoptTopics is "yes please" but must be true or false'],
        ["brokerProperties as a list", { brokerProperties: ["a=b"] }, 'brokerProperties is ["a=b"] but must be a map of keys to values'],
        ["offsets topic above the broker count", { brokerProperties: { "offsets.topic.replication.factor": 4 } }, 'brokerProperties."offsets.topic.replication.factor" is 4 but the cluster has 3 brokers'],
        [
            "transaction log min ISR above its replication factor",
            { brokerProperties: { "transaction.state.log.replication.factor": 2, "transaction.state.log.min.isr": 3 } },
            'brokerProperties."transaction.state.log.min.isr" is 3 but transaction.state.log.replication.factor is 2; acks=all writes to those topics would be refused',
        ],
        // Topics
        ["topics as a string", { topics: "orders" }, 'topics is "orders" but must be a map of keys to values'],
        [
            "illegal character in a topic name",
            { topics: { "orders!": { partitions: 1, replicationFactor: 1 } } },
            'topics."orders!": the name contains "!" but Kafka allows only letters, digits, ".", "_" and "-"',
        ],
        ["topic named .", { topics: { ".": { partitions: 1, replicationFactor: 1 } } }, 'topics.".": a topic name cannot be "." or ".."'],
        [
            "topic name of 250 characters",
            { topics: { ["t".repeat(250)]: { partitions: 1, replicationFactor: 1 } } },
            `topics.${"t".repeat(250)}: the name is 250 characters long but Kafka allows at most 249`,
        ],
        [
            "internal topic name",
            { topics: { __consumer_offsets: { partitions: 1, replicationFactor: 1 } } },
            'topics.__consumer_offsets: names starting with "__" are reserved for Kafka\'s internal topics',
        ],
        [
            "names colliding on . and _",
            { topics: { "app.logs": { partitions: 1, replicationFactor: 1 }, app_logs: { partitions: 1, replicationFactor: 1 } } },
            'topics "app.logs" and "app_logs" collide: Kafka treats "." and "_" alike in topic names, so only one of them can exist',
        ],
        ["topic as a number", { topics: { orders: 3 } }, "topics.orders is 3 but must be a map of keys to values"],
        ["misspelt topic field", topic({ partition: 3 }), "topics.orders.partition is not a topic setting; did you mean partitions?"],
        ["unknown topic field", topic({ replicas: 3 }), "topics.orders.replicas is not a topic setting; a topic has partitions, replicationFactor, config"],
        ["zero partitions", topic({ partitions: 0 }), "topics.orders.partitions is 0 but must be at least 1"],
        ["missing partitions", { topics: { orders: { replicationFactor: 3 } } }, "topics.orders.partitions is missing but must be a whole number between 1 and 10000"],
        ["partitions as words", topic({ partitions: "many" }), 'topics.orders.partitions is "many" but must be a whole number between 1 and 10000'],
        ["partitions beyond the typo guard", topic({ partitions: 60000 }), "topics.orders.partitions is 60000 but must be at most 10000"],
        ["replication factor above the broker count", topic({ replicationFactor: 4 }), "topics.orders.replicationFactor is 4 but the cluster has 3 brokers"],
        ["zero replication factor", topic({ replicationFactor: 0 }), "topics.orders.replicationFactor is 0 but must be at least 1"],
        ["topic config as a list", topic({ config: ["retention.ms=1"] }), 'topics.orders.config is ["retention.ms=1"] but must be a map of keys to values'],
        [
            "compaction lag bounds crossed",
            topic({ config: { "min.compaction.lag.ms": 600000, "max.compaction.lag.ms": 60000 } }),
            'topics.orders.config."min.compaction.lag.ms" is 600000 but must be at most max.compaction.lag.ms (60000)',
        ],
        [
            "topic min ISR above its replication factor",
            topic({ replicationFactor: 2, config: { "min.insync.replicas": 3 } }),
            'topics.orders.config."min.insync.replicas" is 3 but topics.orders.replicationFactor is 2; every acks=all write would be refused',
        ],
        [
            "broker default min ISR above a topic's replication factor",
            { brokerProperties: { "min.insync.replicas": 2 }, ...topic({ replicationFactor: 1 }) },
            'topics.orders.replicationFactor is 1 but brokerProperties."min.insync.replicas" is 2 (the default for topics that set none); every acks=all write would be refused. Raise replicationFactor or set topics.orders.config."min.insync.replicas"',
        ],
    ];

    it.each(cases)("rejects %s", (_description, raw, expected) => {
        expect(problemsOf(raw)).toEqual([expected]);
    });

    it("covers at least 40 distinct bad inputs here", () => {
        expect(new Set(cases.map(([description]) => description)).size).toBeGreaterThanOrEqual(40);
    });

    it("accepts a public bind once confirmed and with a UI login", () => {
        expect(problemsOf({ bindAddress: "0.0.0.0", allowPublicBind: true, advertisedHost: "192.168.24.170" }, password)).toEqual([]);
    });

    it("accepts a protected stack with a UI login", () => {
        expect(problemsOf({ protect: true }, password)).toEqual([]);
    });

    it("reports every problem at once, saying nothing was changed", () => {
        expect(() => parseConfig({ brokers: 0, advertisedHost: "0.0.0.0" }, { project: "kafka-cluster", stack: "dev" })).toThrow(
            new RegExp(
                '^Stack "dev" has 2 configuration problems; nothing was created or changed:\\n' +
                    "  - brokers is 0 but must be at least 1\\n" +
                    '  - advertisedHost is "0.0.0.0"',
            ),
        );
    });

    it("reads numbers and booleans given as strings, as Pulumi passes top-level values", () => {
        const config = parseConfig({ brokers: "1", protect: "false", uiEnabled: "false", topics: {} }, { project: "kafka-cluster", stack: "dev" });
        expect(config.brokers.count).toBe(1);
        expect(config.protect).toBe(false);
        expect(config.ui.enabled).toBe(false);
    });
});

describe("networkSubnet", () => {
    const subnetOf = (raw: RawConfig, stack = "test") => parseConfig({ ...VALID, ...raw }, { project: "kafka-cluster", stack }).networkSubnet;

    it("defaults to a /24 of 10.213.0.0/16 derived from project and stack, the same on every run", () => {
        expect(subnetOf({})).toBe("10.213.30.0/24");
        expect(subnetOf({}, "test")).toBe(subnetOf({ networkSubnet: "auto" }, "test"));
        expect(subnetOf({}, "staging")).toBe("10.213.92.0/24");
    });

    it("takes a declared network as it is", () => {
        expect(subnetOf({ networkSubnet: "172.30.0.0/16" })).toBe("172.30.0.0/16");
    });
});
