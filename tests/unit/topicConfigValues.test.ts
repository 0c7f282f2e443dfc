import { configNumber, renderConfigValue } from "../../lib/kafka/configValue";
import { kafkaModel, topicKey } from "../../lib/kafka/model";
import { checkTopicConfig as check, renderTopicConfigValue as render, topicCreateProblems, unusableTopicProblems } from "../../lib/kafka/topicConfig";

// Topic config values against the generated model: what Kafka accepts, and
// the exact message for what it refuses. Checked against Kafka itself by
// the differential test (npm run test:model).

const model = kafkaModel("3.9");
const TOPIC = "topics.orders";
const path = (key: string): string => `${TOPIC}.config.${JSON.stringify(key)}`;
const checkTopicConfig = (topicPath: string, key: string, value: unknown): string | undefined => check(model, topicPath, key, value);
const renderTopicConfigValue = (value: string | number | boolean | readonly string[], key?: string): string =>
    key === undefined ? renderConfigValue(value, undefined) : render(model, value, key);
const combination = (config: Record<string, string>, brokerProperties: Record<string, string> = {}): string[] =>
    topicCreateProblems({ model, topicPath: TOPIC, config, brokerProperties });

describe("checkTopicConfig accepts what Kafka 3.9 accepts", () => {
    it.each<[string, unknown]>([
        ["retention.ms", 604800000],
        ["retention.ms", "604800000"],
        ["retention.ms", " 604800000 "],
        ["retention.ms", -1],
        ["retention.ms", "-1"],
        ["retention.ms", "9223372036854775807"],
        ["max.message.bytes", 10485760],
        ["max.message.bytes", "10485760"],
        ["cleanup.policy", "delete"],
        ["cleanup.policy", "compact"],
        ["cleanup.policy", "delete,compact"],
        ["cleanup.policy", "compact, delete"],
        ["cleanup.policy", ["delete", "compact"]],
        ["min.cleanable.dirty.ratio", 0],
        ["min.cleanable.dirty.ratio", 1],
        ["min.cleanable.dirty.ratio", "0.5"],
        ["min.cleanable.dirty.ratio", "5e-1"],
        ["preallocate", true],
        ["preallocate", "false"],
        ["preallocate", "TRUE"],
        ["compression.type", "zstd"],
        ["compression.gzip.level", -1],
        ["compression.gzip.level", 9],
        ["compression.zstd.level", -131072],
        ["local.retention.ms", -2],
        ["retention.bytes", -1],
        ["message.timestamp.type", "LogAppendTime"],
        ["message.format.version", "3.0-IV1"],
        ["message.format.version", "2.8"],
        ["message.format.version", "0.10.2.1"],
        ["leader.replication.throttled.replicas", "*"],
        ["leader.replication.throttled.replicas", "0:1,1:2"],
        ["follower.replication.throttled.replicas", ""],
        ["segment.bytes", 14],
        ["min.insync.replicas", 2],
    ])("%s = %j", (key, value) => {
        expect(checkTopicConfig(TOPIC, key, value)).toBeUndefined();
    });
});

