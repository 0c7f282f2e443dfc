import * as pulumi from "@pulumi/pulumi";
import type { BrokerRollout } from "../config";
import { publishedUrlHost } from "../lib/config/addressWiring";
import { kraftClusterId } from "../lib/render/controllerQuorum";
import { bootstrapBrokerIds, brokerIds, brokerListeners } from "../lib/render/listeners";
import { DockerNames, dockerLabels, dockerNames } from "../lib/render/names";
import { StackAddresses, stackAddresses } from "../lib/render/networkAddresses";
import { MetadataQuorum, renderServerProperties } from "../lib/render/serverProperties";
import { ClusterNetwork } from "./clusterNetwork";
import { clusterOnHosts, HostedClusterArgs } from "./clusterOnHosts";
import { isIpAddress } from "../lib/config/addressWiring";
import type { SecuritySpec } from "../lib/config/securityConfig";
import {
    ADMIN_CLIENT_PROPERTIES_PATH,
    BROKER_JAAS_PATH,
    BROKER_KEYSTORE_PATH,
    brokerJvmOptions,
    CONTROLLER_JAAS_PATH,
    CONTROLLER_MECHANISM,
    controllerJvmOptions,
    FORMAT_SCRAM_PATH,
    formatScramArgument,
    INTER_BROKER_USERNAME,
    listenerProtocols,
    renderAdminClientProperties,
    renderControllerJaas,
    renderControllerLoginJaas,
    renderFormatScram,
    renderScramJaas,
} from "../lib/render/security";
import { BrokerCertificates } from "./brokerCertificates";
import { ControllerCredential, InterBrokerCredential } from "./interBrokerCredential";
import { ScramBootstrap, ScramBootstrapTarget } from "./scramBootstrap";
import { pinnedImage } from "./containerSettings";
import { brokerStartAfter, KafkaBroker } from "./kafkaBroker";
import { KafkaUi } from "./kafkaUi";
import { controllerQuorum } from "./kraftController";
import { ZooKeeper } from "./zookeeper";
import { KraftMigration, phaseLayout } from "../lib/config/kraftMigration";
import type { StorageFormat } from "../lib/render/kafkaStartCommand";

export interface BrokerSetArgs {
    /** How many brokers, ids 1..count. */
    readonly count: number;
    /** A pinned image holding a Kafka distribution at `kafkaHome`. */
    readonly image: string;
    /** JVM heap of each broker, in MiB. */
    readonly heapMb: number;
    /** Where the image keeps its Kafka distribution (bin/kafka-server-start.sh). */
    readonly kafkaHome: string;
    /** Extra server.properties under Kafka's own names, already validated. */
    readonly properties: Readonly<Record<string, string>>;
    /**
     * parallel: a change replaces every broker at once; rolling: one at a time,
     * each healthy and in sync before the next.
     * @default "parallel"
     */
    readonly rollout?: BrokerRollout;
}

export interface KafkaUiSettings {
    readonly enabled: boolean;
    readonly image: string;
    /** Host port of the UI, published on `bindAddress`. */
    readonly port: number;
    readonly readOnly: boolean;
    /** The login form; absent means no login. */
    readonly login?: { readonly username: string; readonly password: pulumi.Input<string> };
}

