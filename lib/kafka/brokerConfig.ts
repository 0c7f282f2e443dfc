import { closest, show } from "../config/problems";
import { checkConfigValue, type ConfigValue, configNumber, parseBoolean, renderConfigValue } from "./configValue";
import { brokerKey, docsUrl, hasZooKeeperMode, type KafkaModel, kafkaRelease, topicKey } from "./model";
import { removedKeyProblem } from "./removedConfig";

// One entry of `brokerProperties` against the model of the stack's Kafka
// version. Types, ranges, enumerations and names come from the model; only
// the program's own rules are written here: the keys it renders itself, the
// keys Kafka removed, and what it refuses on purpose.

const LISTENERS_ADVICE = "set advertisedHost and externalPortBase instead";
const KRAFT_ONLY = "this cluster runs in ZooKeeper mode, where KRaft settings do not apply";
const DATA_VOLUME = "broker data always lives on the named volume at /var/lib/kafka/data";

/** Owned in both metadata modes: listeners, storage and topic creation. */
const LISTENER_AND_STORAGE_KEYS: readonly (readonly [string, string])[] = [
    ["listeners", `listeners are rendered per broker; ${LISTENERS_ADVICE}`],
    ["advertised.listeners", LISTENERS_ADVICE],
    ["listener.security.protocol.map", "it maps the program's own listener names to security protocols"],
    ["inter.broker.listener.name", "brokers always replicate over the program's internal listener"],
    // Kafka refuses to start when both this and inter.broker.listener.name are set.
    ["security.inter.broker.protocol", "the program sets inter.broker.listener.name, which Kafka will not combine with it"],
    ["early.start.listeners", "it must name the program's listeners"],
    ["log.dirs", DATA_VOLUME],
    ["log.dir", DATA_VOLUME],
    ["auto.create.topics.enable", "it is always false so that topics come only from the topics map"],
];

const NODE_ID = "each broker's id is assigned by the program from its position in the cluster";
const QUORUM = "the program renders its controller quorum (controller.quorum.voters) for every broker";

/**
 * Keys the program renders itself in ZooKeeper mode (Kafka 3.9), with who owns
 * them and what to set instead. A user value would either be overwritten or
 * contradict the program's own listeners, volumes or topic management.
 */
const ZOOKEEPER_MODE_OWNED_KEYS: ReadonlyMap<string, string> = new Map([
    ["broker.id", "each broker's id is assigned by the program from its position in the cluster"],
    ["node.id", KRAFT_ONLY],
    ["process.roles", KRAFT_ONLY],
    ["controller.quorum.voters", KRAFT_ONLY],
    ["controller.quorum.bootstrap.servers", KRAFT_ONLY],
    ["controller.listener.names", KRAFT_ONLY],
    ["metadata.log.dir", KRAFT_ONLY],
    // Migration needs KRaft controllers; a ZooKeeper broker with it on refuses to start.
    ["zookeeper.metadata.migration.enable", KRAFT_ONLY],
    ["zookeeper.connect", "brokers always connect to the ZooKeeper container the program runs"],
    // The program's ZooKeeper speaks plain TCP without SASL; with these on, brokers cannot connect.
    ["zookeeper.ssl.client.enable", "the program's ZooKeeper is reached without TLS"],
    ["zookeeper.set.acl", "the program's ZooKeeper runs without authentication, which ZooKeeper ACLs need"],
    ["control.plane.listener.name", "it must name one of the program's listeners"],
    ...LISTENER_AND_STORAGE_KEYS,
]);

/**
 * Keys the program renders itself in KRaft mode (Kafka 4): identity, roles and
 * the controller quorum, besides listeners and storage. Kafka 4 has no
 * ZooKeeper keys at all; those are refused as removed.
 */
const KRAFT_MODE_OWNED_KEYS: ReadonlyMap<string, string> = new Map([
    ["node.id", NODE_ID],
    // In KRaft mode broker.id is a synonym of node.id.
    ["broker.id", NODE_ID],
    ["process.roles", "brokers and controllers are separate nodes the program runs, with process.roles broker and controller"],
    ["controller.quorum.voters", QUORUM],
    ["controller.quorum.bootstrap.servers", QUORUM],
    ["controller.listener.names", "brokers reach the controllers over the program's CONTROLLER listener"],
    ["metadata.log.dir", DATA_VOLUME],
    // Kafka requires every cordoned directory to be one of log.dirs, and the program's brokers have one.
    ["cordoned.log.dirs", DATA_VOLUME],
    ...LISTENER_AND_STORAGE_KEYS,
]);

/** The keys the program owns for brokers of this model's Kafka version. */
export function programOwnedBrokerKeys(model: KafkaModel): ReadonlyMap<string, string> {
    return hasZooKeeperMode(model) ? ZOOKEEPER_MODE_OWNED_KEYS : KRAFT_MODE_OWNED_KEYS;
}

