import { closest, show } from "../config/problems";
import { brokerFlag } from "./brokerConfig";
import { checkConfigValue, type ConfigValue, configNumber, listItems, parseBoolean, renderConfigValue } from "./configValue";
import { docsUrl, hasZooKeeperMode, type KafkaModel, kafkaRelease, topicKey } from "./model";
import { removedKeyProblem } from "./removedConfig";

// Topic-level configs against the model, and the checks a ZooKeeper-mode
// broker runs when a topic is created (LogConfig.validate with the cluster's
// broker defaults), applied at preview.

/**
 * Checks one entry of `topics.<name>.config`. Undefined when Kafka would
 * accept it, otherwise a message naming the key path, the value and the limit.
 */
export function checkTopicConfig(model: KafkaModel, topicPath: string, key: string, value: unknown): string | undefined {
    const path = `${topicPath}.config.${JSON.stringify(key)}`;
    const spec = topicKey(model, key);
    if (spec === undefined) return removedKeyProblem(model, "topic", path, key) ?? `${path} is not a ${kafkaRelease(model)} topic config; ${unknownTopicKeyAdvice(model, key)}`;
    return checkConfigValue(model, path, spec, value);
}

function unknownTopicKeyAdvice(model: KafkaModel, key: string): string {
    // Broker-wide names users often paste into a topic's config by mistake.
    const asBrokerDefault = Object.entries(model.topic).find(([, spec]) => spec.serverDefault?.some((s) => s.name === key.trim()));
    if (asBrokerDefault !== undefined) {
        return `did you mean ${JSON.stringify(asBrokerDefault[0])}? (${JSON.stringify(key.trim())} is its broker-wide default)`;
    }
    const suggestion = closest(key, Object.keys(model.topic));
    return suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}?` : `see ${docsUrl(model, "topicconfigs")} for the valid names`;
}

/** The string Kafka stores and describeConfigs returns for a topic config value. */
export function renderTopicConfigValue(model: KafkaModel, value: ConfigValue, key: string): string {
    return renderConfigValue(value, topicKey(model, key)?.type);
}

export interface TopicCreateInput {
    readonly model: KafkaModel;
    /** e.g. topics.orders */
    readonly topicPath: string;
    /** The topic's own configs, rendered. */
    readonly config: Readonly<Record<string, string>>;
    /** The brokers' server.properties apart from identity keys, rendered. */
    readonly brokerProperties: Readonly<Record<string, string>>;
}

interface Effective {
    readonly value: string | undefined;
    /** Where the value comes from, for messages. */
    readonly source: string;
}

/** The topic's own value, else the broker's default for it, else Kafka's default. */
function effective(input: TopicCreateInput, key: string): Effective {
    const own = input.config[key];
    if (own !== undefined) return { value: own, source: `${input.topicPath}.config.${JSON.stringify(key)}` };
    for (const synonym of topicKey(input.model, key)?.serverDefault ?? []) {
        const value = input.brokerProperties[synonym.name];
        if (value === undefined) continue;
        const n = configNumber(value);
        const scaled = synonym.multiplier === undefined || n === undefined ? value : String(n * synonym.multiplier);
        return { value: scaled, source: `brokerProperties.${JSON.stringify(synonym.name)}` };
    }
    return { value: topicKey(input.model, key)?.default ?? undefined, source: `Kafka's default` };
}

/**
 * The checks of LogConfig.validate for a new topic on a ZooKeeper-mode
 * cluster, each with the value that breaks it and where that value comes from.
 */
export function topicCreateProblems(input: TopicCreateInput): string[] {
    const at = (key: string): Effective => effective(input, key);
    const flag = (key: string): boolean => parseBoolean(at(key).value) === true;

    const problems = compactionLagProblems(input);

    // ZooKeeper-mode clusters refuse these two outright (they belong to KRaft's tiered storage).
    for (const key of hasZooKeeperMode(input.model) ? ["remote.log.delete.on.disable", "remote.log.copy.disable"] : []) {
        if (flag(key)) problems.push(`${at(key).source} is true but ${kafkaRelease(input.model)} refuses it on a ZooKeeper-mode cluster; leave it unset`);
    }

    if (!flag("remote.storage.enable")) return problems;
    problems.push(...tieredStorageProblems(input, at("remote.storage.enable").source));
    return problems;
}

/**
 * The smallest record batch a producer can send: the 61-byte v2 batch header
 * and one record with no key, an empty value and no headers (7 bytes).
 */
const SMALLEST_BATCH_BYTES = 68;
const LONG_MAX = "9223372036854775807";

/**
 * Settings Kafka accepts at create, but under which the topic refuses every
 * produce: the broker checks each batch against them on append.
 */
