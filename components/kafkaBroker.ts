import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck } from "../lib/render/brokerHealthcheck";
import { BROKER_HEALTHCHECK, BROKER_WAIT_SECONDS } from "../lib/render/healthchecks";
import { BrokerListeners, EXTERNAL_LISTENER_PORT } from "../lib/render/listeners";
import { BROKER_DATA_DIR, SERVER_PROPERTIES_PATH } from "../lib/render/serverProperties";
import { serviceContainerDefaults, serviceContainerOptions } from "./containerSettings";
import { dataVolume } from "./dataVolume";

export interface KafkaBrokerArgs {
    readonly listeners: BrokerListeners;
    readonly containerName: string;
    readonly dataVolumeName: string;
    /** Image id of a pinned image holding a Kafka distribution at `kafkaHome`. */
    readonly imageId: pulumi.Input<string>;
    /** @default "/opt/kafka" in stack config */
    readonly kafkaHome: string;
    readonly heapMb: number;
    /** The broker's rendered server.properties. */
    readonly serverProperties: string;
    /** Host address the EXTERNAL listener is published on. */
    readonly bindAddress: string;
    readonly networkName: pulumi.Input<string>;
    readonly ipv4Address: string;
    readonly labels: { label: string; value: string }[];
    readonly protect: boolean;
    readonly keepDataOnDestroy: boolean;
    /** Resources this broker's container starts after: ZooKeeper, and in a rolling stack the previous broker. */
    readonly startAfter: pulumi.Resource[];
    /**
     * A secured broker: the files holding its credentials and TLS key (secret
     * contents, uploaded, never in env or command line), the JVM options that
     * name them, and client settings for its own healthcheck.
     * @default none (PLAINTEXT listeners)
     */
    readonly security?: {
        readonly files: { readonly file: string; readonly content: pulumi.Input<string> }[];
        readonly kafkaOpts: string;
        readonly clientPropertiesPath: string;
        readonly clientProperties: string;
    };
}

/**
 * One Kafka broker: its named data volume and its container, started with the
 * rendered server.properties through the distribution's own start script, so any
 * image with a Kafka distribution at `kafkaHome` behaves the same.
 */
export class KafkaBroker extends pulumi.ComponentResource {
    /** The container; a rolling stack chains the next broker on it. */
    public readonly container: docker.Container;

    constructor(name: string, args: KafkaBrokerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaBroker", name, {}, opts);
        const data = dataVolume(
            `${name}-data`,
            { volumeName: args.dataVolumeName, labels: args.labels, protect: args.protect, keepOnDestroy: args.keepDataOnDestroy },
            this,
        );
        const kafkaBin = `${args.kafkaHome}/bin`;
        const security = args.security;
        this.container = new docker.Container(
            `${name}-container`,
            {
                name: args.containerName,
                image: args.imageId,
                ...serviceContainerDefaults({ networkName: args.networkName, alias: args.listeners.alias, ipv4Address: args.ipv4Address, labels: args.labels }),
                command: [`${kafkaBin}/kafka-server-start.sh`, SERVER_PROPERTIES_PATH],
                envs: [`KAFKA_HEAP_OPTS=-Xmx${args.heapMb}m -Xms${args.heapMb}m`, ...(security ? [`KAFKA_OPTS=${security.kafkaOpts}`] : [])],
                uploads: [
                    { file: SERVER_PROPERTIES_PATH, content: args.serverProperties },
                    {
                        file: BROKER_HEALTHCHECK_PATH,
                        content: renderBrokerHealthcheck({ brokerId: args.listeners.brokerId, kafkaBin, commandConfig: security?.clientPropertiesPath }),
                    },
                    ...(security ? [{ file: security.clientPropertiesPath, content: security.clientProperties }, ...security.files] : []),
                ],
                volumes: [{ volumeName: data.name, containerPath: BROKER_DATA_DIR }],
                ports: [{ internal: EXTERNAL_LISTENER_PORT, external: args.listeners.hostPort, ip: args.bindAddress, protocol: "tcp" }],
                healthcheck: BROKER_HEALTHCHECK,
                waitTimeout: BROKER_WAIT_SECONDS,
            },
            { parent: this, dependsOn: args.startAfter, ...serviceContainerOptions },
        );
        this.registerOutputs({});
    }
}
