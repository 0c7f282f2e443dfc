import { BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck, untilBrokerInSync } from "../../lib/render/brokerHealthcheck";
import { zookeeperAnswers } from "../../lib/render/healthchecks";
import { envOf, isSecret, RecordedResource, runProgram, TYPES, uploadOf } from "./support/program";
import { parseProperties } from "./support/properties";

// The whole program under mocks: what `pulumi preview` would be asked to create.

const TOPICS = {
    orders: { partitions: 6, replicationFactor: 3, config: { "retention.ms": 604800000, "cleanup.policy": "delete" } },
    "app.logs": { partitions: 1, replicationFactor: 1 },
};

const SERVER_PROPERTIES = "/etc/kafka-cluster/server.properties";

describe("a 3-broker stack", () => {
    let run: Awaited<ReturnType<typeof runProgram>>;
    beforeAll(async () => {
        run = await runProgram({ stack: "unit", config: { brokers: 3, topics: TOPICS } });
    });

    it("declares exactly the expected resources", () => {
        const counts: Record<string, number> = {};
        for (const resource of run.resources) {
            counts[resource.type] = (counts[resource.type] ?? 0) + 1;
        }
        expect(counts).toEqual({
            "kafka-cluster:index:KafkaCluster": 1,
            "kafka-cluster:index:ClusterNetwork": 1,
            "kafka-cluster:index:ZooKeeper": 1,
            "kafka-cluster:index:KafkaBroker": 3,
            "kafka-cluster:index:KafkaUi": 1,
            "kafka-cluster:index:ClusterTopics": 1,
            "kafka-cluster:index:KafkaAdmin": 1,
            [TYPES.network]: 1,
            [TYPES.volume]: 5,
            [TYPES.image]: 3,
            // ZooKeeper, 3 brokers, kafka-ui, and the one-shot waits: ZooKeeper answering, each broker in sync.
            [TYPES.container]: 9,
            [TYPES.kafkaProvider]: 1,
            [TYPES.topic]: 2,
            // The stack's own last outputs, read to refuse partition decreases.
            "pulumi:pulumi:StackReference": 1,
        });
    });

    it("names every Docker object after the project and stack", () => {
        const dockerNames = run.resources.filter((resource) => resource.type.startsWith("docker:index/") && resource.type !== TYPES.image).map((resource) => resource.inputs.name);
        expect(dockerNames.sort()).toEqual(
            [
                "kafka-cluster-unit",
                "kafka-cluster-unit-zookeeper",
                "kafka-cluster-unit-zookeeper-answering",
                "kafka-cluster-unit-zookeeper-data",
                "kafka-cluster-unit-zookeeper-datalog",
                "kafka-cluster-unit-kafka-1",
                "kafka-cluster-unit-kafka-2",
                "kafka-cluster-unit-kafka-3",
                "kafka-cluster-unit-kafka-1-in-sync",
                "kafka-cluster-unit-kafka-2-in-sync",
                "kafka-cluster-unit-kafka-3-in-sync",
                "kafka-cluster-unit-kafka-1-data",
                "kafka-cluster-unit-kafka-2-data",
                "kafka-cluster-unit-kafka-3-data",
                "kafka-cluster-unit-kafka-ui",
            ].sort(),
        );
    });

    it("wires each broker's listeners, port and advertised addresses", () => {
        for (const id of [1, 2, 3]) {
            const broker = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}`);
            const rendered = parseProperties(uploadOf(broker, SERVER_PROPERTIES));
            expect(rendered["broker.id"]).toBe(String(id));
            expect(rendered["advertised.listeners"]).toBe(`INTERNAL://kafka-${id}:19092,EXTERNAL://127.0.0.1:${19091 + id}`);
            expect(rendered["inter.broker.listener.name"]).toBe("INTERNAL");
            expect(rendered["zookeeper.connect"]).toBe("zookeeper:2181");
            expect(broker.inputs.ports).toEqual([{ internal: 9092, external: 19091 + id, ip: "127.0.0.1", protocol: "tcp" }]);
            expect(broker.inputs.networksAdvanced).toEqual([{ name: "kafka-cluster-unit", aliases: [`kafka-${id}`], ipv4Address: `10.213.142.${10 + id}` }]);
            expect(broker.inputs.command).toEqual(["/opt/kafka/bin/kafka-server-start.sh", SERVER_PROPERTIES]);
            expect(envOf(broker, "KAFKA_HEAP_OPTS")).toBe("-Xmx512m -Xms512m");
        }
    });

    it("gives every container a fixed address on the stack's subnet, outside the range Docker hands out", () => {
        const network = run.ofType(TYPES.network)[0];
        expect(network?.inputs.ipamConfigs).toEqual([{ subnet: "10.213.142.0/24", gateway: "10.213.142.1", ipRange: "10.213.142.128/25" }]);
        const addresses = Object.fromEntries(
            run.ofType(TYPES.container)
                .filter((container) => container.inputs.restart !== "no")
                .map((container) => [container.inputs.name, container.inputs.networksAdvanced?.[0]?.ipv4Address]),
        );
        expect(addresses).toEqual({
            "kafka-cluster-unit-zookeeper": "10.213.142.2",
            "kafka-cluster-unit-kafka-ui": "10.213.142.3",
            "kafka-cluster-unit-kafka-1": "10.213.142.11",
            "kafka-cluster-unit-kafka-2": "10.213.142.12",
            "kafka-cluster-unit-kafka-3": "10.213.142.13",
        });
    });

    it("keeps every broker's log.dirs on its own named volume", () => {
        for (const id of [1, 2, 3]) {
            const broker = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}`);
            const logDirs = parseProperties(uploadOf(broker, SERVER_PROPERTIES))["log.dirs"];
            expect(broker.inputs.volumes).toEqual([{ volumeName: `kafka-cluster-unit-kafka-${id}-data`, containerPath: logDirs }]);
            run.named(TYPES.volume, `kafka-cluster-unit-kafka-${id}-data`);
        }
    });

    it("keeps ZooKeeper's snapshots and transaction log on named volumes, configured by zoo.cfg", () => {
        const zookeeper = run.named(TYPES.container, "kafka-cluster-unit-zookeeper");
        const zooCfg = parseProperties(uploadOf(zookeeper, "/conf/zoo.cfg"));
        expect(zookeeper.inputs.volumes).toEqual([
            { volumeName: "kafka-cluster-unit-zookeeper-data", containerPath: zooCfg.dataDir },
            { volumeName: "kafka-cluster-unit-zookeeper-datalog", containerPath: zooCfg.dataLogDir },
        ]);
        expect(zookeeper.inputs.ports).toBeUndefined();
        expect(zookeeper.inputs.command).toEqual(["zkServer.sh", "start-foreground"]);
    });

    it("gives every service container a healthcheck, a wait for it, a graceful stop and an unless-stopped restart", () => {
        const services = run.ofType(TYPES.container).filter((container) => container.inputs.restart !== "no");
        expect(services.map((container) => container.inputs.name).sort()).toEqual(
            ["zookeeper", "kafka-1", "kafka-2", "kafka-3", "kafka-ui"].map((service) => `kafka-cluster-unit-${service}`).sort(),
        );
        for (const container of services) {
            expect(container.inputs.healthcheck.tests.length).toBeGreaterThan(1);
            // ZooKeeper and the brokers are waited for by one-shot containers (below), which ask
            // their healthchecks' questions sooner than Docker's first check.
            const waitedForBeside = !container.inputs.name.endsWith("kafka-ui");
            expect(container.inputs.wait).toBe(!waitedForBeside);
            if (!waitedForBeside) expect(container.inputs.waitTimeout).toBeGreaterThanOrEqual(120);
            expect(container.inputs.destroyGraceSeconds).toBeGreaterThanOrEqual(30);
            expect(container.inputs.stopTimeout).toBeGreaterThanOrEqual(30);
            expect(container.inputs.restart).toBe("unless-stopped");
            expect(container.options.deleteBeforeReplace).toBe(true);
        }
    });

    it("starts brokers with ZooKeeper, and what talks to ZooKeeper only once a one-shot container saw it answer", () => {
        const zookeeper = run.named(TYPES.container, "kafka-cluster-unit-zookeeper");
        const answering = run.named(TYPES.container, "kafka-cluster-unit-zookeeper-answering");
        expect(answering.inputs.command).toEqual(["timeout", "120", "sh", "-c", `until ${zookeeperAnswers("zookeeper")}; do sleep 0.2; done`]);
        // The healthcheck asks the same question of the same server.
        expect(zookeeper.inputs.healthcheck.tests).toEqual(["CMD-SHELL", zookeeperAnswers("127.0.0.1")]);
        expect(answering.options.dependsOn).toContain(zookeeper.urn);
        // Replaced, and so run again, whenever ZooKeeper's container is.
        expect(answering.inputs.envs).toEqual([`ZOOKEEPER_CONTAINER=${zookeeper.name}-id`]);
        expect(answering.inputs).toMatchObject({ attach: true, mustRun: false, restart: "no" });
        for (const id of [1, 2, 3]) {
            const dependsOn = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}`).options.dependsOn;
            // Stopped before ZooKeeper goes, started without waiting for it to answer.
            expect(dependsOn).toContain(zookeeper.urn);
            expect(dependsOn).not.toContain(answering.urn);
        }
        expect(run.ofType(TYPES.kafkaProvider)[0]!.options.dependsOn).toContain(answering.urn);
    });

    it("waits for each broker with a one-shot container that runs its healthcheck's script against it, and starts what talks to Kafka after those", () => {
        const provider = run.ofType(TYPES.kafkaProvider)[0]!;
        for (const id of [1, 2, 3]) {
            const broker = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}`);
            const inSync = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}-in-sync`);
            expect(inSync.inputs.command).toEqual(["timeout", "300", "sh", "-c", untilBrokerInSync(`kafka-${id}`)]);
            // The same script as the broker's own healthcheck, dialling the broker instead of itself.
            expect(uploadOf(inSync, BROKER_HEALTHCHECK_PATH)).toBe(renderBrokerHealthcheck({ brokerId: id, kafkaBin: "/opt/kafka/bin", host: `kafka-${id}` }));
            expect(uploadOf(inSync, BROKER_HEALTHCHECK_PATH).replace(`kafka-${id}:19092`, "127.0.0.1:19092")).toBe(uploadOf(broker, BROKER_HEALTHCHECK_PATH));
            expect(inSync.inputs.image).toBe(broker.inputs.image);
            expect(inSync.inputs.networksAdvanced).toEqual([{ name: "kafka-cluster-unit" }]);
            // Replaced, and so run again, whenever the broker's container is.
            expect(inSync.options.dependsOn).toContain(broker.urn);
            expect(inSync.inputs.envs).toEqual([`BROKER_CONTAINER=${broker.name}-id`]);
            expect(inSync.inputs).toMatchObject({ attach: true, mustRun: false, restart: "no" });
            expect(inSync.options.deleteBeforeReplace).toBe(true);
            expect(provider.options.dependsOn).toContain(inSync.urn);
        }
    });

    it("checks each broker's health with its own uploaded script, which knows the broker's id and Kafka's bin directory", () => {
        for (const id of [1, 2, 3]) {
            const broker = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}`);
            expect(broker.inputs.healthcheck.tests).toEqual(["CMD", "sh", BROKER_HEALTHCHECK_PATH]);
            expect(uploadOf(broker, BROKER_HEALTHCHECK_PATH)).toBe(renderBrokerHealthcheck({ brokerId: id, kafkaBin: "/opt/kafka/bin" }));
        }
    });

    it("mounts the Docker socket into no container", () => {
        for (const container of run.ofType(TYPES.container)) {
            const mounts = [...(container.inputs.volumes ?? []), ...(container.inputs.mounts ?? [])];
            for (const mount of mounts) {
                expect(JSON.stringify(mount)).not.toMatch(/docker\.sock/);
                expect(mount.hostPath).toBeUndefined();
            }
        }
    });

    it("binds every published port to bindAddress", () => {
        const ports = run.ofType(TYPES.container).flatMap((container) => container.inputs.ports ?? []);
        expect(ports).toHaveLength(4);
        for (const port of ports) {
            expect(port.ip).toBe("127.0.0.1");
        }
    });

    it("pins and keeps every image", () => {
        const images = run.ofType(TYPES.image).map((image) => image.inputs);
        expect(images.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
            { name: "apache/kafka:3.9.1", keepLocally: true },
            { name: "ghcr.io/kafbat/kafka-ui:v1.5.0", keepLocally: true },
            { name: "zookeeper:3.9.4", keepLocally: true },
        ]);
    });

    it("points kafka-ui at the INTERNAL listeners, without a login in an unprotected stack", () => {
        const ui = run.named(TYPES.container, "kafka-cluster-unit-kafka-ui");
        expect(envOf(ui, "KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS")).toBe("kafka-1:19092,kafka-2:19092,kafka-3:19092");
        expect(envOf(ui, "AUTH_TYPE")).toBeUndefined();
        expect(envOf(ui, "DYNAMIC_CONFIG_ENABLED")).toBe("false");
        expect(ui.inputs.ports).toEqual([{ internal: 8080, external: 18080, ip: "127.0.0.1", protocol: "tcp" }]);
    });

    it("starts kafka-ui alongside the brokers, not after them", () => {
        const ui = run.named(TYPES.container, "kafka-cluster-unit-kafka-ui");
        expect(ui.options.dependsOn.filter((urn) => brokerContainerUrns(run.resources).includes(urn))).toEqual([]);
    });

    it("configures the Kafka provider with TLS off and the EXTERNAL listeners, after the brokers", () => {
        const [provider] = run.ofType(TYPES.kafkaProvider);
        // Explicit providers' inputs reach the mocks JSON-encoded.
        expect(provider.inputs.tlsEnabled).toBe("false");
        expect(JSON.parse(provider.inputs.bootstrapServers)).toEqual(["127.0.0.1:19092", "127.0.0.1:19093", "127.0.0.1:19094"]);
        expect(provider.options.dependsOn).toEqual(expect.arrayContaining(brokerInSyncUrns(run.resources)));
    });

    it("keeps the provider the one stacks recorded inside the topics component, by alias", () => {
        const [provider] = run.ofType(TYPES.kafkaProvider);
        expect(provider.name).toBe("kafka-admin-provider");
        expect(provider.options.aliases).toEqual(["urn:pulumi:unit::kafka-cluster::kafka-cluster:index:ClusterTopics::topics::topics-provider"]);
    });

    it("declares each topic with its explicit name through that provider", () => {
        const topics = run.ofType(TYPES.topic);
        expect(topics.map((topic) => topic.inputs)).toEqual([
            { name: "app.logs", partitions: 1, replicationFactor: 1, config: {} },
            { name: "orders", partitions: 6, replicationFactor: 3, config: { "cleanup.policy": "delete", "retention.ms": "604800000" } },
        ]);
        for (const topic of topics) {
            expect(topic.provider).toMatch(/^urn:pulumi:unit::kafka-cluster::kafka-cluster:index:KafkaAdmin\$pulumi:providers:kafka::kafka-admin-provider::/);
            expect(topic.options.protect).toBe(false);
            expect(topic.options.importId).toBe("");
        }
    });

    it("leaves topics to ZooKeeper's data volume on destroy, so kept data keeps its topics", () => {
        const metadataVolume = run.named(TYPES.volume, "kafka-cluster-unit-zookeeper-data");
        for (const topic of run.ofType(TYPES.topic)) {
            expect(topic.options.deletedWith).toBe(metadataVolume.urn);
            // Removing a topic from the config must still delete it.
            expect(topic.options.retainOnDelete).toBe(false);
        }
        expect(metadataVolume.options.retainOnDelete).toBe(true);
    });

    it("starts all brokers together in a parallel stack, each after ZooKeeper", () => {
        const zookeeperUrn = urnOf(run.resources, "kafka-zookeeper-container");
        for (const id of [1, 2, 3]) {
            const dependsOn = run.named(TYPES.container, `kafka-cluster-unit-kafka-${id}`).options.dependsOn;
            expect(dependsOn).toContain(zookeeperUrn);
            expect(dependsOn.filter((urn) => /kafka-kafka-\d+-container$/.test(urn))).toEqual([]);
        }
    });

    it("exports the endpoints, listeners, topics and network", () => {
        expect(run.outputs).toEqual({
            externalBootstrapServers: "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094",
            internalBootstrapServers: "kafka-1:19092,kafka-2:19092,kafka-3:19092",
            brokers: [1, 2, 3].map((id) => ({
                id,
                container: `kafka-cluster-unit-kafka-${id}`,
                advertisedListeners: `INTERNAL://kafka-${id}:19092,EXTERNAL://127.0.0.1:${19091 + id}`,
            })),
            kafkaUiUrl: "http://127.0.0.1:18080",
            zookeeperConnect: "zookeeper:2181",
            networkName: "kafka-cluster-unit",
            externalSecurityProtocol: "PLAINTEXT",
            topics: {
                "app.logs": { partitions: 1, replicationFactor: 1, config: {} },
                orders: { partitions: 6, replicationFactor: 3, config: { "cleanup.policy": "delete", "retention.ms": "604800000" } },
            },
        });
    });
});