export interface KafkaClusterArgs {
    /** Every Docker name and label carries the project and stack, so stacks share a host. */
    readonly project: string;
    readonly stack: string;
    /** IPv4 subnet (CIDR) of the stack's network, where every container has a fixed address. */
    readonly networkSubnet: string;
    /** What clients outside Docker dial; advertised in every broker's EXTERNAL listener. */
    readonly advertisedHost: string;
    /** Host address every published port binds to. */
    readonly bindAddress: string;
    /** Host port of broker 1's EXTERNAL listener; broker i gets externalPortBase + i - 1. */
    readonly externalPortBase: number;
    readonly brokers: BrokerSetArgs;
    /**
     * Where the cluster keeps its metadata: one ZooKeeper, or a quorum of KRaft controllers.
     * @default { mode: "zookeeper" }
     */
    readonly metadata?: MetadataQuorum;
    /** Used in ZooKeeper mode only. */
    readonly zookeeper: { readonly image: string };
    /**
     * KRaft mode, or a migration past its first phase: the stack already runs its
     * controllers, so a change replaces them one at a time, each caught up before the
     * next. On a cold start they start together instead: none can be caught up before
     * a majority of them runs.
     * @default false
     */
    readonly controllersRunning?: boolean;
    readonly ui: KafkaUiSettings;
    /**
     * Protect the data volumes: deleting or replacing them fails instead.
     * @default false
     */
    readonly protect?: boolean;
    /**
     * Keep the data volumes, with the topics and messages in them, when the stack is destroyed.
     * @default true
     */
    readonly keepDataOnDestroy?: boolean;
    /** The Docker hosts to spread over; absent, everything runs on the default provider's engine. */
    readonly hosts?: HostedClusterArgs;
    /**
     * SASL/SCRAM on both listeners, ACLs, TLS on EXTERNAL (stack config `security`).
     * @default none (every listener PLAINTEXT)
     */
    readonly security?: SecuritySpec;
}

export interface BrokerSummary {
    id: number;
    container: string;
    advertisedListeners: string;
    /** The Docker host it runs on, when the stack spans hosts. */
    host?: string;
}

/** ZooKeeper or a KRaft controller quorum, N brokers and kafka-ui on one Docker network of their own. */
export class KafkaCluster extends pulumi.ComponentResource {
    /** EXTERNAL listeners: for clients outside Docker, on this host or another machine. */
    public readonly externalBootstrapServers: string;
    /** INTERNAL listeners: for containers on the stack's network. */
    public readonly internalBootstrapServers: string;
    /** INTERNAL addresses of the first brokers: what containers on the network bootstrap from. */
    public readonly networkBootstrapServers: string[];
    /** Addresses the Kafka provider and other out-of-Docker clients bootstrap from. */
    public readonly providerBootstrapServers: string[];
    public readonly brokers: BrokerSummary[];
    /** ZooKeeper mode: `host:port` of ZooKeeper on the stack's network (every node's, spread over hosts). */
    public readonly zookeeperConnect: string | undefined;
    /** KRaft mode: the controller quorum as brokers are told about it (controller.quorum.voters). */
    public readonly controllerQuorumVoters: string | undefined;
    public readonly kafkaUiUrl: string | undefined;
    public readonly networkName: pulumi.Output<string>;
    /** Done once every broker answered and was in sync; anything that talks to Kafka starts after these. */
    public readonly brokersReady: pulumi.Resource[];
    /** Where topics are recorded (ZooKeeper's data volume, or the first controller's metadata log); a topic exists exactly as long as it does. */
    public readonly topicMetadata: pulumi.Resource;
    /** Which host runs what, when the stack spans hosts: recorded, so the next run keeps it. */
    public readonly placement?: ReturnType<typeof clusterOnHosts>["placement"];
    /** What EXTERNAL speaks: PLAINTEXT, SASL_PLAINTEXT or SASL_SSL. */
    public readonly externalSecurityProtocol: string;
    /** The CA clients trust for SASL_SSL on EXTERNAL; undefined without TLS. */
    public readonly caCertPem: pulumi.Output<string> | undefined;
    /**
     * The brokers' own super user's password (INTER_BROKER_USERNAME), secret;
     * undefined without security. Only the access inventory uses it outside the brokers.
     */
    public readonly brokerPassword?: pulumi.Output<string>;

    constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaCluster", name, {}, opts);
        if (args.hosts) {
            const spread = clusterOnHosts(this, name, args, args.hosts);
            ({
                externalBootstrapServers: this.externalBootstrapServers,
                internalBootstrapServers: this.internalBootstrapServers,
                networkBootstrapServers: this.networkBootstrapServers,
                providerBootstrapServers: this.providerBootstrapServers,
                brokers: this.brokers,
                zookeeperConnect: this.zookeeperConnect,
                controllerQuorumVoters: this.controllerQuorumVoters,
                kafkaUiUrl: this.kafkaUiUrl,
                networkName: this.networkName,
                brokersReady: this.brokersReady,
                topicMetadata: this.topicMetadata,
                placement: this.placement,
            } = spread);
            // Spread over hosts the stack is unsecured (config refuses security with hosts).
            this.externalSecurityProtocol = listenerProtocols(undefined).EXTERNAL;
            this.registerOutputs({ externalBootstrapServers: this.externalBootstrapServers, internalBootstrapServers: this.internalBootstrapServers, kafkaUiUrl: this.kafkaUiUrl });
            return;
        }
        const names = dockerNames(args.project, args.stack);
        const addresses = stackAddresses(args.networkSubnet);
        const network = new ClusterNetwork(`${name}-network`, { networkName: names.network, stack: args.stack, addresses }, { parent: this });
        const data = { protect: args.protect ?? false, keepDataOnDestroy: args.keepDataOnDestroy ?? true };