describe("checkTopicConfig rejects with a message naming key, value and limit", () => {
    it.each<[string, unknown, string]>([
        ["retention.msec", 1, `${path("retention.msec")} is not a Kafka 3.9 topic config; did you mean "retention.ms"?`],
        ["segment.byte", 1, `${path("segment.byte")} is not a Kafka 3.9 topic config; did you mean "segment.bytes"?`],
        [
            "log.retention.ms",
            1,
            `${path("log.retention.ms")} is not a Kafka 3.9 topic config; did you mean "retention.ms"? ("log.retention.ms" is its broker-wide default)`,
        ],
        [
            "message.max.bytes",
            1,
            `${path("message.max.bytes")} is not a Kafka 3.9 topic config; did you mean "max.message.bytes"? ("message.max.bytes" is its broker-wide default)`,
        ],
        [
            "frobnicate",
            1,
            `${path("frobnicate")} is not a Kafka 3.9 topic config; see https://kafka.apache.org/39/documentation/#topicconfigs for the valid names`,
        ],
        [
            "constructor",
            1,
            `${path("constructor")} is not a Kafka 3.9 topic config; see https://kafka.apache.org/39/documentation/#topicconfigs for the valid names`,
        ],
        ["retention.ms", "7 days", `${path("retention.ms")} is "7 days" but must be an integer (milliseconds)`],
        ["retention.ms", 1.5, `${path("retention.ms")} is 1.5 but must be an integer (milliseconds)`],
        ["retention.ms", Number.NaN, `${path("retention.ms")} is NaN but must be an integer (milliseconds)`],
        ["retention.ms", Infinity, `${path("retention.ms")} is Infinity but must be an integer (milliseconds)`],
        ["retention.ms", "", `${path("retention.ms")} is "" but must be an integer (milliseconds)`],
        ["retention.ms", true, `${path("retention.ms")} is true but must be an integer (milliseconds)`],
        ["retention.ms", null, `${path("retention.ms")} is null but must be an integer (milliseconds)`],
        ["retention.ms", -2, `${path("retention.ms")} is -2 but must be at least -1 (milliseconds)`],
        [
            "retention.ms",
            "9223372036854775808",
            `${path("retention.ms")} is "9223372036854775808" but must be at most 9223372036854775807, the Java long limit`,
        ],
        [
            "retention.ms",
            2 ** 63,
            `${path("retention.ms")} is 9223372036854776000, which a YAML/JSON number cannot hold exactly; write it as a quoted string`,
        ],
        ["segment.bytes", 13, `${path("segment.bytes")} is 13 but must be at least 14 (bytes)`],
        ["segment.ms", 0, `${path("segment.ms")} is 0 but must be at least 1 (milliseconds)`],
        ["min.insync.replicas", 0, `${path("min.insync.replicas")} is 0 but must be at least 1`],
        ["max.message.bytes", -1, `${path("max.message.bytes")} is -1 but must be at least 0 (bytes)`],
        [
            "max.message.bytes",
            2147483648,
            `${path("max.message.bytes")} is 2147483648 but must be at most 2147483647, the Java int limit`,
        ],
        [
            "local.retention.ms",
            "-3",
            `${path("local.retention.ms")} is "-3" but must be at least -2 (milliseconds)`,
        ],
        ["min.cleanable.dirty.ratio", 1.5, `${path("min.cleanable.dirty.ratio")} is 1.5 but must be between 0 and 1`],
        ["min.cleanable.dirty.ratio", -0.1, `${path("min.cleanable.dirty.ratio")} is -0.1 but must be between 0 and 1`],
        ["min.cleanable.dirty.ratio", "NaN", `${path("min.cleanable.dirty.ratio")} is "NaN" but must be a finite number`],
        [
            "compression.gzip.level",
            10,
            `${path("compression.gzip.level")} is 10 but must be -1 or between 1 and 9`,
        ],
        ["compression.lz4.level", 0, `${path("compression.lz4.level")} is 0 but must be between 1 and 17`],
        [
            "compression.zstd.level",
            -131073,
            `${path("compression.zstd.level")} is -131073 but must be between -131072 and 22`,
        ],
        [
            "cleanup.policy",
            "compacted",
            `${path("cleanup.policy")} is "compacted" but must be one of compact, delete`,
        ],
        [
            "cleanup.policy",
            "delete,compacted",
            `${path("cleanup.policy")} is "delete,compacted" but must be one of compact, delete`,
        ],
        [
            "cleanup.policy",
            "",
            `${path("cleanup.policy")} is "" but must be one of compact, delete`,
        ],
        [
            "cleanup.policy",
            "Delete, COMPACT",
            `${path("cleanup.policy")} is "Delete, COMPACT" but must be one of compact, delete; did you mean "delete,compact"?`,
        ],
        [
            "cleanup.policy",
            5,
            `${path("cleanup.policy")} is 5 but must be one of compact, delete`,
        ],
        [
            "compression.type",
            "GZIP",
            `${path("compression.type")} is "GZIP" but must be one of uncompressed, zstd, lz4, snappy, gzip, producer; did you mean "gzip"?`,
        ],
        [
            "compression.type",
            "brotli",
            `${path("compression.type")} is "brotli" but must be one of uncompressed, zstd, lz4, snappy, gzip, producer`,
        ],
        ["compression.type", null, `${path("compression.type")} is null but must be a string`],
        [
            "message.timestamp.type",
            "createtime",
            `${path("message.timestamp.type")} is "createtime" but must be one of CreateTime, LogAppendTime; did you mean "CreateTime"?`,
        ],
        ["preallocate", "yes", `${path("preallocate")} is "yes" but must be true or false`],
        ["preallocate", 1, `${path("preallocate")} is 1 but must be true or false`],
        ["remote.storage.enable", { on: true }, `${path("remote.storage.enable")} is {"on":true} but must be true or false`],
        [
            "message.format.version",
            "3.10",
            `${path("message.format.version")} is "3.10" but must be a Kafka version such as 2.8, 3.0 or 3.0-IV1 (from 0.8.0 to 4.0-IV1)`,
        ],
        [
            "message.format.version",
            "2.8-IV5",
            `${path("message.format.version")} is "2.8-IV5" but must be a Kafka version such as 2.8, 3.0 or 3.0-IV1 (from 0.8.0 to 4.0-IV1)`,
        ],
        [
            "leader.replication.throttled.replicas",
            "0:a",
            `${path("leader.replication.throttled.replicas")} is "0:a" but must be "*" or a list of partitionId:brokerId pairs such as 0:1,1:2`,
        ],
    ])("%s = %j", (key, value, message) => {
        expect(checkTopicConfig(TOPIC, key, value)).toBe(message);
    });

    it("quotes awkward topic paths and keys as given", () => {
        expect(checkTopicConfig('topics."my topic"', "retention ms", 1)).toBe(
            'topics."my topic".config."retention ms" is not a Kafka 3.9 topic config; did you mean "retention.ms"?',
        );
    });
});

