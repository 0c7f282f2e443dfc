import * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../config";
import { bootstrapBrokerIds, brokerIds, brokerListeners, BrokerListeners } from "../lib/listeners";
import { dockerLabels, dockerNames } from "../lib/names";
import { stackAddresses } from "../lib/networkAddresses";
import { renderServerProperties } from "../lib/serverProperties";
import { ClusterNetwork } from "./clusterNetwork";
import { pinnedImage } from "./containerSettings";
import { KafkaBroker } from "./kafkaBroker";
import { KafkaUi } from "./kafkaUi";
import { ZooKeeper } from "./zookeeper";

export type KafkaClusterArgs = Pick<
    ClusterConfig,
    "project" | "stack" | "networkSubnet" | "advertisedHost" | "bindAddress" | "externalPortBase" | "brokers" | "zookeeper" | "ui" | "protect" | "keepDataOnDestroy"
>;

export interface BrokerSummary {
    id: number;
    container: string;
    advertisedListeners: string;
}

/** ZooKeeper, N brokers and kafka-ui on one Docker network of their own. */
export class KafkaCluster extends pulumi.ComponentResource {
    /** EXTERNAL listeners: for clients outside Docker, on this host or another machine. */
    public readonly externalBootstrapServers: string;
    /** INTERNAL listeners: for containers on the stack's network. */
    public readonly internalBootstrapServers: string;
    /** Addresses the Kafka provider and other out-of-Docker clients bootstrap from. */
    public readonly providerBootstrapServers: string[];
    public readonly brokers: BrokerSummary[];
    public readonly zookeeperConnect: string;
    public readonly kafkaUiUrl: string | undefined;
    public readonly networkName: pulumi.Output<string>;
    /** Healthy broker containers; anything that talks to Kafka starts after them. */
    public readonly brokersReady: pulumi.Resource[];
    /** ZooKeeper's data volume, where topics are recorded; a topic exists exactly as long as it does. */
    public readonly topicMetadata: pulumi.Resource;

    constructor(name: string, args: KafkaClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaCluster", name, {}, opts);
        const names = dockerNames(args.project, args.stack);
        const addresses = stackAddresses(args.networkSubnet);
        const network = new ClusterNetwork(`${name}-network`, { networkName: names.network, stack: args.stack, addresses }, { parent: this });
        const data = { protect: args.protect, keepDataOnDestroy: args.keepDataOnDestroy };

        const zookeeper = new ZooKeeper(
            `${name}-zookeeper`,
            {
                containerName: names.zookeeper,
                dataVolumeName: names.zookeeperDataVolume,
                datalogVolumeName: names.zookeeperDatalogVolume,
                image: args.zookeeper.image,
                networkName: network.name,
                ipv4Address: addresses.zookeeper,
                labels: dockerLabels(args.stack, "zookeeper"),
                ...data,
            },
            { parent: this },
        );

        const brokerImage = pinnedImage(`${name}-broker-image`, args.brokers.image, this);
        const listeners = brokerIds(args.brokers.count).map((id) => brokerListeners(id, args));
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
                            brokerCount: args.brokers.count,
                            userProperties: args.brokers.properties,
                        }),
                        bindAddress: args.bindAddress,
                        networkName: network.name,
                        ipv4Address: addresses.broker(broker.brokerId),
                        labels: dockerLabels(args.stack, "broker", { "broker-id": String(broker.brokerId) }),
                        ...data,
                        // Rolling: each broker is replaced, started and healthy before the next
                        // is touched, so a change never takes every replica down at once.
                        startAfter: args.brokers.rollout === "rolling" && previous ? [zookeeper.container, previous.container] : [zookeeper.container],
                    },
                    { parent: this },
                ),
            );
        }
        this.brokersReady = brokers.map((broker) => broker.container);
        this.topicMetadata = zookeeper.metadataVolume;

        const bootstrap = bootstrapBrokerIds(args.brokers.count).map((id) => listeners[id - 1]);
        this.externalBootstrapServers = listeners.map((broker) => broker.externalAddress).join(",");
        this.internalBootstrapServers = listeners.map((broker) => broker.internalAddress).join(",");
        this.providerBootstrapServers = bootstrap.map((broker) => broker.externalAddress);
        this.brokers = listeners.map((broker) => ({
            id: broker.brokerId,
            container: names.broker(broker.brokerId),
            advertisedListeners: broker.advertisedListeners,
        }));
        this.zookeeperConnect = zookeeper.connectString;
        this.networkName = network.name;

        if (args.ui.enabled) {
            new KafkaUi(
                `${name}-ui`,
                {
                    containerName: names.ui,
                    image: args.ui.image,
                    clusterName: names.prefix,
                    bootstrapServers: internalAddresses(bootstrap),
                    bindAddress: args.bindAddress,
                    hostPort: args.ui.port,
                    readOnly: args.ui.readOnly,
                    login: args.ui.login,
                    networkName: network.name,
                    ipv4Address: addresses.ui,
                    labels: dockerLabels(args.stack, "ui"),
                    startAfter: this.brokersReady,
                },
                { parent: this },
            );
            this.kafkaUiUrl = `http://${uiHost(args)}:${args.ui.port}`;
        }
        this.registerOutputs({
            externalBootstrapServers: this.externalBootstrapServers,
            internalBootstrapServers: this.internalBootstrapServers,
            kafkaUiUrl: this.kafkaUiUrl,
            networkName: this.networkName,
        });
    }
}

function internalAddresses(brokers: BrokerListeners[]): string[] {
    return brokers.map((broker) => broker.internalAddress);
}

/** Where a browser reaches the UI: the bound address, or the advertised host when bound to all. */
function uiHost(args: Pick<ClusterConfig, "bindAddress" | "advertisedHost">): string {
    return args.bindAddress === "0.0.0.0" || args.bindAddress === "::" ? args.advertisedHost : args.bindAddress;
}