describe("a protected, rolling stack", () => {
    let run: Awaited<ReturnType<typeof runProgram>>;
    beforeAll(async () => {
        run = await runProgram({
            stack: "prodlike",
            config: { brokers: 3, protect: true, brokerRollout: "rolling", topics: TOPICS },
            secrets: { uiPassword: "s3cret" },
        });
    });

    it("protects every topic and volume, and keeps topics in Kafka if they leave the stack", () => {
        for (const topic of run.ofType(TYPES.topic)) {
            expect(topic.options).toMatchObject({ protect: true, retainOnDelete: true });
        }
        for (const volume of run.ofType(TYPES.volume)) {
            expect(volume.options).toMatchObject({ protect: true, retainOnDelete: true });
        }
    });

    it("chains each broker on the previous one being in sync, so changes roll one broker at a time", () => {
        const urns = brokerInSyncUrns(run.resources);
        expect(run.named(TYPES.container, "kafka-cluster-prodlike-kafka-1").options.dependsOn).not.toEqual(expect.arrayContaining([urns[1]]));
        expect(run.named(TYPES.container, "kafka-cluster-prodlike-kafka-2").options.dependsOn).toContain(urns[0]);
        expect(run.named(TYPES.container, "kafka-cluster-prodlike-kafka-3").options.dependsOn).toContain(urns[1]);
    });

    it("puts kafka-ui behind a login form, keeping the password secret", () => {
        const ui = run.named(TYPES.container, "kafka-cluster-prodlike-kafka-ui");
        expect(envOf(ui, "AUTH_TYPE")).toBe("LOGIN_FORM");
        expect(envOf(ui, "SPRING_SECURITY_USER_NAME")).toBe("admin");
        expect(envOf(ui, "SPRING_SECURITY_USER_PASSWORD")).toBe("s3cret");
        expect(isSecret(ui.inputs.envs)).toBe(true);
    });
});

