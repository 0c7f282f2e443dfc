import {
    BROKER_CONFIG_KEYS,
    BROKER_INTEGER_KEYS,
    BROKER_MIN_ISR_KEYS,
    BROKER_REPLICATION_FACTOR_KEYS,
    brokerConfigSpec,
    brokerPropertyNumber,
    checkBrokerProperty,
    PROGRAM_OWNED_BROKER_KEYS,
    REMOVED_BROKER_KEYS,
    renderBrokerPropertyValue,
} from "../../lib/brokerConfigCatalog";

const path = (key: string): string => `brokerProperties.${JSON.stringify(key)}`;

describe("broker config catalogue", () => {
    it("holds exactly the public broker configs of Kafka 3.9", () => {
        // Copied from the Kafka 3.9 docs table generated from KafkaConfig:
        // apache/kafka-site 39/generated/kafka_config.html @ 18811ad33e85dccefcb13d71b9a9d25ec3730bf3
        const kafka39BrokerConfigs = [
        "advertised.listeners", "alter.config.policy.class.name", "alter.config.policy.kraft.compatibility.enable",
        "alter.log.dirs.replication.quota.window.num", "alter.log.dirs.replication.quota.window.size.seconds",
        "authorizer.class.name", "auto.create.topics.enable", "auto.include.jmx.reporter",
        "auto.leader.rebalance.enable", "background.threads", "broker.heartbeat.interval.ms", "broker.id",
        "broker.id.generation.enable", "broker.rack", "broker.session.timeout.ms", "client.quota.callback.class",
        "compression.gzip.level", "compression.lz4.level", "compression.type", "compression.zstd.level",
        "connection.failed.authentication.delay.ms", "connections.max.idle.ms", "connections.max.reauth.ms",
        "control.plane.listener.name", "controlled.shutdown.enable", "controlled.shutdown.max.retries",
        "controlled.shutdown.retry.backoff.ms", "controller.listener.names", "controller.quorum.append.linger.ms",
        "controller.quorum.bootstrap.servers", "controller.quorum.election.backoff.max.ms",
        "controller.quorum.election.timeout.ms", "controller.quorum.fetch.timeout.ms",
        "controller.quorum.request.timeout.ms", "controller.quorum.retry.backoff.ms", "controller.quorum.voters",
        "controller.quota.window.num", "controller.quota.window.size.seconds", "controller.socket.timeout.ms",
        "create.topic.policy.class.name", "default.replication.factor", "delegation.token.expiry.check.interval.ms",
        "delegation.token.expiry.time.ms", "delegation.token.master.key", "delegation.token.max.lifetime.ms",
        "delegation.token.secret.key", "delete.records.purgatory.purge.interval.requests", "delete.topic.enable",
        "early.start.listeners", "eligible.leader.replicas.enable", "fetch.max.bytes",
        "fetch.purgatory.purge.interval.requests", "group.consumer.assignors", "group.consumer.heartbeat.interval.ms",
        "group.consumer.max.heartbeat.interval.ms", "group.consumer.max.session.timeout.ms", "group.consumer.max.size",
        "group.consumer.min.heartbeat.interval.ms", "group.consumer.min.session.timeout.ms",
        "group.consumer.session.timeout.ms", "group.coordinator.append.linger.ms",
        "group.coordinator.rebalance.protocols", "group.coordinator.threads", "group.initial.rebalance.delay.ms",
        "group.max.session.timeout.ms", "group.max.size", "group.min.session.timeout.ms",
        "group.share.delivery.count.limit", "group.share.heartbeat.interval.ms", "group.share.max.groups",
        "group.share.max.heartbeat.interval.ms", "group.share.max.record.lock.duration.ms",
        "group.share.max.session.timeout.ms", "group.share.max.size", "group.share.min.heartbeat.interval.ms",
        "group.share.min.record.lock.duration.ms", "group.share.min.session.timeout.ms",
        "group.share.partition.max.record.locks", "group.share.record.lock.duration.ms",
        "group.share.session.timeout.ms", "initial.broker.registration.timeout.ms", "inter.broker.listener.name",
        "inter.broker.protocol.version", "kafka.metrics.polling.interval.secs", "kafka.metrics.reporters",
        "leader.imbalance.check.interval.seconds", "leader.imbalance.per.broker.percentage",
        "listener.security.protocol.map", "listeners", "log.cleaner.backoff.ms", "log.cleaner.dedupe.buffer.size",
        "log.cleaner.delete.retention.ms", "log.cleaner.enable", "log.cleaner.io.buffer.load.factor",
        "log.cleaner.io.buffer.size", "log.cleaner.io.max.bytes.per.second", "log.cleaner.max.compaction.lag.ms",
        "log.cleaner.min.cleanable.ratio", "log.cleaner.min.compaction.lag.ms", "log.cleaner.threads",
        "log.cleanup.policy", "log.dir", "log.dir.failure.timeout.ms", "log.dirs", "log.flush.interval.messages",
        "log.flush.interval.ms", "log.flush.offset.checkpoint.interval.ms", "log.flush.scheduler.interval.ms",
        "log.flush.start.offset.checkpoint.interval.ms", "log.index.interval.bytes", "log.index.size.max.bytes",
        "log.local.retention.bytes", "log.local.retention.ms", "log.message.downconversion.enable",
        "log.message.format.version", "log.message.timestamp.after.max.ms", "log.message.timestamp.before.max.ms",
        "log.message.timestamp.difference.max.ms", "log.message.timestamp.type", "log.preallocate",
        "log.retention.bytes", "log.retention.check.interval.ms", "log.retention.hours", "log.retention.minutes",
        "log.retention.ms", "log.roll.hours", "log.roll.jitter.hours", "log.roll.jitter.ms", "log.roll.ms",
        "log.segment.bytes", "log.segment.delete.delay.ms", "max.connection.creation.rate", "max.connections",
        "max.connections.per.ip", "max.connections.per.ip.overrides", "max.incremental.fetch.session.cache.slots",
        "max.request.partition.size.limit", "message.max.bytes", "metadata.log.dir",
        "metadata.log.max.record.bytes.between.snapshots", "metadata.log.max.snapshot.interval.ms",
        "metadata.log.segment.bytes", "metadata.log.segment.ms", "metadata.max.idle.interval.ms",
        "metadata.max.retention.bytes", "metadata.max.retention.ms", "metric.reporters", "metrics.num.samples",
        "metrics.recording.level", "metrics.sample.window.ms", "min.insync.replicas", "node.id", "num.io.threads",
        "num.network.threads", "num.partitions", "num.recovery.threads.per.data.dir",
        "num.replica.alter.log.dirs.threads", "num.replica.fetchers", "offset.metadata.max.bytes",
        "offsets.commit.required.acks", "offsets.commit.timeout.ms", "offsets.load.buffer.size",
        "offsets.retention.check.interval.ms", "offsets.retention.minutes", "offsets.topic.compression.codec",
        "offsets.topic.num.partitions", "offsets.topic.replication.factor", "offsets.topic.segment.bytes",
        "password.encoder.cipher.algorithm", "password.encoder.iterations", "password.encoder.key.length",
        "password.encoder.keyfactory.algorithm", "password.encoder.old.secret", "password.encoder.secret",
        "principal.builder.class", "process.roles", "producer.id.expiration.ms",
        "producer.purgatory.purge.interval.requests", "queued.max.request.bytes", "queued.max.requests",
        "quota.window.num", "quota.window.size.seconds", "remote.fetch.max.wait.ms",
        "remote.log.index.file.cache.total.size.bytes", "remote.log.manager.copier.thread.pool.size",
        "remote.log.manager.copy.max.bytes.per.second", "remote.log.manager.copy.quota.window.num",
        "remote.log.manager.copy.quota.window.size.seconds", "remote.log.manager.expiration.thread.pool.size",
        "remote.log.manager.fetch.max.bytes.per.second", "remote.log.manager.fetch.quota.window.num",
        "remote.log.manager.fetch.quota.window.size.seconds", "remote.log.manager.task.interval.ms",
        "remote.log.manager.thread.pool.size", "remote.log.metadata.custom.metadata.max.bytes",
        "remote.log.metadata.manager.class.name", "remote.log.metadata.manager.class.path",
        "remote.log.metadata.manager.impl.prefix", "remote.log.metadata.manager.listener.name",
        "remote.log.reader.max.pending.tasks", "remote.log.reader.threads", "remote.log.storage.manager.class.name",
        "remote.log.storage.manager.class.path", "remote.log.storage.manager.impl.prefix",
        "remote.log.storage.system.enable", "replica.fetch.backoff.ms", "replica.fetch.max.bytes",
        "replica.fetch.min.bytes", "replica.fetch.response.max.bytes", "replica.fetch.wait.max.ms",
        "replica.high.watermark.checkpoint.interval.ms", "replica.lag.time.max.ms", "replica.selector.class",
        "replica.socket.receive.buffer.bytes", "replica.socket.timeout.ms", "replication.quota.window.num",
        "replication.quota.window.size.seconds", "request.timeout.ms", "reserved.broker.max.id",
        "sasl.client.callback.handler.class", "sasl.enabled.mechanisms", "sasl.jaas.config", "sasl.kerberos.kinit.cmd",
        "sasl.kerberos.min.time.before.relogin", "sasl.kerberos.principal.to.local.rules", "sasl.kerberos.service.name",
        "sasl.kerberos.ticket.renew.jitter", "sasl.kerberos.ticket.renew.window.factor",
        "sasl.login.callback.handler.class", "sasl.login.class", "sasl.login.connect.timeout.ms",
        "sasl.login.read.timeout.ms", "sasl.login.refresh.buffer.seconds", "sasl.login.refresh.min.period.seconds",
        "sasl.login.refresh.window.factor", "sasl.login.refresh.window.jitter", "sasl.login.retry.backoff.max.ms",
        "sasl.login.retry.backoff.ms", "sasl.mechanism.controller.protocol", "sasl.mechanism.inter.broker.protocol",
        "sasl.oauthbearer.clock.skew.seconds", "sasl.oauthbearer.expected.audience", "sasl.oauthbearer.expected.issuer",
        "sasl.oauthbearer.jwks.endpoint.refresh.ms", "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms",
        "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", "sasl.oauthbearer.jwks.endpoint.url",
        "sasl.oauthbearer.scope.claim.name", "sasl.oauthbearer.sub.claim.name", "sasl.oauthbearer.token.endpoint.url",
        "sasl.server.callback.handler.class", "sasl.server.max.receive.size", "security.inter.broker.protocol",
        "security.providers", "socket.connection.setup.timeout.max.ms", "socket.connection.setup.timeout.ms",
        "socket.listen.backlog.size", "socket.receive.buffer.bytes", "socket.request.max.bytes",
        "socket.send.buffer.bytes", "ssl.allow.dn.changes", "ssl.allow.san.changes", "ssl.cipher.suites",
        "ssl.client.auth", "ssl.enabled.protocols", "ssl.endpoint.identification.algorithm", "ssl.engine.factory.class",
        "ssl.key.password", "ssl.keymanager.algorithm", "ssl.keystore.certificate.chain", "ssl.keystore.key",
        "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.principal.mapping.rules",
        "ssl.protocol", "ssl.provider", "ssl.secure.random.implementation", "ssl.trustmanager.algorithm",
        "ssl.truststore.certificates", "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
        "telemetry.max.bytes", "transaction.abort.timed.out.transaction.cleanup.interval.ms",
        "transaction.max.timeout.ms", "transaction.partition.verification.enable",
        "transaction.remove.expired.transaction.cleanup.interval.ms", "transaction.state.log.load.buffer.size",
        "transaction.state.log.min.isr", "transaction.state.log.num.partitions",
        "transaction.state.log.replication.factor", "transaction.state.log.segment.bytes",
        "transactional.id.expiration.ms", "unclean.leader.election.enable", "zookeeper.clientCnxnSocket",
        "zookeeper.connect", "zookeeper.connection.timeout.ms", "zookeeper.max.in.flight.requests",
        "zookeeper.metadata.migration.enable", "zookeeper.session.timeout.ms", "zookeeper.set.acl",
        "zookeeper.ssl.cipher.suites", "zookeeper.ssl.client.enable", "zookeeper.ssl.crl.enable",
        "zookeeper.ssl.enabled.protocols", "zookeeper.ssl.endpoint.identification.algorithm",
        "zookeeper.ssl.keystore.location", "zookeeper.ssl.keystore.password", "zookeeper.ssl.keystore.type",
        "zookeeper.ssl.ocsp.enable", "zookeeper.ssl.protocol", "zookeeper.ssl.truststore.location",
        "zookeeper.ssl.truststore.password", "zookeeper.ssl.truststore.type",
        ];
        expect(Object.keys(BROKER_CONFIG_KEYS).sort()).toEqual(kafka39BrokerConfigs);
        expect(kafka39BrokerConfigs).toHaveLength(315);
    });

    it("records the limits of the settings other rules depend on", () => {
        expect(brokerConfigSpec("num.partitions")).toMatchObject({ type: "int", min: 1 });
        expect(brokerConfigSpec("offsets.topic.replication.factor")).toMatchObject({ type: "short", min: 1 });
        expect(brokerConfigSpec("transaction.state.log.min.isr")).toMatchObject({ type: "int", min: 1 });
        expect(brokerConfigSpec("message.max.bytes")).toMatchObject({ type: "int", min: 0 });
        expect(brokerConfigSpec("log.segment.bytes")).toMatchObject({ type: "int", min: 14 });
        expect(brokerConfigSpec("unclean.leader.election.enable")).toMatchObject({ type: "boolean" });
        expect(brokerConfigSpec("constructor")).toBeUndefined();
    });

    it("owns the identity, listener, storage and topic-creation keys", () => {
        for (const key of [
            "broker.id", "node.id", "zookeeper.connect", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "inter.broker.listener.name", "log.dirs", "log.dir", "process.roles",
            "controller.quorum.voters", "controller.listener.names", "auto.create.topics.enable",
        ]) {
            expect({ key, owned: PROGRAM_OWNED_BROKER_KEYS.has(key) }).toEqual({ key, owned: true });
        }
        // Owned keys are real 3.9 configs; removed ones are not.
        for (const key of PROGRAM_OWNED_BROKER_KEYS.keys()) expect(brokerConfigSpec(key)).toBeDefined();
        for (const key of REMOVED_BROKER_KEYS.keys()) expect(brokerConfigSpec(key)).toBeUndefined();
    });

    it("exposes the integer keys that rules compare with the broker count", () => {
        expect(BROKER_INTEGER_KEYS.has("default.replication.factor")).toBe(true);
        expect(BROKER_INTEGER_KEYS.has("log.retention.ms")).toBe(true);
        expect(BROKER_INTEGER_KEYS.has("unclean.leader.election.enable")).toBe(false);
        for (const key of BROKER_REPLICATION_FACTOR_KEYS) expect(BROKER_INTEGER_KEYS.has(key)).toBe(true);
        for (const [minIsr, factor] of BROKER_MIN_ISR_KEYS) {
            expect([BROKER_INTEGER_KEYS.has(minIsr), BROKER_REPLICATION_FACTOR_KEYS.includes(factor)]).toEqual([true, true]);
        }
    });
});

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
        ["default.replication.factor", 0, `${path("default.replication.factor")} is 0 but must be at least 1 (replicas)`],
        ["min.insync.replicas", "0", `${path("min.insync.replicas")} is "0" but must be at least 1 (replicas)`],
        [
            "offsets.topic.replication.factor",
            40000,
            `${path("offsets.topic.replication.factor")} is 40000 but must be at most 32767, the Java short limit`,
        ],
        [
            "transaction.state.log.replication.factor",
            "3.5",
            `${path("transaction.state.log.replication.factor")} is "3.5" but must be an integer (replicas)`,
        ],
        ["transaction.state.log.min.isr", 0, `${path("transaction.state.log.min.isr")} is 0 but must be at least 1 (replicas)`],
        [
            "log.retention.ms",
            -2,
            `${path("log.retention.ms")} is -2 but must be at least -1 (milliseconds, -1 for unlimited)`,
        ],
        [
            "log.retention.hours",
            "a week",
            `${path("log.retention.hours")} is "a week" but must be an integer (hours, -1 for unlimited)`,
        ],
        [
            "log.retention.bytes",
            1.5,
            `${path("log.retention.bytes")} is 1.5 but must be an integer (bytes per partition, -1 for unlimited)`,
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
            `${path("log.cleanup.policy")} is "compacted" but must be one of delete, compact (comma-separated for both)`,
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

describe("brokerPropertyNumber", () => {
    it("reads numbers and numeric strings", () => {
        expect(brokerPropertyNumber("3")).toBe(3);
        expect(brokerPropertyNumber(2)).toBe(2);
        expect(brokerPropertyNumber("three")).toBeUndefined();
    });
});
