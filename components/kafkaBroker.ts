import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck } from "../lib/render/brokerHealthcheck";
import { BROKER_HEALTHCHECK, BROKER_WAIT_SECONDS } from "../lib/render/healthchecks";
import { BrokerListeners, EXTERNAL_LISTENER_PORT } from "../lib/render/listeners";
import { kafkaNode } from "./kafkaNode";

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
    /** Set in KRaft mode: the broker's storage is formatted with this cluster id before it starts. */
    readonly kraftClusterId?: string;
    /** Host address the EXTERNAL listener is published on. */
    readonly bindAddress: string;
    readonly networkName: pulumi.Input<string>;
    readonly ipv4Address: string;
    readonly labels: { label: string; value: string }[];
    readonly protect: boolean;
    readonly keepDataOnDestroy: boolean;
    /** Resources this broker's container starts after: ZooKeeper or the controllers, and in a rolling stack the previous broker. */
    readonly startAfter: pulumi.Resource[];
}

/** One Kafka broker: its named data volume and its container, published on its EXTERNAL port. */
export class KafkaBroker extends pulumi.ComponentResource {
    /** The container; a rolling stack chains the next broker on it. */
    public readonly container: docker.Container;

    constructor(name: string, args: KafkaBrokerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaBroker", name, {}, opts);
        const node = kafkaNode(
            name,
            {
                ...args,
                alias: args.listeners.alias,
                healthcheck: {
                    path: BROKER_HEALTHCHECK_PATH,
                    script: renderBrokerHealthcheck({ brokerId: args.listeners.brokerId, kafkaBin: `${args.kafkaHome}/bin` }),
                    check: BROKER_HEALTHCHECK,
                    waitSeconds: BROKER_WAIT_SECONDS,
                },
                ports: [{ internal: EXTERNAL_LISTENER_PORT, external: args.listeners.hostPort, ip: args.bindAddress, protocol: "tcp" }],
            },
            this,
        );
        this.container = node.container;
        this.registerOutputs({});
    }
}