describe("a stack adopting existing topics", () => {
    it("imports every declared topic by its name and changes nothing else", async () => {
        const plain = await runProgram({ stack: "adopt", config: { topics: TOPICS } });
        const adopting = await runProgram({ stack: "adopt", config: { topics: TOPICS, adoptTopics: true } });
        expect(adopting.ofType(TYPES.topic).map((topic) => topic.options.importId)).toEqual(["app.logs", "orders"]);
        const withoutImport = (resources: RecordedResource[]) =>
            resources.map(({ urn, type, inputs, options }) => ({ urn, type, inputs, options: { ...options, importId: "" } }));
        expect(withoutImport(adopting.resources)).toEqual(withoutImport(plain.resources));
    });
});

describe("a one-broker stack", () => {
    it("works with internal topics at one replica and no UI", async () => {
        const run = await runProgram({ stack: "solo", config: { brokers: 1, uiEnabled: false, topics: { t: { partitions: 1, replicationFactor: 1 } } } });
        const broker = run.named(TYPES.container, "kafka-cluster-solo-kafka-1");
        const rendered = parseProperties(uploadOf(broker, SERVER_PROPERTIES));
        expect(rendered["offsets.topic.replication.factor"]).toBe("1");
        expect(rendered["transaction.state.log.replication.factor"]).toBe("1");
        expect(rendered["transaction.state.log.min.isr"]).toBe("1");
        expect(run.ofType(TYPES.container).map((container) => container.inputs.name).sort()).toEqual([
            "kafka-cluster-solo-kafka-1",
            "kafka-cluster-solo-kafka-1-in-sync",
            "kafka-cluster-solo-zookeeper",
            "kafka-cluster-solo-zookeeper-answering",
        ]);
        expect(run.outputs.kafkaUiUrl).toBeUndefined();
    });
});