/** Names Kafka no longer knows, with what replaced them (removed in 3.0). */
export const REMOVED_BROKER_KEYS: ReadonlyMap<string, string> = new Map([
    ["port", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["host.name", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["advertised.port", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["advertised.host.name", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["quota.producer.default", "set default client quotas dynamically with kafka-configs --entity-type clients --entity-default"],
    ["quota.consumer.default", "set default client quotas dynamically with kafka-configs --entity-type clients --entity-default"],
]);

// Prefixes whose tails are plugin- or listener-specific and so not in the model.
const PASS_THROUGH_PREFIXES: readonly string[] = ["rlmm.config.", "rsm.config.", "metrics.context."];
const LISTENER_PREFIX = "listener.name.";

const brokerPath = (key: string): string => `brokerProperties.${JSON.stringify(key)}`;

/**
 * Checks one entry of `brokerProperties`. Undefined when it may be passed to
 * the brokers, otherwise a message naming the key, the value and the limit.
 */
export function checkBrokerProperty(model: KafkaModel, key: string, value: unknown): string | undefined {
    const path = brokerPath(key);
    const owner = programOwnedBrokerKeys(model).get(key);
    if (owner !== undefined) return `${path} is managed by the program: ${owner}`;
    const removed = REMOVED_BROKER_KEYS.get(key);
    if (removed !== undefined) return `${path} was removed in Kafka 3.0; ${removed}`;
    const removedSince = removedKeyProblem(model, "broker", path, key);
    if (removedSince !== undefined) return removedSince;

    const lineBreak = lineBreakProblem(path, value);
    if (lineBreak !== undefined) return lineBreak;

    const spec = brokerKey(model, key) ?? prefixedKey(model, key);
    if (spec === "pass-through") return undefined;
    // Kafka starts with an unknown name (it only logs a warning), so a typo is silently ignored: refused here.
    if (spec === undefined) return unknownBrokerKeyMessage(model, path, key);
    // Internal settings are Kafka's test and migration hooks, absent from its documentation.
    if (spec.internal === true) return `${path} is an internal Kafka ${model.kafkaVersion} setting, not meant to be set by users`;
    return checkConfigValue(model, path, spec, value);
}

function lineBreakProblem(path: string, value: unknown): string | undefined {
    const text = Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : "";
    return /[\r\n]/.test(text)
        ? `${path} is ${show(value)}, which contains a line break and would inject extra lines into server.properties; put it on one line`
        : undefined;
}

/**
 * Listener-scoped keys, e.g. listener.name.internal.ssl.keystore.location or
 * listener.name.sasl_ssl.plain.sasl.jaas.config (with a SASL mechanism).
 */
function prefixedKey(model: KafkaModel, key: string): ReturnType<typeof brokerKey> | "pass-through" {
    if (PASS_THROUGH_PREFIXES.some((prefix) => key.startsWith(prefix) && key.length > prefix.length)) return "pass-through";
    if (!key.startsWith(LISTENER_PREFIX)) return undefined;
    const [, ...rest] = key.slice(LISTENER_PREFIX.length).split(".");
    for (const tail of [rest.join("."), rest.slice(1).join(".")]) {
        const spec = brokerKey(model, tail);
        if (spec !== undefined && spec.internal !== true && !programOwnedBrokerKeys(model).has(tail)) return spec;
    }
    return undefined;
}

function unknownBrokerKeyMessage(model: KafkaModel, path: string, key: string): string {
    const version = kafkaRelease(model);
    const topicSpec = topicKey(model, key.trim());
    if (topicSpec !== undefined) {
        const brokerDefault = topicSpec.serverDefault?.[0]?.name;
        const where =
            brokerDefault !== undefined
                ? `the broker-wide default is ${JSON.stringify(brokerDefault)}`
                : "it has no broker-wide default, so set it per topic under topics.<name>.config";
        return `${path} is a topic-level config, not a ${version} broker config; ${where}`;
    }
    const names = Object.keys(model.broker).filter((name) => model.broker[name]?.internal !== true);
    const suggestion = closest(key, names);
    const advice = suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}?` : `see ${docsUrl(model, "brokerconfigs")} for the valid names`;
    return `${path} is not a ${version} broker config; ${advice}`;
}

/**
 * Canonical text of a value for server.properties, normalised the way Kafka
 * parses it. Line breaks are refused rather than escaped: one in a config
 * value is always a mistake, and written raw it starts a new property.
 */
export function renderBrokerPropertyValue(model: KafkaModel, value: ConfigValue, key: string): string {
    const lineBreak = lineBreakProblem(brokerPath(key), value);
    if (lineBreak !== undefined) throw new Error(lineBreak);
    const spec = brokerKey(model, key) ?? prefixedKey(model, key);
    return renderConfigValue(value, typeof spec === "object" ? spec.type : "string");
}

/** Effective value of a broker key: the rendered file's, else Kafka's default (undefined when null). */
export function brokerValue(model: KafkaModel, properties: Readonly<Record<string, string>>, key: string): string | undefined {
    return properties[key] ?? brokerKey(model, key)?.default ?? undefined;
}

export function brokerNumber(model: KafkaModel, properties: Readonly<Record<string, string>>, key: string): number | undefined {
    const value = brokerValue(model, properties, key);
    return value === undefined ? undefined : configNumber(value);
}

export function brokerFlag(model: KafkaModel, properties: Readonly<Record<string, string>>, key: string): boolean {
    return parseBoolean(brokerValue(model, properties, key)) === true;
}
