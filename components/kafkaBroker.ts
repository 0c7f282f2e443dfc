import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck } from "../lib/render/brokerHealthcheck";
import { BROKER_HEALTHCHECK, BROKER_WAIT_SECONDS } from "../lib/render/healthchecks";
import { BrokerListeners, EXTERNAL_LISTENER_PORT, INTERNAL_LISTENER_PORT } from "../lib/render/listeners";
import { kafkaNode, KafkaNodeSettings } from "./kafkaNode";

export interface KafkaBrokerArgs extends KafkaNodeSettings {
    readonly listeners: BrokerListeners;
    /** Host address the EXTERNAL listener is published on. */
    readonly bindAddress: string;
    /** Host port the INTERNAL listener is published on, when brokers on other hosts dial it. */
    readonly internalHostPort?: number;
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
                ports: [
                    { internal: EXTERNAL_LISTENER_PORT, external: args.listeners.hostPort, ip: args.bindAddress, protocol: "tcp" },
                    ...(args.internalHostPort === undefined ? [] : [{ internal: INTERNAL_LISTENER_PORT, external: args.internalHostPort, ip: args.bindAddress, protocol: "tcp" }]),
                ],
            },
            this,
        );
        this.container = node.container;
        this.registerOutputs({});
    }
}