describe("partitions already recorded by the stack", () => {
    const recordedOutputs = { topics: { orders: { partitions: 6, replicationFactor: 3, config: {} } } };

    it("refuses fewer partitions than a topic has, before any resource is declared", async () => {
        let recorded: RecordedResource[] | undefined;
        await expect(
            runProgram({ stack: "shrink", config: { topics: { orders: { partitions: 3, replicationFactor: 3 } } }, recordedOutputs }).then((run) => {
                recorded = run.resources;
            }),
        ).rejects.toThrow(
            "topics.orders.partitions is 3 but the topic already has 6; Kafka cannot remove partitions, and lowering them would delete and recreate the topic with its messages. Keep 6, or create a new topic and migrate",
        );
        expect(recorded).toBeUndefined();
    });

    it("allows the same or more partitions, and topics it has not seen", async () => {
        const run = await runProgram({
            stack: "grow",
            config: { topics: { orders: { partitions: 12, replicationFactor: 3 }, fresh: { partitions: 1, replicationFactor: 1 } } },
            recordedOutputs,
        });
        expect(run.ofType(TYPES.topic).map((topic) => [topic.inputs.name, topic.inputs.partitions])).toEqual([
            ["fresh", 1],
            ["orders", 12],
        ]);
    });
});

describe("bad config", () => {
    it("is reported as a Pulumi RunError, printed as its message without a stack trace", async () => {
        await expect(runProgram({ stack: "bad", config: { brokers: 0 } })).rejects.toMatchObject({
            __pulumiRunError: true,
            message: 'Stack "bad" has 1 configuration problem; nothing was created or changed:\n  - brokers is 0 but must be at least 1',
        });
    });

    it("fails before any resource is declared", async () => {
        let recorded: RecordedResource[] | undefined;
        await expect(
            runProgram({ stack: "bad", config: { brokers: 2, topics: { orders: { partitions: 3, replicationFactor: 3 } } } }).then((run) => {
                recorded = run.resources;
            }),
        ).rejects.toThrow("topics.orders.replicationFactor is 3 but the cluster has 2 brokers");
        expect(recorded).toBeUndefined();
    });
});

