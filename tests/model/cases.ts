import { type ConfigKey, kafkaModel, type KafkaModel, removedKeys, type Validator } from "../../lib/kafka/model";
import { programOwnedBrokerKeys } from "../../lib/kafka/brokerConfig";

// Inputs for the differential test, derived from the model: the boundaries of
// every range, every enumerated value and a wrong one, wrong types, the
// cross-key rules of KafkaConfig and LogConfig, and seeded random mixes.

export type Value = string | number | boolean;
export type Props = Record<string, Value>;

export interface BrokerCase {
    readonly kind: "broker";
    readonly label: string;
    readonly brokerProperties: Props;
}

export interface TopicCase {
    readonly kind: "topic";
    readonly label: string;
    readonly brokerProperties: Props;
    readonly config: Props;
}

export type Case = BrokerCase | TopicCase;

/** mulberry32: small, seeded, good enough to spread random mixes. */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function validatorsOf(key: ConfigKey): readonly Validator[] {
    const v = key.validator;
    return v === undefined ? [] : v.kind === "all" ? v.of : [v];
}

const TYPE_LIMITS: Readonly<Record<string, readonly [string, string]>> = {
    short: ["-32768", "32767"],
    int: ["-2147483648", "2147483647"],
    long: ["-9223372036854775808", "9223372036854775807"],
};

/** Candidate values for one key: valid and invalid, as a user could write them. */
export function valuesFor(key: ConfigKey, name = ""): Value[] {
    const out: Value[] = [];
    if (key.default !== undefined && key.default !== null && key.default !== "") out.push(key.default);
    for (const v of validatorsOf(key)) {
        if (v.kind === "range") {
            for (const bound of [v.min, v.max]) {
                if (bound === undefined) continue;
                out.push(bound, String(bound - 1), String(bound + 1));
            }
            if (v.orExactly !== undefined) out.push(v.orExactly, String(v.orExactly - 1));
        }
        // A Kafka 4 list validator without values takes any value: the type decides the candidates below.
        if ((v.kind === "oneOf" || v.kind === "listOf" || v.kind === "oneOfIgnoreCase") && v.values.length > 0) {
            out.push(...v.values, "bogus", (v.values[0] ?? "x").toUpperCase());
            if (v.kind === "listOf" && v.values.length > 1) out.push(v.values.join(","), `${v.values[0]}, ${v.values[1]}`, "");
        }
        if (v.kind === "metadataVersion") out.push("3.9", "2.8-IV1", "0.10.2", "3.0-IV1", "9.9", "three");
        if (v.kind === "throttledReplicas") out.push("*", "0:1,1:2", "0:x", "");
        if (v.kind === "nonEmpty" || v.kind === "nonEmptyWithoutControlChars") out.push("", " ");
    }
    switch (key.type) {
        case "int":
        case "short":
        case "long": {
            const [min, max] = TYPE_LIMITS[key.type] ?? ["0", "0"];
            out.push("abc", "1.5", " 7 ", "+7", max, min, `${max}0`, 1);
            // A YAML number beyond 2^53: the user's digits are already lost when the program sees it.
            if (key.type === "long") out.push(2 ** 60 + 2 ** 8);
            break;
        }
        case "double":
            out.push("x", "0.5", 0.5, "1", "NaN", "-1.0", "1e3");
            break;
        case "boolean":
            out.push(true, false, "TRUE", "False", "yes", "1");
            break;
        case "class":
            out.push("not a class", "1bad.Name");
            break;
        case "list":
            // Lists of class names (their default names one) are loaded by Kafka; whether a class
            // exists depends on the image, so only a name that is no class name at all is tried.
            // Kafka 4's assignor lists default to short names and load anything else as a class.
            out.push(/(^|,)\s*[a-z]+(\.[a-z0-9]+)+\.[A-Z]\w*/.test(key.default ?? "") || name.endsWith(".assignors") ? "1bad" : "a,b");
            break;
        default:
            // Free-form strings and passwords: any text will do, as long as the key gets one.
            if (out.length === 0) out.push("x");
            break;
    }
    return [...new Set(out)];
}

