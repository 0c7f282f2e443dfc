import { brokerNumber, brokerValue } from "./brokerConfig";
import { configNumber, listItems } from "./configValue";
import { hasZooKeeperMode, type KafkaModel } from "./model";

// The checks a Kafka broker (3.9 or 4.x) runs on its server.properties when it starts
// (KafkaConfig.validateValues and the group, share-group and coordinator
// configs it builds), applied at preview: a broker that refuses to start
// otherwise shows up only as a container that never gets healthy.

type Properties = Readonly<Record<string, string>>;

export interface StartupInput {
    readonly model: KafkaModel;
    /** What server.properties holds apart from the program's identity keys: its defaults and the user's keys. */
    readonly properties: Properties;
    /** Keys the user set, so messages can tell a user value from a default. */
    readonly userKeys: ReadonlySet<string>;
    readonly brokerCount: number;
}

// [lower, upper]: Kafka requires lower <= upper.
const ORDERED: readonly (readonly [string, string])[] = [
    ["replica.fetch.wait.max.ms", "replica.socket.timeout.ms"],
    ["replica.fetch.wait.max.ms", "replica.lag.time.max.ms"],
    ...boundedBy("group.consumer", "heartbeat.interval.ms"),
    ...boundedBy("group.consumer", "session.timeout.ms"),
    ...boundedBy("group.share", "heartbeat.interval.ms"),
    ...boundedBy("group.share", "session.timeout.ms"),
    ...boundedBy("group.share", "record.lock.duration.ms"),
    // Kafka 4 only; keys a model lacks have no value, so their pairs never fire on 3.9.
    ...boundedBy("group.consumer", "assignment.interval.ms"),
    ...boundedBy("group.share", "assignment.interval.ms"),
    ...boundedBy("group.streams", "assignment.interval.ms"),
    ...boundedBy("group.streams", "heartbeat.interval.ms"),
    ...boundedBy("group.streams", "session.timeout.ms"),
    ...boundedBy("group.share", "partition.max.record.locks"),
    ["group.share.max.size", "group.share.max.share.sessions"],
    ["group.streams.num.standby.replicas", "group.streams.max.standby.replicas"],
];

/** `prefix.min.x <= prefix.x <= prefix.max.x`, and so min <= max. */
function boundedBy(prefix: string, setting: string): (readonly [string, string])[] {
    const [min, value, max] = [`${prefix}.min.${setting}`, `${prefix}.${setting}`, `${prefix}.max.${setting}`];
    return [[min, max], [min, value], [value, max]];
}

const HOUR_MS = 3_600_000;
const MIB = 1024 * 1024;
const COMPRESSION_IDS: ReadonlySet<number> = new Set([0, 1, 2, 3, 4]);