describe("create-topic checks", () => {
    it("rejects min.compaction.lag.ms above max.compaction.lag.ms, as LogConfig does", () => {
        expect(combination({ "min.compaction.lag.ms": "600000", "max.compaction.lag.ms": "60000" })).toEqual([
            `${path("min.compaction.lag.ms")} is 600000 but must be at most max.compaction.lag.ms (60000)`,
        ]);
    });

    it("checks tiered-storage retention only when remote storage is on", () => {
        const config = {
            "cleanup.policy": "compact",
            "retention.ms": "86400000",
            "local.retention.ms": "172800000",
            "retention.bytes": "1000",
            "local.retention.bytes": "-1",
        };
        const tiered = { "remote.log.storage.system.enable": "true" };
        expect(combination(config, tiered)).toEqual([]);
        expect(combination({ ...config, "remote.storage.enable": "true" }, tiered)).toEqual([
            `${path("cleanup.policy")} is "compact" but ${path("remote.storage.enable")} is true, which only works with cleanup.policy=delete`,
            `${path("local.retention.ms")} is 172800000 but must be at most retention.ms (86400000, ${path("retention.ms")})`,
            `${path("local.retention.bytes")} is -1 but must be a limit because retention.bytes is 1000 (${path("retention.bytes")})`,
        ]);
    });

    it("allows local retention against unlimited or defaulted total retention", () => {
        const config = { "remote.storage.enable": "true", "retention.ms": "-1", "local.retention.ms": "86400000", "local.retention.bytes": "-2", "retention.bytes": "1" };
        expect(combination(config, { "remote.log.storage.system.enable": "true" })).toEqual([]);
    });

    it("takes retention from the broker's hours when the topic sets none", () => {
        expect(combination({ "remote.storage.enable": "true", "local.retention.ms": "7200000" }, { "remote.log.storage.system.enable": "true", "log.retention.hours": "1" })).toEqual([
            `${path("local.retention.ms")} is 7200000 but must be at most retention.ms (3600000, brokerProperties."log.retention.hours")`,
        ]);
    });

    it("refuses KRaft-only tiered-storage switches on a ZooKeeper cluster", () => {
        expect(combination({ "remote.log.copy.disable": "true" })).toEqual([
            `${path("remote.log.copy.disable")} is true but Kafka 3.9 refuses it on a ZooKeeper-mode cluster; leave it unset`,
        ]);
    });
});

