import { type KafkaModel, kafkaRelease, removedKeys } from "./model";

// Keys a stack's Kafka version no longer has but the previous major line did:
// the list comes from diffing the two generated models (lib/kafka/model.ts);
// only the reasons that need words are written here.

/** Kafka 4.0 removed ZooKeeper mode, and with it every ZooKeeper-only setting. */
const ZOOKEEPER_ONLY = "with ZooKeeper mode";

/** Removed keys whose replacement is worth a sentence, keyed by name. */
const REASONS: ReadonlyMap<string, string> = new Map([
    ["broker.id.generation.enable", ZOOKEEPER_ONLY],
    ["reserved.broker.max.id", ZOOKEEPER_ONLY],
    ["control.plane.listener.name", ZOOKEEPER_ONLY],
    ["inter.broker.protocol.version", "; a KRaft cluster's protocol level is its metadata.version (kafka-features.sh)"],
    ["log.message.format.version", "; every log is written in record format v2"],
    ["message.format.version", "; every log is written in record format v2"],
    ["log.message.downconversion.enable", "; brokers no longer convert records for clients older than 0.11"],
    ["message.downconversion.enable", "; brokers no longer convert records for clients older than 0.11"],
    ["log.message.timestamp.difference.max.ms", '; use "log.message.timestamp.before.max.ms" and "log.message.timestamp.after.max.ms"'],
    ["message.timestamp.difference.max.ms", '; use "message.timestamp.before.max.ms" and "message.timestamp.after.max.ms"'],
]);

/**
 * The message for a broker property or topic config that the previous major
 * version knows and this model does not, e.g.
 * `brokerProperties."zookeeper.connect" was removed in Kafka 4.0 with ZooKeeper mode`.
 */
export function removedKeyProblem(model: KafkaModel, scope: "broker" | "topic", path: string, key: string): string | undefined {
    const removed = removedKeys(model);
    if (removed === undefined || !removed[scope].has(key)) return undefined;
    const major = model.kafkaVersion.split(".")[0] ?? "";
    const reason = key.startsWith("zookeeper.") ? ZOOKEEPER_ONLY : REASONS.get(key);
    if (reason === ZOOKEEPER_ONLY) return `${path} was removed in Kafka ${major}.0 ${ZOOKEEPER_ONLY}`;
    return `${path} was removed in Kafka ${major} (${kafkaRelease(removed.since)} has it, ${kafkaRelease(model)} does not)${reason ?? ""}`;
}
