import { parseConfig, type RawConfig } from "../../config";
import { checkBrokerProperty } from "../../lib/kafka/brokerConfig";
import { brokerImageFacts } from "../../lib/kafka/brokerImage";
import { kafkaModel, kafkaModelFor } from "../../lib/kafka/model";
import { checkTopicConfig } from "../../lib/kafka/topicConfig";
import { ConfigValidationError } from "../../lib/config/problems";

// The generated model and the rules read from it. Names and limits are not
// copied here: they come from the model, and the differential test
// (npm run test:model) checks them against Kafka itself.

const model = kafkaModel("3.9");

function problemsOf(raw: RawConfig): readonly string[] {
    try {
        parseConfig({ brokers: 3, ...raw }, { project: "kafka-cluster", stack: "dev" });
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) return error.problems;
        throw error;
    }
}

describe("Kafka config model", () => {
    it("picks the model from the broker image's tag", () => {
        expect(brokerImageFacts("apache/kafka:3.9.1").kafkaVersion).toEqual({ major: 3, minor: 9, patch: 1 });
        expect(brokerImageFacts("kafka-cluster-test/kafka:3.9.1").kafkaVersion).toEqual({ major: 3, minor: 9, patch: 1 });
        expect(brokerImageFacts("apache/kafka@sha256:abc").kafkaVersion).toBeUndefined();
        expect(kafkaModelFor(brokerImageFacts("apache/kafka:3.9.1").kafkaVersion).kafkaVersion).toBe("3.9.1");
        expect(kafkaModelFor({ major: 3, minor: 9 }).kafkaVersion).toBe("3.9.1");
        expect(kafkaModelFor({ major: 2, minor: 8 }).kafkaVersion).toBe("3.9.1");
        expect(() => kafkaModel("2.8")).toThrow("no Kafka config model for 2.8; supported: 3.9, 4.4");
    });

    it("was generated from Kafka 3.9.1's ConfigDefs", () => {
        expect(model.kafkaVersion).toBe("3.9.1");
        expect(model.broker["log.segment.bytes"]).toMatchObject({ type: "int", default: "1073741824", validator: { kind: "range", min: 14 } });
        expect(model.topic["retention.ms"]?.serverDefault?.map((s) => s.name)).toEqual(["log.retention.ms", "log.retention.minutes", "log.retention.hours"]);
        expect(model.topic["compression.gzip.level"]?.validator).toEqual({ kind: "range", min: 1, max: 9, orExactly: -1 });
    });
});

describe("broker properties against the model", () => {
    it.each([
        ["num.partition", 3, 'brokerProperties."num.partition" is not a Kafka 3.9 broker config; did you mean "num.partitions"?'],
        ["retention.ms", 1, 'brokerProperties."retention.ms" is a topic-level config, not a Kafka 3.9 broker config; the broker-wide default is "log.retention.ms"'],
        ["log.segment.bytes", 13, 'brokerProperties."log.segment.bytes" is 13 but must be at least 14 (bytes)'],
        ["compression.type", "GZIP", 'brokerProperties."compression.type" is "GZIP" but must be one of uncompressed, zstd, lz4, snappy, gzip, producer; did you mean "gzip"?'],
        ["unstable.api.versions.enable", true, 'brokerProperties."unstable.api.versions.enable" is an internal Kafka 3.9.1 setting, not meant to be set by users'],
        ["broker.id", 7, "brokerProperties.\"broker.id\" is managed by the program: each broker's id is assigned by the program from its position in the cluster"],
    ])("%s=%s", (key, value, message) => {
        expect(checkBrokerProperty(model, key, value)).toBe(message);
    });
});

describe("Kafka's start-up checks at preview", () => {
    it.each([
        [{ "replica.fetch.wait.max.ms": 40000, "replica.lag.time.max.ms": 60000 }, 'brokerProperties."replica.fetch.wait.max.ms" is 40000 but must be at most replica.socket.timeout.ms (Kafka\'s default) (30000), or Kafka refuses to start'],
        [{ "log.cleaner.threads": 0 }, 'brokerProperties."log.cleaner.threads" is 0 but must be at least 1; Kafka 3.9.1 fails to start with 0'],
        [{ "offsets.commit.required.acks": 4 }, 'brokerProperties."offsets.commit.required.acks" is 4 but must be between -1 and offsets.topic.replication.factor (the program\'s default) (3)'],
        [{ "reserved.broker.max.id": 2 }, 'brokerProperties."reserved.broker.max.id" is 2 but the brokers have ids up to 3; it must be at least 3'],
        [{ "remote.log.storage.system.enable": true }, 'brokerProperties."remote.log.storage.system.enable" is true but remote.log.storage.manager.class.name is not set; the broker would fail at start without a remote storage plugin'],
        [{ "offsets.topic.compression.codec": 7 }, 'brokerProperties."offsets.topic.compression.codec" is 7 but must be one of 0 (none), 1 (gzip), 2 (snappy), 3 (lz4), 4 (zstd)'],
        [{ "log.cleaner.dedupe.buffer.size": 1048576 }, 'brokerProperties."log.cleaner.dedupe.buffer.size" is 1048576 but must be more than 1 MiB (1048576 bytes) per cleaner thread; log.cleaner.threads is 1, so more than 1048576'],
        [{ "log.flush.interval.ms": -1 }, 'brokerProperties."log.flush.interval.ms" is -1 but must be at least 0 (milliseconds), the limit of topic-level flush.ms'],
        [
            { "log.cleaner.min.compaction.lag.ms": 120000, "log.cleaner.max.compaction.lag.ms": 60000 },
            'brokerProperties."log.cleaner.min.compaction.lag.ms" is 120000 but must be at most max.compaction.lag.ms (60000, brokerProperties."log.cleaner.max.compaction.lag.ms")',
        ],
        [{ "group.coordinator.rebalance.protocols": "classic,consumer" }, 'brokerProperties."group.coordinator.rebalance.protocols" includes consumer, which needs a KRaft cluster; this one runs on ZooKeeper'],
    ])("%j", (brokerProperties, message) => {
        expect(problemsOf({ brokerProperties })).toEqual([message]);
    });
});

describe("Kafka's create-topic checks with the cluster's broker defaults", () => {
    const topic = (config: Record<string, unknown>): RawConfig["topics"] => ({ orders: { partitions: 1, replicationFactor: 3, config } });

    it("compares a topic's lag with the broker-wide one", () => {
        expect(problemsOf({ brokerProperties: { "log.cleaner.max.compaction.lag.ms": 60000 }, topics: topic({ "min.compaction.lag.ms": 120000 }) })).toEqual([
            'topics.orders.config."min.compaction.lag.ms" is 120000 but must be at most max.compaction.lag.ms (60000, brokerProperties."log.cleaner.max.compaction.lag.ms")',
        ]);
    });

    it("refuses tiered storage the brokers do not have", () => {
        expect(problemsOf({ topics: topic({ "remote.storage.enable": true }) })).toEqual([
            'topics.orders.config."remote.storage.enable" is true but tiered storage is off on the brokers; set brokerProperties."remote.log.storage.system.enable" to true (with a remote storage plugin) or drop it',
        ]);
    });

    it("suggests the topic-level name for a broker default", () => {
        expect(checkTopicConfig(model, "topics.orders", "log.retention.ms", 1)).toBe(
            'topics.orders.config."log.retention.ms" is not a Kafka 3.9 topic config; did you mean "retention.ms"? ("log.retention.ms" is its broker-wide default)',
        );
    });
});
