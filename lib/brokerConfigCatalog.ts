/**
 * Kafka 3.9 broker properties: which names exist, what values they take, and
 * which ones the program renders itself so a pass-through `brokerProperties`
 * map cannot fight it.
 *
 * Source of truth: the 3.9 broker config table generated from KafkaConfig's
 * ConfigDef (apache/kafka-site, 39/generated/kafka_config.html at commit
 * 18811ad33e85dccefcb13d71b9a9d25ec3730bf3). Internal configs, which that
 * table leaves out, are deliberately not accepted.
 */

import { closest, show } from "./problems";
import {
    checkConfigValue,
    type ConfigSpec,
    type ConfigType,
    renderConfigValue,
    topicConfigNumber,
    topicConfigSpec,
    type TopicConfigValue,
} from "./topicConfigCatalog";

type Row = readonly [name: string, type: ConfigType, limits?: Omit<ConfigSpec, "type">];

const AT_LEAST_0 = { min: 0 } as const;
const AT_LEAST_1 = { min: 1 } as const;
const NON_EMPTY = { format: "nonEmpty" } as const;
const METADATA_VERSION = { format: "metadataVersion" } as const;
const COMPRESSION_TYPES = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"] as const;
// Kafka treats any negative retention as "unlimited"; only -1 is the documented spelling,
// so anything lower is taken as a typo. This is the program's rule, not Kafka's.
const RETENTION = (unit: string): Omit<ConfigSpec, "type"> => ({ min: -1, hint: `${unit}, -1 for unlimited` });

