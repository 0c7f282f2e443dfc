import * as pulumi from "@pulumi/pulumi";
import { hostForUrl } from "../lib/config/addressWiring";
import type { MultiHostSpec } from "../lib/config/hostsConfig";
import { controllerHostPort, HostedCluster, hostBindAddress, zookeeperHostPorts, zookeeperServerLines } from "../lib/render/hostWiring";
import { kraftClusterId } from "../lib/render/controllerQuorum";
import type { StorageFormat } from "../lib/render/kafkaStartCommand";
import { bootstrapBrokerIds } from "../lib/render/listeners";
import { dockerLabels, dockerNames } from "../lib/render/names";
import { stackAddresses } from "../lib/render/networkAddresses";
import { recordablePlacement } from "../lib/render/placement";
import { MetadataQuorum, renderServerProperties } from "../lib/render/serverProperties";
import { DockerHost } from "./dockerHosts";
import { brokerStartAfter, KafkaBroker } from "./kafkaBroker";
import type { BrokerSummary, KafkaClusterArgs } from "./kafkaCluster";
import { KafkaUi } from "./kafkaUi";
import { controllerQuorum } from "./kraftController";
import { ZooKeeper } from "./zookeeper";

// The cluster spread over several Docker hosts: a ZooKeeper ensemble or a KRaft
// controller quorum with one node per host, each broker on the host the
// placement chose with its host's name as broker.rack, kafka-ui on one host.
// Everything that crosses hosts dials published ports on the hosts' addresses
// (lib/render/hostWiring.ts).

export interface HostedClusterArgs {
    readonly spec: MultiHostSpec;
    /** Placement and wiring, planned against what the stack last recorded. */
    readonly plan: HostedCluster;
}

/** What KafkaCluster exports, whichever way it is laid out. */
export interface ClusterEndpoints {
    readonly externalBootstrapServers: string;
    readonly internalBootstrapServers: string;
    readonly networkBootstrapServers: string[];
    readonly providerBootstrapServers: string[];
    readonly brokers: BrokerSummary[];
    readonly zookeeperConnect: string | undefined;
    readonly controllerQuorumVoters: string | undefined;
    readonly kafkaUiUrl: string | undefined;
    readonly networkName: pulumi.Output<string>;
    readonly brokersReady: pulumi.Resource[];
    readonly topicMetadata: pulumi.Resource;
    readonly placement: ReturnType<typeof recordablePlacement>;
}

export function clusterOnHosts(parent: pulumi.Resource, name: string, args: KafkaClusterArgs, hosted: HostedClusterArgs): ClusterEndpoints {
    const { spec, plan } = hosted;
    const names = dockerNames(args.project, args.stack);
    const addresses = stackAddresses(args.networkSubnet);
    const hosts = new Map(
        spec.hosts.map((host) => [host.name, new DockerHost(`${name}-host-${host.name}`, { spec: host, networkName: names.network, stack: args.stack, addresses }, { parent })]),
    );
    const on = (hostName: string): DockerHost => {
        const host = hosts.get(hostName);
        if (!host) throw new Error(`no declared host ${hostName}`);
        return host;
    };
    const data = { protect: args.protect ?? false, keepDataOnDestroy: args.keepDataOnDestroy ?? true };

    const quorum = args.metadata?.mode === "kraft" ? controllersOnHosts(name, args, hosted, on, data) : zooKeeperOnHosts(name, args, hosted, on, data);

    const brokers: KafkaBroker[] = [];
    for (const broker of plan.brokers) {
        const host = on(broker.host);
        const previous = brokers[brokers.length - 1];
        brokers.push(
            new KafkaBroker(
                `${name}-kafka-${broker.brokerId}`,
                {
                    listeners: broker,
                    containerName: names.broker(broker.brokerId),
                    dataVolumeName: names.brokerDataVolume(broker.brokerId),
                    imageId: host.imageId("broker", args.brokers.image),
                    kafkaHome: args.brokers.kafkaHome,
                    heapMb: args.brokers.heapMb,
                    storageFormat: quorum.brokerStorageFormat,
                    serverProperties: renderServerProperties({
                        listeners: broker,
                        metadata: quorum.metadata,
                        rack: broker.host,
                        brokerCount: args.brokers.count,
                        userProperties: args.brokers.properties,
                    }),
                    bindAddress: hostBindAddress(host.spec),
                    internalHostPort: broker.internalHostPort,
                    networkName: host.networkName,
                    ipv4Address: addresses.broker(broker.brokerId),
                    labels: dockerLabels(args.stack, "broker", { "broker-id": String(broker.brokerId), host: broker.host }),
                    ...data,
                    startAfter: brokerStartAfter(args.brokers.rollout, quorum.containers, previous),
                },
                host.opts,
            ),
        );
    }

    const bootstrap = bootstrapBrokerIds(args.brokers.count).map((id) => plan.brokers[id - 1]).filter((broker) => broker !== undefined);
    const networkBootstrapServers = bootstrap.map((broker) => broker.internalAddress);
    let kafkaUiUrl: string | undefined;
    if (args.ui.enabled) {
        const host = on(plan.placement.ui);
        new KafkaUi(
            `${name}-ui`,
            {
                containerName: names.ui,
                image: args.ui.image,
                clusterName: names.prefix,
                bootstrapServers: networkBootstrapServers,
                bindAddress: hostBindAddress(host.spec),
                hostPort: args.ui.port,
                readOnly: args.ui.readOnly,
                login: args.ui.login,
                networkName: host.networkName,
                ipv4Address: addresses.ui,
                labels: dockerLabels(args.stack, "ui", { host: host.spec.name }),
            },
            host.opts,
        );
        kafkaUiUrl = `http://${hostForUrl(host.spec.address)}:${args.ui.port}`;
    }

    return {
        externalBootstrapServers: plan.brokers.map((broker) => broker.externalAddress).join(","),
        internalBootstrapServers: plan.brokers.map((broker) => broker.internalAddress).join(","),
        networkBootstrapServers,
        providerBootstrapServers: bootstrap.map((broker) => broker.externalAddress),
        brokers: plan.brokers.map((broker) => ({
            id: broker.brokerId,
            container: names.broker(broker.brokerId),
            advertisedListeners: broker.advertisedListeners,
            host: broker.host,
        })),
        zookeeperConnect: quorum.metadata.mode === "zookeeper" ? plan.zookeeperConnect : undefined,
        controllerQuorumVoters: quorum.voters,
        kafkaUiUrl,
        networkName: on(plan.placement.ui).networkName,
        brokersReady: [...quorum.answering, ...brokers.map((broker) => broker.inSync)],
        // The ensemble or quorum holds the topics; node 1's volume stands for it.
        topicMetadata: quorum.metadataVolume ?? parent,
        placement: recordablePlacement(plan.placement),
    };
}