// Pairs that Kafka's start-up and create-topic checks compare with each other.
const BROKER_CROSS: readonly Props[] = [
    { "replica.fetch.wait.max.ms": 40000, "replica.socket.timeout.ms": 30000 },
    { "replica.fetch.wait.max.ms": 30000, "replica.socket.timeout.ms": 30000 },
    { "replica.fetch.wait.max.ms": 30001, "replica.lag.time.max.ms": 30000, "replica.socket.timeout.ms": 60000 },
    { "replica.fetch.wait.max.ms": 500, "replica.lag.time.max.ms": 400 },
    { "log.cleaner.dedupe.buffer.size": 1048576 },
    { "log.cleaner.dedupe.buffer.size": 1048577 },
    { "log.cleaner.dedupe.buffer.size": 2097152, "log.cleaner.threads": 2 },
    { "log.cleaner.dedupe.buffer.size": 2097154, "log.cleaner.threads": 2 },
    { "log.cleaner.dedupe.buffer.size": 2097155, "log.cleaner.threads": 2 },
    { "queued.max.request.bytes": 1000, "socket.request.max.bytes": 2000 },
    { "queued.max.request.bytes": 2000, "socket.request.max.bytes": 2000 },
    { "queued.max.request.bytes": 0 },
    { "max.connections.per.ip": 0 },
    { "max.connections.per.ip": 0, "max.connections.per.ip.overrides": "10.0.0.1:5" },
    { "max.connections.per.ip.overrides": "bad host:5" },
    { "max.connections.per.ip.overrides": "host1:abc" },
    { "connection.failed.authentication.delay.ms": 600000, "connections.max.idle.ms": 600000 },
    { "connection.failed.authentication.delay.ms": 100, "connections.max.idle.ms": -1 },
    { "offsets.commit.required.acks": 3 },
    { "offsets.commit.required.acks": 4 },
    { "offsets.commit.required.acks": -2 },
    { "group.coordinator.rebalance.protocols": "consumer" },
    { "group.coordinator.rebalance.protocols": "classic,consumer" },
    { "group.coordinator.rebalance.protocols": "classic,share" },
    { "reserved.broker.max.id": 2 },
    { "reserved.broker.max.id": 3 },
    { "reserved.broker.max.id": 0, "broker.id.generation.enable": false },
    { "log.roll.ms": 0 },
    { "log.roll.hours": 1, "log.roll.ms": 0 },
    { "log.roll.jitter.ms": -1 },
    { "log.retention.ms": 0 },
    { "log.retention.minutes": 0 },
    { "log.retention.hours": 0 },
    { "log.retention.hours": 0, "log.retention.ms": 1000 },
    { "log.retention.ms": -5 },
    { "inter.broker.protocol.version": "2.0", "log.message.format.version": "2.8" },
    { "inter.broker.protocol.version": "0.10.2", "log.message.format.version": "0.11.0" },
    { "inter.broker.protocol.version": "0.10.2", "log.message.format.version": "0.10.0" },
    { "inter.broker.protocol.version": "2.0", "offsets.topic.compression.codec": 4 },
    { "inter.broker.protocol.version": "2.1", "offsets.topic.compression.codec": 4 },
    { "group.consumer.heartbeat.interval.ms": 4000, "group.consumer.min.heartbeat.interval.ms": 5000 },
    { "group.consumer.session.timeout.ms": 70000, "group.consumer.max.session.timeout.ms": 60000 },
    { "group.share.record.lock.duration.ms": 20000, "group.share.max.record.lock.duration.ms": 15000 },
    { "group.share.heartbeat.interval.ms": 6000, "group.share.max.heartbeat.interval.ms": 5000 },
    { "group.share.session.timeout.ms": 40000, "group.share.min.session.timeout.ms": 45000 },
    { "transaction.state.log.replication.factor": 2, "transaction.state.log.min.isr": 3 },
    { "offsets.topic.replication.factor": 4 },
    { "min.insync.replicas": 2, "default.replication.factor": 1 },
    { "remote.log.storage.system.enable": true },
    { "remote.log.storage.system.enable": true, "remote.log.storage.manager.class.name": "com.example.RemoteStorage" },
    { "log.cleaner.min.compaction.lag.ms": 120000, "log.cleaner.max.compaction.lag.ms": 60000 },
    { "log.cleaner.min.compaction.lag.ms": 60000, "log.cleaner.max.compaction.lag.ms": 60000 },
    ...([{}, { "log.retention.ms": 1000 }, { "log.retention.bytes": 1000 }] as Props[]).map((retention) => ({
        "remote.log.storage.system.enable": true,
        "remote.log.storage.manager.class.name": "com.example.RemoteStorage",
        "log.local.retention.ms": 2000,
        "log.local.retention.bytes": -1,
        ...retention,
    })),
];

const TOPIC_BROKER_SETTINGS: readonly Props[] = [
    {},
    { "log.cleaner.max.compaction.lag.ms": 60000 },
    { "log.cleaner.min.compaction.lag.ms": 120000 },
    { "log.retention.hours": 1 },
    { "log.retention.bytes": 1000000 },
    { "remote.log.storage.system.enable": true, "remote.log.storage.manager.class.name": "com.example.RemoteStorage" },
    { "log.cleanup.policy": "compact" },
];