export function brokerStartupProblems(input: StartupInput): string[] {
    const { model, properties } = input;
    const num = (key: string): number | undefined => brokerNumber(model, properties, key);
    const named = (key: string): string => describe(input, key);
    const problems: string[] = [];

    for (const [lower, upper] of ORDERED) {
        const [a, b] = [num(lower), num(upper)];
        if (a !== undefined && b !== undefined && a > b) {
            problems.push(`${named(lower)} is ${a} but must be at most ${named(upper)} (${b}), or Kafka refuses to start`);
        }
    }

    // log.roll.ms, log.roll.jitter.ms and log.retention.ms fall back to their hours/minutes forms.
    const rollMs = num("log.roll.ms") ?? (num("log.roll.hours") ?? 0) * HOUR_MS;
    if (rollMs < 1) problems.push(`${named(properties["log.roll.ms"] !== undefined ? "log.roll.ms" : "log.roll.hours")} gives a segment roll time of ${rollMs} ms but it must be at least 1 ms`);
    const jitterMs = num("log.roll.jitter.ms") ?? (num("log.roll.jitter.hours") ?? 0) * HOUR_MS;
    if (jitterMs < 0) problems.push(`${named("log.roll.jitter.ms")} is ${jitterMs} but must be at least 0`);
    const retentionKey = ["log.retention.ms", "log.retention.minutes"].find((key) => brokerValue(model, properties, key) !== undefined) ?? "log.retention.hours";
    if (num(retentionKey) === 0) problems.push(`${named(retentionKey)} is 0 but must be -1 (unlimited) or at least 1`);

    const threads = num("log.cleaner.threads") ?? 1;
    const dedupe = num("log.cleaner.dedupe.buffer.size") ?? 0;
    if (threads === 0) {
        // Kafka's range allows 0, then divides by it at start.
        problems.push(`${named("log.cleaner.threads")} is 0 but must be at least 1; Kafka ${model.kafkaVersion} fails to start with 0`);
    } else if (Math.trunc(dedupe / threads) <= MIB) {
        problems.push(
            `${named("log.cleaner.dedupe.buffer.size")} is ${dedupe} but must be more than 1 MiB (${MIB} bytes) per cleaner thread; log.cleaner.threads is ${threads}, so more than ${threads * MIB + threads - 1}`,
        );
    }

    const queued = num("queued.max.request.bytes") ?? -1;
    const requestMax = num("socket.request.max.bytes") ?? 0;
    if (queued > 0 && queued < requestMax) {
        problems.push(`${named("queued.max.request.bytes")} is ${queued} but must be -1 (no limit) or at least ${named("socket.request.max.bytes")} (${requestMax})`);
    }

    const idle = num("connections.max.idle.ms") ?? -1;
    const authDelay = num("connection.failed.authentication.delay.ms") ?? 0;
    if (idle >= 0 && authDelay >= idle) {
        problems.push(`${named("connection.failed.authentication.delay.ms")} is ${authDelay} but must be less than ${named("connections.max.idle.ms")} (${idle})`);
    }

    const overrides = brokerValue(model, properties, "max.connections.per.ip.overrides") ?? "";
    if (num("max.connections.per.ip") === 0 && overrides.trim() === "") {
        problems.push(`${named("max.connections.per.ip")} is 0, which Kafka allows only together with max.connections.per.ip.overrides`);
    }
    const badOverride = (listItems(overrides) ?? []).find((entry) => !/^[0-9a-zA-Z\-%._:]*:\d+$/.test(entry));
    if (badOverride !== undefined) {
        problems.push(`${named("max.connections.per.ip.overrides")} has ${JSON.stringify(badOverride)} but each entry must be host:count, like 10.0.0.1:100`);
    }

    const acks = num("offsets.commit.required.acks") ?? -1;
    const offsetsReplicas = num("offsets.topic.replication.factor") ?? 1;
    if (acks < -1 || acks > offsetsReplicas) {
        problems.push(`${named("offsets.commit.required.acks")} is ${acks} but must be between -1 and ${named("offsets.topic.replication.factor")} (${offsetsReplicas})`);
    }

    const protocols = (listItems(brokerValue(model, properties, "group.coordinator.rebalance.protocols")) ?? []).map((p) => p.toLowerCase());
    if (!protocols.includes("classic")) {
        problems.push(`${named("group.coordinator.rebalance.protocols")} must include classic: Kafka ${model.kafkaVersion} cannot disable it`);
    } else if (protocols.includes("consumer") && hasZooKeeperMode(model)) {
        problems.push(`${named("group.coordinator.rebalance.protocols")} includes consumer, which needs a KRaft cluster; this one runs on ZooKeeper`);
    }

    // Broker ids are 1..N; with id generation on, Kafka keeps ids above reserved.broker.max.id for itself.
    const reserved = num("reserved.broker.max.id") ?? 1000;
    if (brokerValue(model, properties, "broker.id.generation.enable") !== "false" && reserved < input.brokerCount) {
        problems.push(`${named("reserved.broker.max.id")} is ${reserved} but the brokers have ids up to ${input.brokerCount}; it must be at least ${input.brokerCount}`);
    }

    // Joining the quorum is a controller's business; a KRaft broker (process.roles=broker) refuses to start with it.
    if (brokerValue(model, properties, "controller.quorum.auto.join.enable") === "true") {
        problems.push(`${named("controller.quorum.auto.join.enable")} is true but only controllers join the quorum, and these nodes are brokers (process.roles=broker); Kafka refuses to start`);
    }

    // KafkaConfig accepts this, but the broker then loads a null class name when it starts its remote log manager.
    if (brokerValue(model, properties, "remote.log.storage.system.enable") === "true" && brokerValue(model, properties, "remote.log.storage.manager.class.name") === undefined) {
        problems.push(
            `${named("remote.log.storage.system.enable")} is true but remote.log.storage.manager.class.name is not set; the broker would fail at start without a remote storage plugin`,
        );
    }

    problems.push(...protocolVersionProblems(input));
    return problems;
}

/** Record format versions: v0 before 0.10.0, v1 in 0.10.x, v2 from 0.11.0. */
function recordVersion(version: string): number {
    return version.startsWith("0.8") || version.startsWith("0.9") ? 0 : version.startsWith("0.10") ? 1 : 2;
}

// Before 3.0-IV1, the message format may not be newer than what the inter-broker protocol can replicate.
function protocolVersionProblems(input: StartupInput): string[] {
    const { model, properties } = input;
    const ibp = brokerValue(model, properties, "inter.broker.protocol.version") ?? "";
    const format = brokerValue(model, properties, "log.message.format.version") ?? "";
    const ibpRecords = recordVersion(ibp);
    const problems: string[] = [];
    if (isBefore30IV1(ibp) && recordVersion(format) > ibpRecords) {
        problems.push(
            `${describe(input, "log.message.format.version")} is ${format} but ${describe(input, "inter.broker.protocol.version")} is ${ibp}; the message format may not be newer than the inter-broker protocol`,
        );
    }
    // The codecs are CompressionType ids without a validator; an unknown id stops the broker at start.
    for (const key of ["offsets.topic.compression.codec", "share.coordinator.state.topic.compression.codec"]) {
        const id = configNumber(brokerValue(model, properties, key));
        if (id !== undefined && !COMPRESSION_IDS.has(id)) problems.push(`${describe(input, key)} is ${id} but must be one of 0 (none), 1 (gzip), 2 (snappy), 3 (lz4), 4 (zstd)`);
    }
    const codec = configNumber(brokerValue(model, properties, "offsets.topic.compression.codec"));
    // Kafka compares record format versions here, so this holds for every IBP from 0.11.0.
    if (codec === 4 && ibpRecords < 2) {
        problems.push(`${describe(input, "offsets.topic.compression.codec")} is 4 (zstd) but ${describe(input, "inter.broker.protocol.version")} is ${ibp}, whose record format cannot carry zstd; use 0.11.0 or later`);
    }
    return problems;
}

function releaseOf(version: string): [number, number, number] {
    const [major = 0, minor = 0] = version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
    return [major, minor, Number(/-IV(\d+)/.exec(version)?.[1] ?? 99)];
}

function isBefore30IV1(version: string): boolean {
    const [major, minor, iv] = releaseOf(version);
    return major < 3 || (major === 3 && minor === 0 && iv < 1);
}


/** brokerProperties."key" when the user set it; otherwise whose default it is. */
function describe(input: StartupInput, key: string): string {
    if (input.userKeys.has(key)) return `brokerProperties.${JSON.stringify(key)}`;
    return input.properties[key] !== undefined ? `${key} (the program's default)` : `${key} (Kafka's default)`;
}