type Placed = (hostName: string) => DockerHost;
type DataSettings = { readonly protect: boolean; readonly keepDataOnDestroy: boolean };

/** What the brokers are told about the metadata service, and what they start after. */
interface HostedQuorum {
    readonly metadata: MetadataQuorum;
    readonly containers: pulumi.Resource[];
    /** Done once the metadata service answers (see components/zookeeper.ts). */
    readonly answering: pulumi.Resource[];
    readonly metadataVolume: pulumi.Resource | undefined;
    readonly voters?: string;
    /** How brokers format their storage: the new KRaft cluster's id; none in ZooKeeper mode. */
    readonly brokerStorageFormat?: StorageFormat;
}

/** A ZooKeeper ensemble, one node per host, peers dialling each other's published quorum ports. */
function zooKeeperOnHosts(name: string, args: KafkaClusterArgs, hosted: HostedClusterArgs, on: Placed, data: DataSettings): HostedQuorum {
    const { spec, plan } = hosted;
    const names = dockerNames(args.project, args.stack);
    const addresses = stackAddresses(args.networkSubnet);
    const zookeepers = plan.zookeeperHosts.map((hostSpec, index) => {
        const myid = index + 1;
        const host = on(hostSpec.name);
        return new ZooKeeper(
            `${name}-zookeeper-${myid}`,
            {
                containerName: `${names.zookeeper}-${myid}`,
                dataVolumeName: `${names.zookeeperDataVolume}-${myid}`,
                datalogVolumeName: `${names.zookeeperDatalogVolume}-${myid}`,
                image: args.zookeeper.image,
                networkName: host.networkName,
                ipv4Address: addresses.zookeeper,
                labels: dockerLabels(args.stack, "zookeeper", { host: hostSpec.name, "zookeeper-id": String(myid) }),
                ensemble: {
                    myid,
                    servers: zookeeperServerLines(myid, plan.zookeeperHosts, spec.zookeeperPortBase),
                    ports: zookeeperHostPorts(hostSpec, spec.zookeeperPortBase),
                    connectString: plan.zookeeperConnect,
                },
                ...data,
            },
            host.opts,
        );
    });
    return {
        metadata: { mode: "zookeeper", connect: plan.zookeeperConnect },
        // Every node runs: a stack spread over hosts does not migrate to KRaft (config refuses it).
        containers: zookeepers.flatMap((node) => (node.container ? [node.container] : [])),
        answering: zookeepers.flatMap((node) => (node.answering ? [node.answering] : [])),
        metadataVolume: zookeepers[0]?.metadataVolume,
    };
}

/** A KRaft controller quorum, one controller per host, each dialled at its host's published CONTROLLER port. */
function controllersOnHosts(name: string, args: KafkaClusterArgs, hosted: HostedClusterArgs, on: Placed, data: DataSettings): HostedQuorum {
    const { spec, plan } = hosted;
    const addresses = stackAddresses(args.networkSubnet);
    const storageFormat = { clusterId: kraftClusterId(args.project, args.stack) };
    const quorum = controllerQuorum(name, {
        stack: args.stack,
        names: dockerNames(args.project, args.stack),
        controllerCount: plan.controllerHosts.length,
        kafkaHome: args.brokers.kafkaHome,
        heapMb: args.brokers.heapMb,
        brokerCount: args.brokers.count,
        userProperties: args.brokers.properties,
        onHosts: plan.controllerAddresses,
        data,
        controllersRunning: args.controllersRunning ?? false,
        storageFormat,
        site: (index) => {
            const hostSpec = plan.controllerHosts[index - 1];
            if (!hostSpec) throw new Error(`placement has no host for KRaft controller ${index}`);
            const host = on(hostSpec.name);
            return {
                imageId: host.imageId("broker", args.brokers.image),
                networkName: host.networkName,
                ipv4Address: addresses.controller(index),
                ports: [controllerHostPort(hostSpec, spec.controllerPort)],
                labels: { host: hostSpec.name },
                opts: host.opts,
            };
        },
    });
    return {
        metadata: { mode: "kraft", controllerCount: plan.controllerHosts.length, onHosts: plan.controllerAddresses },
        containers: quorum.controllers.map((controller) => controller.container),
        answering: quorum.controllers.map((controller) => controller.container),
        metadataVolume: quorum.controllers[0]?.metadataVolume,
        voters: quorum.voters,
        brokerStorageFormat: storageFormat,
    };
}