const TOPIC_CROSS: readonly Props[] = [
    { "min.compaction.lag.ms": 600000, "max.compaction.lag.ms": 60000 },
    { "min.compaction.lag.ms": 60000, "max.compaction.lag.ms": 60000 },
    { "min.compaction.lag.ms": 100000 },
    { "max.compaction.lag.ms": 100000 },
    { "remote.storage.enable": true },
    { "remote.storage.enable": true, "cleanup.policy": "compact" },
    { "remote.storage.enable": true, "cleanup.policy": "delete" },
    { "remote.storage.enable": true, "local.retention.ms": -1, "retention.ms": 1000 },
    { "remote.storage.enable": true, "local.retention.ms": 2000, "retention.ms": 1000 },
    { "remote.storage.enable": true, "local.retention.ms": 1000, "retention.ms": -1 },
    { "remote.storage.enable": true, "local.retention.bytes": -1, "retention.bytes": 1000 },
    { "remote.storage.enable": true, "local.retention.bytes": 5000, "retention.bytes": 1000 },
    { "remote.storage.enable": true, "local.retention.ms": 4000000 },
    { "remote.log.copy.disable": true },
    { "remote.log.delete.on.disable": true },
    { "remote.log.copy.disable": false, "remote.log.delete.on.disable": false },
    { "min.insync.replicas": 3 },
    { "min.insync.replicas": 4 },
];

export function brokerCases(model: KafkaModel, seed: number, atLeast: number): BrokerCase[] {
    const cases: BrokerCase[] = [];
    const keys = Object.keys(model.broker).sort();
    for (const name of keys) {
        const key = model.broker[name] as ConfigKey;
        for (const value of valuesFor(key, name)) cases.push({ kind: "broker", label: `${name}=${String(value)}`, brokerProperties: { [name]: value } });
    }
    const owned = programOwnedBrokerKeys(model);
    for (const name of owned.keys()) cases.push({ kind: "broker", label: `owned ${name}`, brokerProperties: { [name]: "x" } });
    // Keys the previous major line had, with a value it accepted (Kafka 4 starts and ignores them).
    const removed = removedKeys(model);
    for (const name of removed?.broker ?? []) {
        const value = valuesFor(removed?.since.broker[name] as ConfigKey)[0] ?? "x";
        cases.push({ kind: "broker", label: `removed ${name}=${String(value)}`, brokerProperties: { [name]: value } });
    }
    for (const typo of ["num.partition", "log.retention.hour", "message.max.byte", "port", "log.segment.ms"]) {
        cases.push({ kind: "broker", label: `unknown ${typo}`, brokerProperties: { [typo]: "1" } });
    }
    BROKER_CROSS.forEach((props, i) => cases.push({ kind: "broker", label: `cross ${i}`, brokerProperties: props }));
    // Random mixes: 2 to 5 keys, each with one of its candidate values.
    const next = random(seed);
    const usable = keys.filter((k) => !owned.has(k));
    while (cases.length < atLeast) {
        const props: Props = {};
        for (let n = 2 + Math.floor(next() * 4); n > 0; n--) {
            const name = usable[Math.floor(next() * usable.length)] as string;
            const values = valuesFor(model.broker[name] as ConfigKey, name);
            props[name] = values[Math.floor(next() * values.length)] as Value;
        }
        cases.push({ kind: "broker", label: `mix ${cases.length}`, brokerProperties: props });
    }
    return cases;
}

export function topicCases(model: KafkaModel, seed: number, atLeast: number): TopicCase[] {
    const cases: TopicCase[] = [];
    const keys = Object.keys(model.topic).sort();
    for (const name of keys) {
        for (const value of valuesFor(model.topic[name] as ConfigKey)) {
            cases.push({ kind: "topic", label: `${name}=${String(value)}`, brokerProperties: {}, config: { [name]: value } });
        }
    }
    const removedTopicKeys = removedKeys(model);
    for (const name of removedTopicKeys?.topic ?? []) {
        const value = valuesFor(removedTopicKeys?.since.topic[name] as ConfigKey)[0] ?? "x";
        cases.push({ kind: "topic", label: `removed ${name}=${String(value)}`, brokerProperties: {}, config: { [name]: value } });
    }
    for (const typo of ["retention.msec", "log.retention.ms", "segment.byte"]) {
        cases.push({ kind: "topic", label: `unknown ${typo}`, brokerProperties: {}, config: { [typo]: "1" } });
    }
    for (const broker of TOPIC_BROKER_SETTINGS) {
        TOPIC_CROSS.forEach((config, i) => cases.push({ kind: "topic", label: `cross ${i} on ${JSON.stringify(broker)}`, brokerProperties: broker, config }));
    }
    const next = random(seed);
    while (cases.length < atLeast) {
        const config: Props = {};
        for (let n = 1 + Math.floor(next() * 4); n > 0; n--) {
            const name = keys[Math.floor(next() * keys.length)] as string;
            const values = valuesFor(model.topic[name] as ConfigKey);
            config[name] = values[Math.floor(next() * values.length)] as Value;
        }
        const broker = TOPIC_BROKER_SETTINGS[Math.floor(next() * TOPIC_BROKER_SETTINGS.length)] as Props;
        cases.push({ kind: "topic", label: `mix ${cases.length}`, brokerProperties: broker, config });
    }
    return cases;
}

export function allCases(minor: string, seed: number, perKind: number): Case[] {
    const model = kafkaModel(minor);
    return [...brokerCases(model, seed, perKind), ...topicCases(model, seed + 1, perKind)];
}