        const metadata = args.metadata ?? { mode: "zookeeper" };
        const brokerImage = pinnedImage(`${name}-broker-image`, args.brokers.image, this);
        const security = args.security;
        const brokerPassword = security && new InterBrokerCredential(`${name}-inter-broker-credential`, { parent: this }).password;
        // KRaft mode only: ZooKeeper-mode stacks have no CONTROLLER listener (and a migrating one is unsecured).
        const controllerPassword = security && metadata.mode === "kraft" ? new ControllerCredential(`${name}-controller-credential`, { parent: this }).password : undefined;
        const quorumArgs = { ...args, imageId: brokerImage.imageId, names, addresses, networkName: network.name, data, brokerPassword, controllerPassword };
        const quorum =
            metadata.mode === "kraft"
                ? this.controllerQuorum(name, { ...quorumArgs, controllerCount: metadata.controllerCount, storageFormat: { clusterId: kraftClusterId(args.project, args.stack) } })
                : metadata.migration
                  ? this.migratingQuorum(name, quorumArgs, metadata.migration)
                  : this.zooKeeper(name, quorumArgs);
        const listeners = brokerIds(args.brokers.count).map((id) => brokerListeners(id, args));
        const certificates =
            security?.tls &&
            new BrokerCertificates(
                `${name}-tls`,
                {
                    caCommonName: `${names.prefix} CA`,
                    providedCa: security.tls.ca && { certPem: security.tls.ca.certPem, keyPem: pulumi.secret(security.tls.ca.keyPem) },
                    rotation: security.tls.rotation,
                    // The INTERNAL alias and the advertised host: hostname verification holds on both.
                    brokers: listeners.map((broker) => ({
                        id: broker.brokerId,
                        dnsNames: [broker.alias, ...(isIpAddress(args.advertisedHost) ? [] : [args.advertisedHost])],
                        ipAddresses: isIpAddress(args.advertisedHost) ? [args.advertisedHost] : [],
                    })),
                },
                { parent: this },
            );
        const scramBootstrap = (target: ScramBootstrapTarget) =>
            security &&
            brokerPassword &&
            new ScramBootstrap(
                `${name}-scram-bootstrap`,
                {
                    containerName: `${names.prefix}-scram-bootstrap`,
                    imageId: brokerImage.imageId,
                    kafkaHome: args.brokers.kafkaHome,
                    adminUsername: security.adminUsername,
                    adminPassword: pulumi.secret(security.adminPassword),
                    brokerPassword,
                    networkName: network.name,
                    labels: dockerLabels(args.stack, "scram-bootstrap"),
                    target,
                },
                { parent: this },
            );
        // ZooKeeper mode writes both credentials before any broker starts; KRaft mode's
        // controllers format the brokers' in, and the admin's is written once brokers run.
        const credentialsFirst = metadata.mode === "zookeeper" ? scramBootstrap({ kind: "zookeeper", zookeeper: quorum.answering[0]! }) : undefined;
        const brokerSecurity = (brokerId: number) =>
            security &&
            brokerPassword && {
                files: [
                    // The brokers' own login, not the admin's: rotating the admin's password replaces no broker.
                    // In KRaft mode, also their login on the controllers' CONTROLLER listener.
                    {
                        file: BROKER_JAAS_PATH,
                        content: pulumi.secret(
                            pulumi
                                .all([brokerPassword, controllerPassword])
                                .apply(([password, controllerLogin]) => renderScramJaas(["KafkaServer", "KafkaClient"], INTER_BROKER_USERNAME, password) + (controllerLogin === undefined ? "" : renderControllerLoginJaas(controllerLogin))),
                        ),
                    },
                    ...(certificates ? [{ file: BROKER_KEYSTORE_PATH, content: certificates.keystores.get(brokerId) ?? "" }] : []),
                ],
                kafkaOpts: brokerJvmOptions(),
                clientPropertiesPath: ADMIN_CLIENT_PROPERTIES_PATH,
                clientProperties: renderAdminClientProperties(),
                checkLogin: { file: BROKER_JAAS_PATH, content: pulumi.secret(brokerPassword.apply((password) => renderScramJaas(["KafkaClient"], INTER_BROKER_USERNAME, password))) },
            };
        const startFirst = [...quorum.containers, ...(credentialsFirst ? [credentialsFirst.container] : [])];
        const brokers: KafkaBroker[] = [];
        for (const broker of listeners) {
            const previous = brokers[brokers.length - 1];
            brokers.push(
                new KafkaBroker(
                    `${name}-kafka-${broker.brokerId}`,
                    {
                        listeners: broker,
                        containerName: names.broker(broker.brokerId),
                        dataVolumeName: names.brokerDataVolume(broker.brokerId),
                        imageId: brokerImage.imageId,
                        kafkaHome: args.brokers.kafkaHome,
                        heapMb: args.brokers.heapMb,
                        serverProperties: renderServerProperties({
                            listeners: broker,
                            metadata: args.metadata,
                            brokerCount: args.brokers.count,
                            userProperties: args.brokers.properties,
                            security: security && { adminUsername: security.adminUsername, externalTls: security.tls !== undefined },
                        }),
                        storageFormat: quorum.brokerStorageFormat,
                        security: brokerSecurity(broker.brokerId),
                        bindAddress: args.bindAddress,
                        networkName: network.name,
                        ipv4Address: addresses.broker(broker.brokerId),
                        labels: dockerLabels(args.stack, "broker", { "broker-id": String(broker.brokerId) }),
                        ...data,
                        // Brokers change only after every controller has (KRaft), and after
                        // the admin's credential is in ZooKeeper (secured stacks).
                        startAfter: brokerStartAfter(args.brokers.rollout, startFirst, previous),
                    },
                    { parent: this },
                ),
            );
        }
        const adminThroughBrokers =
            metadata.mode === "kraft" ? scramBootstrap({ kind: "brokers", bootstrapServers: listeners.map((broker) => broker.internalAddress).join(","), brokers: brokers.map((broker) => broker.inSync) }) : undefined;
        // What talks to Kafka starts after these; as the admin, only once the admin's credential exists.
        this.brokersReady = [...quorum.answering, ...brokers.map((broker) => broker.inSync), ...(adminThroughBrokers ? [adminThroughBrokers.container] : [])];
        this.topicMetadata = quorum.metadataVolume;

        const bootstrap = bootstrapBrokerIds(args.brokers.count).map((id) => listeners[id - 1]);
        this.externalBootstrapServers = listeners.map((broker) => broker.externalAddress).join(",");
        this.internalBootstrapServers = listeners.map((broker) => broker.internalAddress).join(",");
        this.providerBootstrapServers = bootstrap.map((broker) => broker.externalAddress);
        this.networkBootstrapServers = bootstrap.map((broker) => broker.internalAddress);
        this.brokers = listeners.map((broker) => ({
            id: broker.brokerId,
            container: names.broker(broker.brokerId),
            advertisedListeners: broker.advertisedListeners,
        }));
        this.zookeeperConnect = quorum.zookeeperConnect;
        this.controllerQuorumVoters = quorum.controllerQuorumVoters;
        this.externalSecurityProtocol = listenerProtocols(security && { adminUsername: security.adminUsername, externalTls: security.tls !== undefined }).EXTERNAL;
        this.caCertPem = certificates?.caCertPem;
        this.brokerPassword = brokerPassword;
        const uiUser = security?.users.find((user) => user.name === security.uiUser);
        this.networkName = network.name;