describe("rendering", () => {
    it.each<[string | number | boolean | readonly string[], string]>([
        [604800000, "604800000"],
        ["604800000", "604800000"],
        [true, "true"],
        [false, "false"],
        ["delete, compact", "delete,compact"],
        [" delete ,compact ", "delete,compact"],
        [["delete", " compact"], "delete,compact"],
        ["zstd", "zstd"],
        [2 ** 60, "1152921504606846976"],
        [0.5, "0.5"],
    ])("renders %j as %j", (value, rendered) => {
        expect(renderTopicConfigValue(value)).toBe(rendered);
    });

    it("renders like Kafka's describeConfigs when the key is known", () => {
        expect(renderTopicConfigValue(" +0042 ", "retention.ms")).toBe("42");
        expect(renderTopicConfigValue("TRUE", "preallocate")).toBe("true");
        expect(renderTopicConfigValue(1, "min.cleanable.dirty.ratio")).toBe("1.0");
        expect(renderTopicConfigValue("0.5", "min.cleanable.dirty.ratio")).toBe("0.5");
        expect(renderTopicConfigValue("0.00001", "min.cleanable.dirty.ratio")).toBe("1.0E-5");
        expect(renderTopicConfigValue(" LogAppendTime ", "message.timestamp.type")).toBe("LogAppendTime");
    });

    it("refuses numbers that have no Kafka spelling", () => {
        expect(() => renderTopicConfigValue(Number.NaN)).toThrow(RangeError);
        expect(() => renderTopicConfigValue(Infinity, "retention.ms")).toThrow("cannot render Infinity");
    });

    it("reads numbers and numeric strings for cross-setting rules", () => {
        expect(configNumber(2)).toBe(2);
        expect(configNumber(" 3 ")).toBe(3);
        expect(configNumber("0.5")).toBe(0.5);
        expect(configNumber("two")).toBeUndefined();
        expect(configNumber(true)).toBeUndefined();
        expect(configNumber(Number.NaN)).toBeUndefined();
    });

    it("does not treat Object.prototype members as configs", () => {
        expect(topicKey(model, "constructor")).toBeUndefined();
        expect(checkTopicConfig(TOPIC, "constructor", 1)).toBe(`${path("constructor")} is not a Kafka 3.9 topic config; see https://kafka.apache.org/39/documentation/#topicconfigs for the valid names`);
    });
});

describe("settings under which a topic would refuse every produce", () => {
    const unusable = (config: Record<string, string>, brokerProperties: Record<string, string> = {}): string[] =>
        unusableTopicProblems({ model, topicPath: TOPIC, config, brokerProperties });

    it("refuses a maximum message size below the smallest batch, from the topic or the brokers", () => {
        expect(unusable({ "max.message.bytes": "10" })).toEqual([
            `${path("max.message.bytes")} is 10 but the smallest record batch is 68 bytes, so the topic would refuse every produce (RecordTooLargeException); set at least 68`,
        ]);
        expect(unusable({}, { "message.max.bytes": "67" })).toEqual([
            'brokerProperties."message.max.bytes" is 67 but the smallest record batch is 68 bytes, so the topic would refuse every produce (RecordTooLargeException); set at least 68',
        ]);
    });

    it("refuses a segment no batch fits in", () => {
        expect(unusable({ "segment.bytes": "14" })).toEqual([
            `${path("segment.bytes")} is 14 but no record batch fits a segment smaller than 68 bytes, so the topic would refuse every produce (RecordBatchTooLargeException); set at least 68`,
        ]);
    });

    it("refuses a zero timestamp window under CreateTime, also through the deprecated key", () => {
        const message = (source: string) =>
            `${source} is 0 with message.timestamp.type CreateTime, so the broker refuses every record whose timestamp is even 1 ms behind its clock on arrival, which is nearly every record (InvalidTimestampException); allow at least the producers' delivery time, or use message.timestamp.type LogAppendTime`;
        expect(unusable({ "message.timestamp.before.max.ms": "0" })).toEqual([message(path("message.timestamp.before.max.ms"))]);
        expect(unusable({ "message.timestamp.difference.max.ms": "0" })).toEqual([message(path("message.timestamp.difference.max.ms"))]);
        expect(unusable({ "message.timestamp.difference.max.ms": "0", "message.timestamp.before.max.ms": "60000" })).toEqual([]);
    });

    it("accepts the same settings where they refuse nothing", () => {
        expect(unusable({ "max.message.bytes": "68", "segment.bytes": "68" })).toEqual([]);
        expect(unusable({ "message.timestamp.before.max.ms": "0", "message.timestamp.type": "LogAppendTime" })).toEqual([]);
        expect(unusable({})).toEqual([]);
    });
});