// In the table's order: importance high, medium, low; alphabetical within each.
const ROWS: readonly Row[] = [
    ["advertised.listeners", "string"],
    ["auto.create.topics.enable", "boolean"],
    ["auto.leader.rebalance.enable", "boolean"],
    ["background.threads", "int", AT_LEAST_1],
    ["broker.id", "int"],
    ["compression.type", "string", { oneOf: COMPRESSION_TYPES }],
    ["control.plane.listener.name", "string"],
    ["controller.listener.names", "string"],
    ["controller.quorum.bootstrap.servers", "list"],
    ["controller.quorum.election.backoff.max.ms", "int"],
    ["controller.quorum.election.timeout.ms", "int"],
    ["controller.quorum.fetch.timeout.ms", "int"],
    ["controller.quorum.voters", "list"],
    ["delete.topic.enable", "boolean"],
    ["early.start.listeners", "string"],
    ["eligible.leader.replicas.enable", "boolean"],
    ["leader.imbalance.check.interval.seconds", "long", AT_LEAST_1],
    ["leader.imbalance.per.broker.percentage", "int"],
    ["listeners", "string"],
    ["log.dir", "string"],
    ["log.dirs", "string"],
    ["log.flush.interval.messages", "long", AT_LEAST_1],
    ["log.flush.interval.ms", "long"],
    ["log.flush.offset.checkpoint.interval.ms", "int", AT_LEAST_0],
    ["log.flush.scheduler.interval.ms", "long"],
    ["log.flush.start.offset.checkpoint.interval.ms", "int", AT_LEAST_0],
    ["log.retention.bytes", "long", RETENTION("bytes per partition")],
    ["log.retention.hours", "int", RETENTION("hours")],
    ["log.retention.minutes", "int", RETENTION("minutes")],
    ["log.retention.ms", "long", RETENTION("milliseconds")],
    ["log.roll.hours", "int", AT_LEAST_1],
    ["log.roll.jitter.hours", "int", AT_LEAST_0],
    ["log.roll.jitter.ms", "long"],
    ["log.roll.ms", "long"],
    ["log.segment.bytes", "int", { min: 14, hint: "bytes" }],
    ["log.segment.delete.delay.ms", "long", AT_LEAST_0],
    ["message.max.bytes", "int", { min: 0, hint: "bytes" }],
    ["metadata.log.dir", "string"],
    ["metadata.log.max.record.bytes.between.snapshots", "long", AT_LEAST_1],
    ["metadata.log.max.snapshot.interval.ms", "long", AT_LEAST_0],
    ["metadata.log.segment.bytes", "int", { min: 12 }],
    ["metadata.log.segment.ms", "long"],
    ["metadata.max.retention.bytes", "long"],
    ["metadata.max.retention.ms", "long"],
    ["min.insync.replicas", "int", { min: 1, hint: "replicas" }],
    ["node.id", "int"],
    ["num.io.threads", "int", AT_LEAST_1],
    ["num.network.threads", "int", AT_LEAST_1],
    ["num.recovery.threads.per.data.dir", "int", AT_LEAST_1],
    ["num.replica.alter.log.dirs.threads", "int"],
    ["num.replica.fetchers", "int"],
    ["offset.metadata.max.bytes", "int"],
    ["offsets.commit.required.acks", "short"],
    ["offsets.commit.timeout.ms", "int", AT_LEAST_1],
    ["offsets.load.buffer.size", "int", AT_LEAST_1],
    ["offsets.retention.check.interval.ms", "long", AT_LEAST_1],
    ["offsets.retention.minutes", "int", AT_LEAST_1],
    ["offsets.topic.compression.codec", "int"],
    ["offsets.topic.num.partitions", "int", AT_LEAST_1],
    ["offsets.topic.replication.factor", "short", { min: 1, hint: "replicas" }],
    ["offsets.topic.segment.bytes", "int", AT_LEAST_1],
    ["process.roles", "list", { oneOf: ["broker", "controller"] }],
    ["queued.max.requests", "int", AT_LEAST_1],
    ["replica.fetch.min.bytes", "int"],
    ["replica.fetch.wait.max.ms", "int"],
    ["replica.high.watermark.checkpoint.interval.ms", "long"],
    ["replica.lag.time.max.ms", "long"],
    ["replica.socket.receive.buffer.bytes", "int"],
    ["replica.socket.timeout.ms", "int"],
    ["request.timeout.ms", "int"],
    ["sasl.mechanism.controller.protocol", "string"],
    ["socket.receive.buffer.bytes", "int"],
    ["socket.request.max.bytes", "int", AT_LEAST_1],
    ["socket.send.buffer.bytes", "int"],
    ["transaction.max.timeout.ms", "int", AT_LEAST_1],
    ["transaction.state.log.load.buffer.size", "int", AT_LEAST_1],
    ["transaction.state.log.min.isr", "int", { min: 1, hint: "replicas" }],
    ["transaction.state.log.num.partitions", "int", AT_LEAST_1],
    ["transaction.state.log.replication.factor", "short", { min: 1, hint: "replicas" }],
    ["transaction.state.log.segment.bytes", "int", AT_LEAST_1],
    ["transactional.id.expiration.ms", "int", AT_LEAST_1],
    ["unclean.leader.election.enable", "boolean"],
    ["zookeeper.connect", "string"],
    ["zookeeper.connection.timeout.ms", "int"],
    ["zookeeper.max.in.flight.requests", "int", AT_LEAST_1],
    ["zookeeper.metadata.migration.enable", "boolean"],
    ["zookeeper.session.timeout.ms", "int"],
    ["zookeeper.set.acl", "boolean"],
    ["broker.heartbeat.interval.ms", "int"],
    ["broker.id.generation.enable", "boolean"],
    ["broker.rack", "string"],
    ["broker.session.timeout.ms", "int"],
    ["compression.gzip.level", "int", { min: 1, max: 9, orExactly: -1, hint: "-1 for the codec default" }],
    ["compression.lz4.level", "int", { min: 1, max: 17 }],
    ["compression.zstd.level", "int", { min: -131072, max: 22 }],
    ["connections.max.idle.ms", "long"],
    ["connections.max.reauth.ms", "long"],
    ["controlled.shutdown.enable", "boolean"],
    ["controlled.shutdown.max.retries", "int"],
    ["controlled.shutdown.retry.backoff.ms", "long"],
    ["controller.quorum.append.linger.ms", "int"],
    ["controller.quorum.request.timeout.ms", "int"],
    ["controller.socket.timeout.ms", "int"],
    // Kafka has no validator here, but 0 or less makes every defaulted topic creation fail.
    ["default.replication.factor", "int", { min: 1, hint: "replicas" }],
    ["delegation.token.expiry.time.ms", "long", AT_LEAST_1],
    ["delegation.token.master.key", "password"],
    ["delegation.token.max.lifetime.ms", "long", AT_LEAST_1],
    ["delegation.token.secret.key", "password"],
    ["delete.records.purgatory.purge.interval.requests", "int"],
    ["fetch.max.bytes", "int", { min: 1024 }],
    ["fetch.purgatory.purge.interval.requests", "int"],
    ["group.consumer.assignors", "list"],
    ["group.consumer.heartbeat.interval.ms", "int", AT_LEAST_1],
    ["group.consumer.max.heartbeat.interval.ms", "int", AT_LEAST_1],
    ["group.consumer.max.session.timeout.ms", "int", AT_LEAST_1],
    ["group.consumer.max.size", "int", AT_LEAST_1],
    ["group.consumer.min.heartbeat.interval.ms", "int", AT_LEAST_1],
    ["group.consumer.min.session.timeout.ms", "int", AT_LEAST_1],
    ["group.consumer.session.timeout.ms", "int", AT_LEAST_1],
    ["group.coordinator.append.linger.ms", "int", AT_LEAST_0],
    ["group.coordinator.rebalance.protocols", "list", { oneOf: ["consumer", "classic", "share", "unknown"] }],
    ["group.coordinator.threads", "int", AT_LEAST_1],
    ["group.initial.rebalance.delay.ms", "int"],
    ["group.max.session.timeout.ms", "int"],
    ["group.max.size", "int", AT_LEAST_1],
    ["group.min.session.timeout.ms", "int"],
    ["group.share.delivery.count.limit", "int", { min: 2, max: 10 }],
    ["group.share.heartbeat.interval.ms", "int", AT_LEAST_1],
    ["group.share.max.groups", "short", { min: 1, max: 100 }],
    ["group.share.max.heartbeat.interval.ms", "int", AT_LEAST_1],
    ["group.share.max.record.lock.duration.ms", "int", { min: 30000, max: 3600000 }],
    ["group.share.max.session.timeout.ms", "int", AT_LEAST_1],
    ["group.share.max.size", "short", { min: 10, max: 1000 }],
    ["group.share.min.heartbeat.interval.ms", "int", AT_LEAST_1],
    ["group.share.min.record.lock.duration.ms", "int", { min: 1000, max: 30000 }],
    ["group.share.min.session.timeout.ms", "int", AT_LEAST_1],
    ["group.share.partition.max.record.locks", "int", { min: 100, max: 10000 }],
    ["group.share.record.lock.duration.ms", "int", { min: 1000, max: 60000 }],
    ["group.share.session.timeout.ms", "int", AT_LEAST_1],
    ["initial.broker.registration.timeout.ms", "int"],
    ["inter.broker.listener.name", "string"],
    ["inter.broker.protocol.version", "string", METADATA_VERSION],
    ["log.cleaner.backoff.ms", "long", AT_LEAST_0],
    ["log.cleaner.dedupe.buffer.size", "long"],
    ["log.cleaner.delete.retention.ms", "long", AT_LEAST_0],
    ["log.cleaner.enable", "boolean"],
    ["log.cleaner.io.buffer.load.factor", "double"],
    ["log.cleaner.io.buffer.size", "int", AT_LEAST_0],
    ["log.cleaner.io.max.bytes.per.second", "double"],
    ["log.cleaner.max.compaction.lag.ms", "long", AT_LEAST_1],
    ["log.cleaner.min.cleanable.ratio", "double", { min: 0, max: 1 }],
    ["log.cleaner.min.compaction.lag.ms", "long", AT_LEAST_0],
    ["log.cleaner.threads", "int", AT_LEAST_0],
    ["log.cleanup.policy", "list", { oneOf: ["delete", "compact"], hint: "comma-separated for both" }],
    ["log.index.interval.bytes", "int", AT_LEAST_0],
    ["log.index.size.max.bytes", "int", { min: 4 }],
    ["log.local.retention.bytes", "long", { min: -2 }],
    ["log.local.retention.ms", "long", { min: -2 }],
    ["log.message.format.version", "string", METADATA_VERSION],
    ["log.message.timestamp.after.max.ms", "long", AT_LEAST_0],
    ["log.message.timestamp.before.max.ms", "long", AT_LEAST_0],
    ["log.message.timestamp.difference.max.ms", "long", AT_LEAST_0],
    ["log.message.timestamp.type", "string", { oneOf: ["CreateTime", "LogAppendTime"] }],
    ["log.preallocate", "boolean"],
    ["log.retention.check.interval.ms", "long", AT_LEAST_1],
    ["max.connection.creation.rate", "int", AT_LEAST_0],
    ["max.connections", "int", AT_LEAST_0],
    ["max.connections.per.ip", "int", AT_LEAST_0],
    ["max.connections.per.ip.overrides", "string"],
    ["max.incremental.fetch.session.cache.slots", "int", AT_LEAST_0],
    ["max.request.partition.size.limit", "int", AT_LEAST_1],
    ["num.partitions", "int", AT_LEAST_1],
    ["password.encoder.old.secret", "password"],
    ["password.encoder.secret", "password"],
    ["principal.builder.class", "class"],
    ["producer.purgatory.purge.interval.requests", "int"],
    ["queued.max.request.bytes", "long"],
    ["remote.fetch.max.wait.ms", "int", AT_LEAST_1],
    // The table describes these validators only in prose ("-1 means use
    // remote.log.manager.thread.pool.size"); read here as -1 or a positive size.
    ["remote.log.manager.copier.thread.pool.size", "int", { min: 1, orExactly: -1 }],
    ["remote.log.manager.copy.max.bytes.per.second", "long", AT_LEAST_1],
    ["remote.log.manager.copy.quota.window.num", "int", AT_LEAST_1],
    ["remote.log.manager.copy.quota.window.size.seconds", "int", AT_LEAST_1],
    ["remote.log.manager.expiration.thread.pool.size", "int", { min: 1, orExactly: -1 }],
    ["remote.log.manager.fetch.max.bytes.per.second", "long", AT_LEAST_1],
    ["remote.log.manager.fetch.quota.window.num", "int", AT_LEAST_1],
    ["remote.log.manager.fetch.quota.window.size.seconds", "int", AT_LEAST_1],
    ["remote.log.manager.thread.pool.size", "int", AT_LEAST_1],
    ["remote.log.metadata.manager.class.name", "string", NON_EMPTY],
    ["remote.log.metadata.manager.class.path", "string"],
    ["remote.log.metadata.manager.impl.prefix", "string", NON_EMPTY],
    ["remote.log.metadata.manager.listener.name", "string", NON_EMPTY],
    ["remote.log.reader.max.pending.tasks", "int", AT_LEAST_1],
    ["remote.log.reader.threads", "int", AT_LEAST_1],
    ["remote.log.storage.manager.class.name", "string", NON_EMPTY],
    ["remote.log.storage.manager.class.path", "string"],
    ["remote.log.storage.manager.impl.prefix", "string", NON_EMPTY],
    ["remote.log.storage.system.enable", "boolean"],
    ["replica.fetch.backoff.ms", "int", AT_LEAST_0],
    ["replica.fetch.max.bytes", "int", AT_LEAST_0],
    ["replica.fetch.response.max.bytes", "int", AT_LEAST_0],
    ["replica.selector.class", "string"],
    ["reserved.broker.max.id", "int", AT_LEAST_0],
    ["sasl.client.callback.handler.class", "class"],
    ["sasl.enabled.mechanisms", "list"],
    ["sasl.jaas.config", "password"],
    ["sasl.kerberos.kinit.cmd", "string"],
    ["sasl.kerberos.min.time.before.relogin", "long"],
    ["sasl.kerberos.principal.to.local.rules", "list"],
    ["sasl.kerberos.service.name", "string"],
    ["sasl.kerberos.ticket.renew.jitter", "double"],
    ["sasl.kerberos.ticket.renew.window.factor", "double"],
    ["sasl.login.callback.handler.class", "class"],
    ["sasl.login.class", "class"],
    ["sasl.login.refresh.buffer.seconds", "short"],
    ["sasl.login.refresh.min.period.seconds", "short"],
    ["sasl.login.refresh.window.factor", "double"],
    ["sasl.login.refresh.window.jitter", "double"],
    ["sasl.mechanism.inter.broker.protocol", "string"],
    ["sasl.oauthbearer.jwks.endpoint.url", "string"],
    ["sasl.oauthbearer.token.endpoint.url", "string"],
    ["sasl.server.callback.handler.class", "class"],
    ["sasl.server.max.receive.size", "int"],
    ["security.inter.broker.protocol", "string", { oneOf: ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] }],
    ["socket.connection.setup.timeout.max.ms", "long"],
    ["socket.connection.setup.timeout.ms", "long"],
    ["socket.listen.backlog.size", "int", AT_LEAST_1],
    ["ssl.cipher.suites", "list"],
    ["ssl.client.auth", "string", { oneOf: ["required", "requested", "none"] }],
    ["ssl.enabled.protocols", "list"],
    ["ssl.key.password", "password"],
    ["ssl.keymanager.algorithm", "string"],
    ["ssl.keystore.certificate.chain", "password"],
    ["ssl.keystore.key", "password"],
    ["ssl.keystore.location", "string"],
    ["ssl.keystore.password", "password"],
    ["ssl.keystore.type", "string"],
    ["ssl.protocol", "string"],
    ["ssl.provider", "string"],
    ["ssl.trustmanager.algorithm", "string"],
    ["ssl.truststore.certificates", "password"],
    ["ssl.truststore.location", "string"],
    ["ssl.truststore.password", "password"],
    ["ssl.truststore.type", "string"],
    ["zookeeper.clientCnxnSocket", "string"],
    ["zookeeper.ssl.client.enable", "boolean"],
    ["zookeeper.ssl.keystore.location", "string"],
    ["zookeeper.ssl.keystore.password", "password"],
    ["zookeeper.ssl.keystore.type", "string"],
    ["zookeeper.ssl.truststore.location", "string"],
    ["zookeeper.ssl.truststore.password", "password"],
    ["zookeeper.ssl.truststore.type", "string"],
    ["alter.config.policy.class.name", "class"],
    ["alter.config.policy.kraft.compatibility.enable", "boolean"],
    ["alter.log.dirs.replication.quota.window.num", "int", AT_LEAST_1],
    ["alter.log.dirs.replication.quota.window.size.seconds", "int", AT_LEAST_1],
    ["authorizer.class.name", "string"],
    ["auto.include.jmx.reporter", "boolean"],
    ["client.quota.callback.class", "class"],
    ["connection.failed.authentication.delay.ms", "int", AT_LEAST_0],
    ["controller.quorum.retry.backoff.ms", "int"],
    ["controller.quota.window.num", "int", AT_LEAST_1],
    ["controller.quota.window.size.seconds", "int", AT_LEAST_1],
    ["create.topic.policy.class.name", "class"],
    ["delegation.token.expiry.check.interval.ms", "long", AT_LEAST_1],
    ["kafka.metrics.polling.interval.secs", "int", AT_LEAST_1],
    ["kafka.metrics.reporters", "list"],
    ["listener.security.protocol.map", "string"],
    ["log.dir.failure.timeout.ms", "long", AT_LEAST_1],
    ["log.message.downconversion.enable", "boolean"],
    ["metadata.max.idle.interval.ms", "int", AT_LEAST_0],
    ["metric.reporters", "list"],
    ["metrics.num.samples", "int", AT_LEAST_1],
    ["metrics.recording.level", "string"],
    ["metrics.sample.window.ms", "long", AT_LEAST_1],
    ["password.encoder.cipher.algorithm", "string"],
    ["password.encoder.iterations", "int", { min: 1024 }],
    ["password.encoder.key.length", "int", { min: 8 }],
    ["password.encoder.keyfactory.algorithm", "string"],
    ["producer.id.expiration.ms", "int", AT_LEAST_1],
    ["quota.window.num", "int", AT_LEAST_1],
    ["quota.window.size.seconds", "int", AT_LEAST_1],
    ["remote.log.index.file.cache.total.size.bytes", "long", AT_LEAST_1],
    ["remote.log.manager.task.interval.ms", "long", AT_LEAST_1],
    ["remote.log.metadata.custom.metadata.max.bytes", "int", AT_LEAST_0],
    ["replication.quota.window.num", "int", AT_LEAST_1],
    ["replication.quota.window.size.seconds", "int", AT_LEAST_1],
    ["sasl.login.connect.timeout.ms", "int"],
    ["sasl.login.read.timeout.ms", "int"],
    ["sasl.login.retry.backoff.max.ms", "long"],
    ["sasl.login.retry.backoff.ms", "long"],
    ["sasl.oauthbearer.clock.skew.seconds", "int"],
    ["sasl.oauthbearer.expected.audience", "list"],
    ["sasl.oauthbearer.expected.issuer", "string"],
    ["sasl.oauthbearer.jwks.endpoint.refresh.ms", "long"],
    ["sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms", "long"],
    ["sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", "long"],
    ["sasl.oauthbearer.scope.claim.name", "string"],
    ["sasl.oauthbearer.sub.claim.name", "string"],
    ["security.providers", "string"],
    ["ssl.allow.dn.changes", "boolean"],
    ["ssl.allow.san.changes", "boolean"],
    ["ssl.endpoint.identification.algorithm", "string"],
    ["ssl.engine.factory.class", "class"],
    ["ssl.principal.mapping.rules", "string"],
    ["ssl.secure.random.implementation", "string"],
    ["telemetry.max.bytes", "int", AT_LEAST_1],
    ["transaction.abort.timed.out.transaction.cleanup.interval.ms", "int", AT_LEAST_1],
    ["transaction.partition.verification.enable", "boolean"],
    ["transaction.remove.expired.transaction.cleanup.interval.ms", "int", AT_LEAST_1],
    ["zookeeper.ssl.cipher.suites", "list"],
    ["zookeeper.ssl.crl.enable", "boolean"],
    ["zookeeper.ssl.enabled.protocols", "list"],
    ["zookeeper.ssl.endpoint.identification.algorithm", "string"],
    ["zookeeper.ssl.ocsp.enable", "boolean"],
    ["zookeeper.ssl.protocol", "string"],
];