        if (args.ui.enabled) {
            // Not after the brokers: kafka-ui keeps retrying its bootstrap servers, so
            // it starts alongside them and a cold up waits for the slower of the two.
            new KafkaUi(
                `${name}-ui`,
                {
                    containerName: names.ui,
                    image: args.ui.image,
                    clusterName: names.prefix,
                    bootstrapServers: this.networkBootstrapServers,
                    bindAddress: args.bindAddress,
                    hostPort: args.ui.port,
                    readOnly: args.ui.readOnly,
                    login: args.ui.login,
                    networkName: network.name,
                    ipv4Address: addresses.ui,
                    labels: dockerLabels(args.stack, "ui"),
                    sasl: uiUser && { mechanism: uiUser.mechanism, jaas: pulumi.secret(renderScramJaas(["KafkaClient"], uiUser.name, uiUser.password)) },
                },
                { parent: this },
            );
            this.kafkaUiUrl = `http://${publishedUrlHost(args)}:${args.ui.port}`;
        }
        this.registerOutputs({
            externalBootstrapServers: this.externalBootstrapServers,
            internalBootstrapServers: this.internalBootstrapServers,
            kafkaUiUrl: this.kafkaUiUrl,
            networkName: this.networkName,
        });
    }

    private zooKeeper(name: string, args: QuorumArgs, running = true): MetadataService & { connectString: string } {
        const zookeeper = new ZooKeeper(
            `${name}-zookeeper`,
            {
                containerName: args.names.zookeeper,
                dataVolumeName: args.names.zookeeperDataVolume,
                datalogVolumeName: args.names.zookeeperDatalogVolume,
                image: args.zookeeper.image,
                networkName: args.networkName,
                ipv4Address: args.addresses.zookeeper,
                labels: dockerLabels(args.stack, "zookeeper"),
                ...args.data,
                running,
            },
            { parent: this },
        );
        return {
            connectString: zookeeper.connectString,
            containers: zookeeper.container ? [zookeeper.container] : [],
            answering: zookeeper.answering ? [zookeeper.answering] : [],
            metadataVolume: zookeeper.metadataVolume,
            zookeeperConnect: running ? zookeeper.connectString : undefined,
        };
    }

    /**
     * A ZooKeeper stack on its way to KRaft (lib/config/kraftMigration.ts): what
     * runs in each phase. The controllers take the cluster id from ZooKeeper, so
     * they start after it; the brokers start after both. Topics stay with
     * ZooKeeper's data volume, which the stack keeps declared to the end.
     */
    private migratingQuorum(name: string, args: QuorumArgs, migration: KraftMigration): MetadataService {
        const layout = phaseLayout(migration.phase);
        const zookeeper = this.zooKeeper(name, args, layout.zookeeper);
        const controllers = layout.controllers
            ? this.controllerQuorum(name, {
                  ...args,
                  controllerCount: migration.controllerCount,
                  storageFormat: { clusterIdFromZooKeeper: zookeeper.connectString },
                  migratingFrom: layout.controllersMigrating && zookeeper.zookeeperConnect ? { zookeeperConnect: zookeeper.zookeeperConnect } : undefined,
                  startAfter: zookeeper.answering,
              })
            : undefined;
        return {
            containers: [...zookeeper.containers, ...(controllers?.containers ?? [])],
            answering: [...zookeeper.answering, ...(controllers?.answering ?? [])],
            metadataVolume: zookeeper.metadataVolume,
            zookeeperConnect: zookeeper.zookeeperConnect,
            controllerQuorumVoters: controllers?.controllerQuorumVoters,
        };
    }

    /**
     * Dedicated KRaft controllers on the brokers' image (components/kraftController.ts);
     * migrating, they read their cluster id from ZooKeeper and start after it.
     */
    private controllerQuorum(name: string, args: QuorumArgs & ControllerQuorumArgs): MetadataService {
        const security = args.security;
        const quorum = controllerQuorum(name, {
            stack: args.stack,
            names: args.names,
            controllerCount: args.controllerCount,
            kafkaHome: args.brokers.kafkaHome,
            heapMb: args.brokers.heapMb,
            brokerCount: args.brokers.count,
            userProperties: args.brokers.properties,
            data: args.data,
            controllersRunning: args.controllersRunning ?? false,
            storageFormat: args.storageFormat,
            migratingFrom: args.migratingFrom,
            startAfter: args.startAfter,
            security: security && { adminUsername: security.adminUsername, externalTls: security.tls !== undefined },
            credentials: security &&
                args.brokerPassword &&
                args.controllerPassword && {
                    files: [
                        // The brokers' credential goes into the new cluster's metadata at format time: brokers need it to talk to each other.
                        { file: FORMAT_SCRAM_PATH, content: pulumi.secret(args.brokerPassword.apply((password) => renderFormatScram(INTER_BROKER_USERNAME, password))) },
                        { file: CONTROLLER_JAAS_PATH, content: pulumi.secret(args.controllerPassword.apply(renderControllerJaas)) },
                    ],
                    formatArguments: [formatScramArgument()],
                    kafkaOpts: controllerJvmOptions(),
                    clientPropertiesPath: ADMIN_CLIENT_PROPERTIES_PATH,
                    clientProperties: renderAdminClientProperties(CONTROLLER_MECHANISM),
                },
            site: (index) => ({ imageId: args.imageId, networkName: args.networkName, ipv4Address: args.addresses.controller(index), opts: { parent: this } }),
        });
        return {
            containers: quorum.controllers.map((controller) => controller.container),
            // `up` waits for each controller's healthcheck on the container itself.
            answering: quorum.controllers.map((controller) => controller.container),
            // Any one would do: they hold the same log, and go (or stay) together with the stack.
            metadataVolume: quorum.controllers[0]!.metadataVolume,
            controllerQuorumVoters: quorum.voters,
            // A new KRaft cluster formats its brokers too; migrated brokers keep the storage they have.
            brokerStorageFormat: "clusterId" in args.storageFormat ? args.storageFormat : undefined,
        };
    }
}

