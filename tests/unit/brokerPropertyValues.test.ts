import { checkBrokerProperty as check, renderBrokerPropertyValue as render } from "../../lib/kafka/brokerConfig";
import { kafkaModel } from "../../lib/kafka/model";

// Broker property values against the generated model: what Kafka accepts,
// and the exact message for what it refuses. Checked against Kafka itself by
// the differential test (npm run test:model).

const model = kafkaModel("3.9");
const path = (key: string): string => `brokerProperties.${JSON.stringify(key)}`;
const checkBrokerProperty = (key: string, value: unknown): string | undefined => check(model, key, value);
const renderBrokerPropertyValue = (value: string | number | boolean, key = "(value)"): string => render(model, value, key);

describe("checkBrokerProperty accepts valid pass-through properties", () => {
    it.each<[string, unknown]>([
        ["num.partitions", 6],
        ["num.partitions", "6"],
        ["default.replication.factor", 3],
        ["min.insync.replicas", 2],
        ["log.retention.hours", 168],
        ["log.retention.ms", -1],
        ["log.retention.bytes", "1073741824"],
        ["message.max.bytes", 10485760],
        ["num.network.threads", 3],
        ["num.io.threads", "8"],
        ["unclean.leader.election.enable", false],
        ["unclean.leader.election.enable", "true"],
        ["offsets.topic.replication.factor", 3],
        ["transaction.state.log.min.isr", 2],
        ["log.cleanup.policy", "compact, delete"],
        ["inter.broker.protocol.version", "3.9"],
        ["compression.type", "lz4"],
        ["log.cleaner.min.cleanable.ratio", 0.5],
        ["sasl.jaas.config", 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a";'],
        ["ssl.principal.mapping.rules", "RULE:^CN=(.*?)\\.example$/$1/"],
        ["listener.name.internal.ssl.keystore.location", "/etc/kafka/ks.jks"],
        ["listener.name.external.plain.sasl.jaas.config", "x required;"],
        ["rsm.config.bucket", "tiered"],
        ["metrics.context.env", "dev"],
        // Kafka 3.9 sets no lower bound on these; the differential test holds the program to that.
        ["default.replication.factor", 0],
        ["log.retention.ms", -2],
    ])("%s = %j", (key, value) => {
        expect(checkBrokerProperty(key, value)).toBeUndefined();
    });
});

describe("checkBrokerProperty rejects with a message naming key, value and limit", () => {
    it.each<[string, unknown, string]>([
        [
            "advertised.listeners",
            "PLAINTEXT://x:9092",
            `${path("advertised.listeners")} is managed by the program: set advertisedHost and externalPortBase instead`,
        ],
        [
            "listeners",
            "PLAINTEXT://:9092",
            `${path("listeners")} is managed by the program: listeners are rendered per broker; set advertisedHost and externalPortBase instead`,
        ],
        [
            "log.dirs",
            "/data",
            `${path("log.dirs")} is managed by the program: broker data always lives on the named volume at /var/lib/kafka/data`,
        ],
        [
            "log.dir",
            "/data",
            `${path("log.dir")} is managed by the program: broker data always lives on the named volume at /var/lib/kafka/data`,
        ],
        [
            "broker.id",
            1,
            `${path("broker.id")} is managed by the program: each broker's id is assigned by the program from its position in the cluster`,
        ],
        [
            "zookeeper.connect",
            "zk:2181",
            `${path("zookeeper.connect")} is managed by the program: brokers always connect to the ZooKeeper container the program runs`,
        ],
        [
            "auto.create.topics.enable",
            true,
            `${path("auto.create.topics.enable")} is managed by the program: it is always false so that topics come only from the topics map`,
        ],
        [
            "process.roles",
            "broker",
            `${path("process.roles")} is managed by the program: this cluster runs in ZooKeeper mode, where KRaft settings do not apply`,
        ],
        [
            "security.inter.broker.protocol",
            "SSL",
            `${path("security.inter.broker.protocol")} is managed by the program: the program sets inter.broker.listener.name, which Kafka will not combine with it`,
        ],
        [
            "advertised.host.name",
            "kafka.local",
            `${path("advertised.host.name")} was removed in Kafka 3.0; listeners are managed by the program: set advertisedHost and externalPortBase instead`,
        ],
        [
            "port",
            9092,
            `${path("port")} was removed in Kafka 3.0; listeners are managed by the program: set advertisedHost and externalPortBase instead`,
        ],
        [
            "quota.producer.default",
            1048576,
            `${path("quota.producer.default")} was removed in Kafka 3.0; set default client quotas dynamically with kafka-configs --entity-type clients --entity-default`,
        ],
        ["num.partition", 3, `${path("num.partition")} is not a Kafka 3.9 broker config; did you mean "num.partitions"?`],
        [
            "log.retention.hour",
            24,
            `${path("log.retention.hour")} is not a Kafka 3.9 broker config; did you mean "log.retention.hours"?`,
        ],
        [
            "retention.ms",
            1,
            `${path("retention.ms")} is a topic-level config, not a Kafka 3.9 broker config; the broker-wide default is "log.retention.ms"`,
        ],
        [
            "remote.storage.enable",
            true,
            `${path("remote.storage.enable")} is a topic-level config, not a Kafka 3.9 broker config; it has no broker-wide default, so set it per topic under topics.<name>.config`,
        ],
        [
            "frobnicate",
            1,
            `${path("frobnicate")} is not a Kafka 3.9 broker config; see https://kafka.apache.org/39/documentation/#brokerconfigs for the valid names`,
        ],
        [
            "listener.name.internal.listeners",
            "x",
            `${path("listener.name.internal.listeners")} is not a Kafka 3.9 broker config; see https://kafka.apache.org/39/documentation/#brokerconfigs for the valid names`,
        ],
        ["num.io.threads", 0, `${path("num.io.threads")} is 0 but must be at least 1`],
        ["num.network.threads", "two", `${path("num.network.threads")} is "two" but must be an integer`],
        ["num.partitions", -1, `${path("num.partitions")} is -1 but must be at least 1`],
        ["min.insync.replicas", "0", `${path("min.insync.replicas")} is "0" but must be at least 1`],
        [
            "offsets.topic.replication.factor",
            40000,
            `${path("offsets.topic.replication.factor")} is 40000 but must be at most 32767, the Java short limit`,
        ],
        [
            "transaction.state.log.replication.factor",
            "3.5",
            `${path("transaction.state.log.replication.factor")} is "3.5" but must be an integer`,
        ],
        ["transaction.state.log.min.isr", 0, `${path("transaction.state.log.min.isr")} is 0 but must be at least 1`],
        [
            "log.retention.hours",
            "a week",
            `${path("log.retention.hours")} is "a week" but must be an integer (hours)`,
        ],
        [
            "log.retention.bytes",
            1.5,
            `${path("log.retention.bytes")} is 1.5 but must be an integer (bytes)`,
        ],
        [
            "message.max.bytes",
            2147483648,
            `${path("message.max.bytes")} is 2147483648 but must be at most 2147483647, the Java int limit`,
        ],
        ["unclean.leader.election.enable", "yes", `${path("unclean.leader.election.enable")} is "yes" but must be true or false`],
        [
            "sasl.jaas.config",
            "x required;\nlog.dirs=/tmp",
            `${path("sasl.jaas.config")} is "x required;\\nlog.dirs=/tmp", which contains a line break and would inject extra lines into server.properties; put it on one line`,
        ],
        [
            "log.cleanup.policy",
            "compacted",
            `${path("log.cleanup.policy")} is "compacted" but must be one of compact, delete`,
        ],
        [
            "inter.broker.protocol.version",
            "3.10",
            `${path("inter.broker.protocol.version")} is "3.10" but must be a Kafka version such as 2.8, 3.0 or 3.0-IV1 (from 0.8.0 to 4.0-IV1)`,
        ],
        [
            "ssl.client.auth",
            "optional",
            `${path("ssl.client.auth")} is "optional" but must be one of required, requested, none`,
        ],
        ["group.share.max.groups", 101, `${path("group.share.max.groups")} is 101 but must be between 1 and 100`],
        [
            "principal.builder.class",
            "not a class!",
            `${path("principal.builder.class")} is "not a class!" but must be a fully qualified Java class name`,
        ],
        [
            "remote.log.storage.manager.class.name",
            " ",
            `${path("remote.log.storage.manager.class.name")} is " " but must be a non-empty string`,
        ],
        ["log.cleaner.min.cleanable.ratio", 2, `${path("log.cleaner.min.cleanable.ratio")} is 2 but must be between 0 and 1`],
        [
            "listener.name.internal.ssl.client.auth",
            "sometimes",
            `${path("listener.name.internal.ssl.client.auth")} is "sometimes" but must be one of required, requested, none`,
        ],
    ])("%s = %j", (key, value, message) => {
        expect(checkBrokerProperty(key, value)).toBe(message);
    });
});

describe("renderBrokerPropertyValue", () => {
    it.each<[string | number | boolean, string]>([
        [true, "true"],
        [6, "6"],
        ["  8 ", "8"],
        ["RULE:^CN=(.*?)\\.example$/$1/", "RULE:^CN=(.*?)\\.example$/$1/"],
    ])("renders %j as %j", (value, rendered) => {
        expect(renderBrokerPropertyValue(value)).toBe(rendered);
    });

    it("normalises like Kafka when the key is known", () => {
        expect(renderBrokerPropertyValue("delete , compact", "log.cleanup.policy")).toBe("delete,compact");
        expect(renderBrokerPropertyValue("TRUE", "unclean.leader.election.enable")).toBe("true");
        expect(renderBrokerPropertyValue("+3", "num.partitions")).toBe("3");
        expect(renderBrokerPropertyValue(1, "log.cleaner.min.cleanable.ratio")).toBe("1.0");
        expect(renderBrokerPropertyValue(" secret ", "ssl.key.password")).toBe(" secret ");
    });

    it("refuses line breaks, which would start a new property", () => {
        expect(() => renderBrokerPropertyValue("a\r\nlog.dirs=/tmp", "sasl.jaas.config")).toThrow(
            `${path("sasl.jaas.config")} is "a\\r\\nlog.dirs=/tmp", which contains a line break and would inject extra lines into server.properties; put it on one line`,
        );
        expect(() => renderBrokerPropertyValue("a\nb")).toThrow("contains a line break");
    });
});