/** Every public broker config of Kafka 3.9, with its type and enforced limits. */
export const BROKER_CONFIG_KEYS: Readonly<Record<string, ConfigSpec>> = Object.freeze(
    Object.fromEntries(ROWS.map(([name, type, limits]) => [name, Object.freeze({ ...limits, type })])),
);

export const BROKER_CONFIG_NAMES: readonly string[] = Object.freeze(Object.keys(BROKER_CONFIG_KEYS).sort());

export const BROKER_CONFIG_DOCS_URL = "https://kafka.apache.org/39/documentation/#brokerconfigs";

export function brokerConfigSpec(key: string): ConfigSpec | undefined {
    return Object.hasOwn(BROKER_CONFIG_KEYS, key) ? BROKER_CONFIG_KEYS[key] : undefined;
}

const LISTENERS_ADVICE = "set advertisedHost and externalPortBase instead";
const KRAFT_ONLY = "this cluster runs in ZooKeeper mode, where KRaft settings do not apply";
const DATA_VOLUME = "broker data always lives on the named volume at /var/lib/kafka/data";

/**
 * Keys the program renders itself, with who owns them and what to set
 * instead. A user value would either be overwritten or contradict the
 * program's own listeners, volumes or topic management.
 */
export const PROGRAM_OWNED_BROKER_KEYS: ReadonlyMap<string, string> = new Map([
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
    ["listeners", `listeners are rendered per broker; ${LISTENERS_ADVICE}`],
    ["advertised.listeners", LISTENERS_ADVICE],
    ["listener.security.protocol.map", "it maps the program's own listener names to security protocols"],
    ["inter.broker.listener.name", "brokers always replicate over the program's internal listener"],
    // Kafka refuses to start when both this and inter.broker.listener.name are set.
    ["security.inter.broker.protocol", "the program sets inter.broker.listener.name, which Kafka will not combine with it"],
    ["control.plane.listener.name", "it must name one of the program's listeners"],
    ["early.start.listeners", "it must name the program's listeners"],
    ["log.dirs", DATA_VOLUME],
    ["log.dir", DATA_VOLUME],
    ["auto.create.topics.enable", "it is always false so that topics come only from the topics map"],
]);