type QuorumArgs = KafkaClusterArgs & {
    readonly imageId: pulumi.Output<string>;
    /** A secured stack's inter-broker password, generated once (components/interBrokerCredential.ts). */
    readonly brokerPassword?: pulumi.Output<string>;
    /** A secured KRaft stack's CONTROLLER listener password, generated once likewise. */
    readonly controllerPassword?: pulumi.Output<string>;
    readonly names: DockerNames;
    readonly addresses: StackAddresses;
    readonly networkName: pulumi.Output<string>;
    readonly data: { readonly protect: boolean; readonly keepDataOnDestroy: boolean };
};

/** What the brokers and topics need from the metadata service, in either mode. */
interface MetadataService {
    /** The containers brokers start after. */
    readonly containers: pulumi.Resource[];
    /** Done once the metadata service answers: what talks to it (not the brokers, which keep dialling) starts after these. */
    readonly answering: pulumi.Resource[];
    readonly metadataVolume: pulumi.Resource;
    readonly zookeeperConnect?: string;
    readonly controllerQuorumVoters?: string;
    /** How brokers format their storage: a new KRaft cluster's; none for ZooKeeper and migrated brokers. */
    readonly brokerStorageFormat?: StorageFormat;
}

interface ControllerQuorumArgs {
    readonly controllerCount: number;
    readonly storageFormat: StorageFormat;
    /** Migration phases 1-3: the controllers also talk to ZooKeeper. */
    readonly migratingFrom?: { readonly zookeeperConnect: string };
    /** What every controller starts after (ZooKeeper, whose cluster id a migrating controller reads). */
    readonly startAfter?: pulumi.Resource[];
}