export function unusableTopicProblems(input: TopicCreateInput): string[] {
    const at = (key: string): Effective => effective(input, key);
    const problems: string[] = [];
    const maxMessage = at("max.message.bytes");
    if ((configNumber(maxMessage.value) ?? SMALLEST_BATCH_BYTES) < SMALLEST_BATCH_BYTES) {
        problems.push(
            `${maxMessage.source} is ${maxMessage.value} but the smallest record batch is ${SMALLEST_BATCH_BYTES} bytes, so the topic would refuse every produce (RecordTooLargeException); set at least ${SMALLEST_BATCH_BYTES}`,
        );
    }
    const segment = at("segment.bytes");
    if ((configNumber(segment.value) ?? SMALLEST_BATCH_BYTES) < SMALLEST_BATCH_BYTES) {
        problems.push(
            `${segment.source} is ${segment.value} but no record batch fits a segment smaller than ${SMALLEST_BATCH_BYTES} bytes, so the topic would refuse every produce (RecordBatchTooLargeException); set at least ${SMALLEST_BATCH_BYTES}`,
        );
    }
    if ((at("message.timestamp.type").value ?? "CreateTime") === "CreateTime") {
        // LogConfig takes the deprecated difference setting while before.max.ms is at its default.
        const before = at("message.timestamp.before.max.ms");
        const window = before.value === undefined || before.value === LONG_MAX ? at("message.timestamp.difference.max.ms") : before;
        if (configNumber(window.value) === 0) {
            problems.push(
                `${window.source} is 0 with message.timestamp.type CreateTime, so the broker refuses every record whose timestamp is even 1 ms behind its clock on arrival, which is nearly every record (InvalidTimestampException); allow at least the producers' delivery time, or use message.timestamp.type LogAppendTime`,
            );
        }
    }
    return problems;
}

/**
 * What LogManager.apply checks on the brokers' log defaults at start: each
 * one within its topic-level limits, the compaction lags in order and, with
 * tiered storage on, local retention within total retention.
 */
export function brokerLogDefaultsProblems(model: KafkaModel, brokerProperties: Readonly<Record<string, string>>): string[] {
    const input = { model, topicPath: "brokerProperties", config: {}, brokerProperties };
    const problems: string[] = [];
    for (const [key, spec] of Object.entries(model.topic)) {
        // Keys scaled from hours or minutes carry limits of their own, checked where they are set.
        const synonym = spec.serverDefault?.find((s) => brokerProperties[s.name] !== undefined);
        if (synonym === undefined || synonym.multiplier !== undefined) continue;
        const raw = brokerProperties[synonym.name];
        // KafkaConfig turns every negative retention time into -1 (unlimited) before LogManager sees it.
        const n = configNumber(raw);
        // Rendered values are text; a number reads in messages as the user wrote it.
        const value = key === "retention.ms" && (n ?? 0) < 0 ? -1 : n !== undefined && Number.isSafeInteger(n) ? n : raw;
        const problem = checkConfigValue(model, `brokerProperties.${JSON.stringify(synonym.name)}`, spec, value);
        if (problem !== undefined) problems.push(`${problem}, the limit of topic-level ${key}`);
    }
    if (problems.length > 0) return problems;
    const tiered = brokerFlag(model, brokerProperties, "remote.log.storage.system.enable");
    return [...compactionLagProblems(input), ...(tiered ? localRetentionProblems(input) : [])];
}

// LogConfig.validateValues: the minimum compaction lag may not exceed the maximum.
function compactionLagProblems(input: TopicCreateInput): string[] {
    const [minLag, maxLag] = [effective(input, "min.compaction.lag.ms"), effective(input, "max.compaction.lag.ms")];
    if ((configNumber(minLag.value) ?? 0) <= (configNumber(maxLag.value) ?? 0)) return [];
    const where = maxLag.source === `${input.topicPath}.config."max.compaction.lag.ms"` ? "" : `, ${maxLag.source}`;
    return [`${minLag.source} is ${minLag.value} but must be at most max.compaction.lag.ms (${maxLag.value}${where})`];
}

function tieredStorageProblems(input: TopicCreateInput, storage: string): string[] {
    const at = (key: string): Effective => effective(input, key);
    const problems: string[] = [];
    if (!brokerFlag(input.model, input.brokerProperties, "remote.log.storage.system.enable")) {
        problems.push(`${storage} is true but tiered storage is off on the brokers; set brokerProperties."remote.log.storage.system.enable" to true (with a remote storage plugin) or drop it`);
        return problems;
    }
    const policy = at("cleanup.policy");
    if ((listItems(policy.value) ?? []).some((p) => p.toLowerCase().includes("compact"))) {
        problems.push(`${policy.source} is ${show(policy.value)} but ${storage} is true, which only works with cleanup.policy=delete`);
    }
    return [...problems, ...localRetentionProblems(input)];
}

function localRetentionProblems(input: TopicCreateInput): string[] {
    const at = (key: string): Effective => effective(input, key);
    return [
        ...localRetentionProblem(at("local.retention.ms"), at("retention.ms"), "retention.ms"),
        ...localRetentionProblem(at("local.retention.bytes"), at("retention.bytes"), "retention.bytes"),
    ];
}

// validateRemoteStorageRetentionTime/Size: local retention (-2: same as total) may not outlive total retention.
function localRetentionProblem(local: Effective, total: Effective, totalKey: string): string[] {
    const [l, t] = [configNumber(local.value), configNumber(total.value)];
    if (l === undefined || t === undefined || l === -2 || t < 0) return [];
    if (l === -1) return [`${local.source} is -1 but must be a limit because ${totalKey} is ${t} (${total.source})`];
    if (l > t) return [`${local.source} is ${l} but must be at most ${totalKey} (${t}, ${total.source})`];
    return [];
}