function urnOf(resources: RecordedResource[], logicalName: string): string {
    const resource = resources.find((candidate) => candidate.name === logicalName);
    if (!resource?.urn) {
        throw new Error(`no resource named ${logicalName}`);
    }
    return resource.urn;
}

/** URNs of the broker containers, in broker order. */
function brokerContainerUrns(resources: RecordedResource[]): string[] {
    return [1, 2, 3].map((id) => urnOf(resources, `kafka-kafka-${id}-container`));
}

function brokerInSyncUrns(resources: RecordedResource[]): string[] {
    return [1, 2, 3].map((id) => urnOf(resources, `kafka-kafka-${id}-in-sync`));
}

describe("an IPv6 stack", () => {
    it("brackets IPv6 hosts in bootstrap servers and the UI URL", async () => {
        const run = await runProgram({ stack: "six", config: { advertisedHost: "::1", bindAddress: "::1", brokers: 1, topics: {} } });
        expect(run.outputs.externalBootstrapServers).toBe("[::1]:19092");
        expect(run.outputs.kafkaUiUrl).toBe("http://[::1]:18080");
    });
});

describe("config the program would otherwise ignore", () => {
    it("refuses a UI password stored in plain text and a key under the Kafka provider's namespace", async () => {
        await expect(
            runProgram({ stack: "plain", config: { uiPassword: "hunter2", topics: {} }, otherConfig: { "kafka:brokers": "5" } }),
        ).rejects.toMatchObject({
            message: expect.stringContaining(
                "kafka:brokers is set under the namespace kafka, but this program reads kafka-cluster:brokers; run: pulumi config rm kafka:brokers --stack plain, then pulumi config set brokers <value> --stack plain\n" +
                    "  - uiPassword is stored in plain text in Pulumi.plain.yaml; store it encrypted: pulumi config set --secret uiPassword <value> --stack plain",
            ),
        });
    });
});
