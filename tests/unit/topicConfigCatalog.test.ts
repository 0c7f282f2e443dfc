import {
    checkTopicConfig,
    checkTopicConfigCombination,
    isMetadataVersion,
    renderTopicConfigValue,
    TOPIC_CONFIG_KEYS,
    TOPIC_CONFIG_NAMES,
    topicConfigNumber,
    topicConfigSpec,
} from "../../lib/topicConfigCatalog";
import { closest as closestName } from "../../lib/problems";

const TOPIC = "topics.orders";
const path = (key: string): string => `${TOPIC}.config.${JSON.stringify(key)}`;

describe("topic config catalogue", () => {
    it("holds exactly the topic configs of Kafka 3.9", () => {
        // Copied from the Kafka 3.9 docs table generated from LogConfig:
        // apache/kafka-site 39/generated/topic_config.html @ 7d6fd28ab18139ad8740544ad31f72bc69aaf897
        const kafka39TopicConfigs = [
            "cleanup.policy", "compression.gzip.level", "compression.lz4.level", "compression.type",
            "compression.zstd.level", "delete.retention.ms", "file.delete.delay.ms", "flush.messages", "flush.ms",
            "follower.replication.throttled.replicas", "index.interval.bytes", "leader.replication.throttled.replicas",
            "local.retention.bytes", "local.retention.ms", "max.compaction.lag.ms", "max.message.bytes",
            "message.format.version", "message.timestamp.after.max.ms", "message.timestamp.before.max.ms",
            "message.timestamp.difference.max.ms", "message.timestamp.type", "min.cleanable.dirty.ratio",
            "min.compaction.lag.ms", "min.insync.replicas", "preallocate", "remote.log.copy.disable",
            "remote.log.delete.on.disable", "remote.storage.enable", "retention.bytes", "retention.ms", "segment.bytes",
            "segment.index.bytes", "segment.jitter.ms", "segment.ms", "unclean.leader.election.enable",
            "message.downconversion.enable",
        ];
        expect(Object.keys(TOPIC_CONFIG_KEYS).sort()).toEqual([...kafka39TopicConfigs].sort());
        expect(TOPIC_CONFIG_NAMES).toHaveLength(36);
    });

    it("records the types and limits Kafka enforces", () => {
        expect(topicConfigSpec("retention.ms")).toMatchObject({ type: "long", min: -1 });
        expect(topicConfigSpec("segment.bytes")).toMatchObject({ type: "int", min: 14 });
        expect(topicConfigSpec("min.insync.replicas")).toMatchObject({ type: "int", min: 1 });
        expect(topicConfigSpec("min.cleanable.dirty.ratio")).toMatchObject({ type: "double", min: 0, max: 1 });
        expect(topicConfigSpec("local.retention.bytes")).toMatchObject({ type: "long", min: -2 });
        expect(topicConfigSpec("compression.zstd.level")).toMatchObject({ type: "int", min: -131072, max: 22 });
        expect(topicConfigSpec("message.downconversion.enable")).toMatchObject({ type: "boolean" });
        expect(topicConfigSpec("cleanup.policy")?.oneOf).toEqual(["delete", "compact"]);
    });

    it("gives every key a one-line description", () => {
        for (const [key, spec] of Object.entries(TOPIC_CONFIG_KEYS)) {
            expect({ key, ok: spec.doc.length > 10 && !spec.doc.includes("\n") }).toEqual({ key, ok: true });
        }
    });

    it("does not treat Object.prototype members as configs", () => {
        expect(topicConfigSpec("constructor")).toBeUndefined();
        expect(topicConfigSpec("toString")).toBeUndefined();
    });
});

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
        ["retention.ms", "7 days", `${path("retention.ms")} is "7 days" but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", 1.5, `${path("retention.ms")} is 1.5 but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", Number.NaN, `${path("retention.ms")} is NaN but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", Infinity, `${path("retention.ms")} is Infinity but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", "", `${path("retention.ms")} is "" but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", true, `${path("retention.ms")} is true but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", null, `${path("retention.ms")} is null but must be an integer (milliseconds, -1 for unlimited)`],
        ["retention.ms", -2, `${path("retention.ms")} is -2 but must be at least -1 (milliseconds, -1 for unlimited)`],
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
        ["min.insync.replicas", 0, `${path("min.insync.replicas")} is 0 but must be at least 1 (replicas)`],
        ["max.message.bytes", -1, `${path("max.message.bytes")} is -1 but must be at least 0 (bytes)`],
        [
            "max.message.bytes",
            2147483648,
            `${path("max.message.bytes")} is 2147483648 but must be at most 2147483647, the Java int limit`,
        ],
        [
            "local.retention.ms",
            "-3",
            `${path("local.retention.ms")} is "-3" but must be at least -2 (milliseconds, -2 to use retention.ms)`,
        ],
        ["min.cleanable.dirty.ratio", 1.5, `${path("min.cleanable.dirty.ratio")} is 1.5 but must be between 0 and 1`],
        ["min.cleanable.dirty.ratio", -0.1, `${path("min.cleanable.dirty.ratio")} is -0.1 but must be between 0 and 1`],
        ["min.cleanable.dirty.ratio", "NaN", `${path("min.cleanable.dirty.ratio")} is "NaN" but must be a finite number`],
        [
            "compression.gzip.level",
            10,
            `${path("compression.gzip.level")} is 10 but must be -1 or between 1 and 9 (-1 for the codec default)`,
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
            `${path("cleanup.policy")} is "compacted" but must be one of delete, compact (comma-separated for both)`,
        ],
        [
            "cleanup.policy",
            "delete,compacted",
            `${path("cleanup.policy")} is "delete,compacted" but must be one of delete, compact (comma-separated for both)`,
        ],
        [
            "cleanup.policy",
            "",
            `${path("cleanup.policy")} is "" but must be one of delete, compact (comma-separated for both)`,
        ],
        [
            "cleanup.policy",
            "Delete, COMPACT",
            `${path("cleanup.policy")} is "Delete, COMPACT" but must be one of delete, compact (comma-separated for both); did you mean "delete,compact"?`,
        ],
        [
            "cleanup.policy",
            5,
            `${path("cleanup.policy")} is 5 but must be one of delete, compact (comma-separated for both)`,
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

describe("did-you-mean", () => {
    it("suggests a config for case and small spelling slips only", () => {
        expect(closestName("Retention.MS", TOPIC_CONFIG_NAMES)).toBe("retention.ms");
        expect(closestName("min.insync.replica", TOPIC_CONFIG_NAMES)).toBe("min.insync.replicas");
        expect(closestName("cleanup.polcy", TOPIC_CONFIG_NAMES)).toBe("cleanup.policy");
        expect(closestName("bananas", TOPIC_CONFIG_NAMES)).toBeUndefined();
    });
});

describe("message.format.version parsing", () => {
    it("follows MetadataVersion.fromVersionString", () => {
        expect(isMetadataVersion("0.8.0")).toBe(true);
        expect(isMetadataVersion("0.10.0")).toBe(true);
        expect(isMetadataVersion("2.8.1")).toBe(true);
        expect(isMetadataVersion("3.9")).toBe(true);
        expect(isMetadataVersion("4.0-IV1")).toBe(true);
        expect(isMetadataVersion("0.10")).toBe(false);
        expect(isMetadataVersion("3.0.")).toBe(false);
        expect(isMetadataVersion("4.1")).toBe(false);
    });
});

describe("checkTopicConfigCombination", () => {
    it("rejects min.compaction.lag.ms above max.compaction.lag.ms, as LogConfig does", () => {
        expect(
            checkTopicConfigCombination(TOPIC, { "min.compaction.lag.ms": "600000", "max.compaction.lag.ms": 60000 }),
        ).toEqual([`${path("min.compaction.lag.ms")} is 600000 but must be at most max.compaction.lag.ms (60000)`]);
    });

    it("checks tiered-storage retention only when remote storage is on", () => {
        const config = {
            "cleanup.policy": "compact",
            "retention.ms": 86400000,
            "local.retention.ms": 172800000,
            "retention.bytes": 1000,
            "local.retention.bytes": -1,
        };
        expect(checkTopicConfigCombination(TOPIC, config)).toEqual([]);
        expect(checkTopicConfigCombination(TOPIC, { ...config, "remote.storage.enable": "true" })).toEqual([
            `${path("cleanup.policy")} is "compact" but remote.storage.enable=true only works with cleanup.policy=delete`,
            `${path("local.retention.ms")} is 172800000 but must be at most retention.ms (86400000)`,
            `${path("local.retention.bytes")} is -1 but must be a limit because retention.bytes is 1000`,
        ]);
    });

    it("allows local retention against unlimited or defaulted total retention", () => {
        expect(
            checkTopicConfigCombination(TOPIC, {
                "remote.storage.enable": true,
                "retention.ms": -1,
                "local.retention.ms": 86400000,
                "local.retention.bytes": -2,
                "retention.bytes": 1,
            }),
        ).toEqual([]);
    });
});

describe("renderTopicConfigValue", () => {
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
});

describe("topicConfigNumber", () => {
    it("reads numbers and numeric strings for cross-setting rules", () => {
        expect(topicConfigNumber(2)).toBe(2);
        expect(topicConfigNumber(" 3 ")).toBe(3);
        expect(topicConfigNumber("0.5")).toBe(0.5);
        expect(topicConfigNumber("two")).toBeUndefined();
        expect(topicConfigNumber(true)).toBeUndefined();
        expect(topicConfigNumber(Number.NaN)).toBeUndefined();
    });
});