/** Names Kafka no longer knows, with what replaced them. */
export const REMOVED_BROKER_KEYS: ReadonlyMap<string, string> = new Map([
    ["port", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["host.name", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["advertised.port", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["advertised.host.name", `listeners are managed by the program: ${LISTENERS_ADVICE}`],
    ["quota.producer.default", "set default client quotas dynamically with kafka-configs --entity-type clients --entity-default"],
    ["quota.consumer.default", "set default client quotas dynamically with kafka-configs --entity-type clients --entity-default"],
]);

/** Broker keys holding whole numbers (Java int, short or long). */
export const BROKER_INTEGER_KEYS: ReadonlySet<string> = new Set(
    ROWS.filter(([, type]) => type === "int" || type === "short" || type === "long").map(([name]) => name),
);

/** Replication factors that cannot exceed the number of brokers. */
export const BROKER_REPLICATION_FACTOR_KEYS: readonly string[] = Object.freeze([
    "default.replication.factor",
    "offsets.topic.replication.factor",
    "transaction.state.log.replication.factor",
]);

/** Minimum-ISR keys and the replication factor each one must not exceed. */
export const BROKER_MIN_ISR_KEYS: ReadonlyMap<string, string> = new Map([
    ["min.insync.replicas", "default.replication.factor"],
    ["transaction.state.log.min.isr", "transaction.state.log.replication.factor"],
]);

// Prefixes whose tails are plugin- or listener-specific and so not in the table.
const PASS_THROUGH_PREFIXES: readonly string[] = ["rlmm.config.", "rsm.config.", "metrics.context."];
const LISTENER_PREFIX = "listener.name.";

/**
 * Checks one entry of `brokerProperties`. Undefined when it may be passed to
 * the brokers, otherwise a message naming the key, the value and the limit.
 */
export function checkBrokerProperty(key: string, value: unknown): string | undefined {
    const path = `brokerProperties.${JSON.stringify(key)}`;
    const owner = PROGRAM_OWNED_BROKER_KEYS.get(key);
    if (owner !== undefined) return `${path} is managed by the program: ${owner}`;
    const removed = REMOVED_BROKER_KEYS.get(key);
    if (removed !== undefined) return `${path} was removed in Kafka 3.0; ${removed}`;

    const lineBreak = lineBreakProblem(path, value);
    if (lineBreak !== undefined) return lineBreak;

    const spec = brokerConfigSpec(key) ?? prefixedSpec(key);
    if (spec === "pass-through") return undefined;
    if (spec === undefined) return unknownBrokerKeyMessage(path, key);
    return checkConfigValue(path, spec, value);
}

function lineBreakProblem(path: string, value: unknown): string | undefined {
    const text = Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : "";
    return /[\r\n]/.test(text)
        ? `${path} is ${show(value)}, which contains a line break and would inject extra lines into server.properties; put it on one line`
        : undefined;
}

/**
 * Spec for listener-scoped keys, e.g. listener.name.internal.ssl.keystore.location
 * or listener.name.sasl_ssl.plain.sasl.jaas.config (with a SASL mechanism).
 */
function prefixedSpec(key: string): ConfigSpec | "pass-through" | undefined {
    if (PASS_THROUGH_PREFIXES.some((prefix) => key.startsWith(prefix) && key.length > prefix.length)) {
        return "pass-through";
    }
    if (!key.startsWith(LISTENER_PREFIX)) return undefined;
    const [, ...rest] = key.slice(LISTENER_PREFIX.length).split(".");
    for (const tail of [rest.join("."), rest.slice(1).join(".")]) {
        const spec = brokerConfigSpec(tail);
        if (spec !== undefined && !PROGRAM_OWNED_BROKER_KEYS.has(tail)) return spec;
    }
    return undefined;
}

function unknownBrokerKeyMessage(path: string, key: string): string {
    const topicSpec = topicConfigSpec(key.trim());
    if (topicSpec !== undefined) {
        const where =
            topicSpec.brokerDefault !== undefined
                ? `the broker-wide default is ${JSON.stringify(topicSpec.brokerDefault)}`
                : "it has no broker-wide default, so set it per topic under topics.<name>.config";
        return `${path} is a topic-level config, not a Kafka 3.9 broker config; ${where}`;
    }
    const suggestion = closest(key, BROKER_CONFIG_NAMES);
    const advice =
        suggestion !== undefined
            ? `did you mean ${JSON.stringify(suggestion)}?`
            : `see ${BROKER_CONFIG_DOCS_URL} for the valid names`;
    return `${path} is not a Kafka 3.9 broker config; ${advice}`;
}

/**
 * Canonical text of a value for server.properties, normalised the way Kafka
 * parses it (pass the key for type-aware rendering: booleans lower-case,
 * lists without blanks after commas). Escaping for java.util.Properties is
 * the file writer's job. Line breaks are refused rather than escaped: one in a
 * config value is always a mistake, and written raw it starts a new property.
 */
export function renderBrokerPropertyValue(value: TopicConfigValue, key?: string): string {
    const lineBreak = lineBreakProblem(`brokerProperties.${JSON.stringify(key ?? "(value)")}`, value);
    if (lineBreak !== undefined) throw new Error(lineBreak);
    const spec = key === undefined ? undefined : brokerConfigSpec(key) ?? prefixedSpec(key);
    return renderConfigValue(value, typeof spec === "object" ? spec : { type: "string" });
}

/**
 * Numeric value of a broker property (number or numeric string), for rules
 * that compare it with the broker count. Undefined when not a finite number.
 */
export function brokerPropertyNumber(value: unknown): number | undefined {
    return topicConfigNumber(value);
}
