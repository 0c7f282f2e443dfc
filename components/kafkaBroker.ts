import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { BrokerRollout } from "../config";
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
                secrets: args.security && {
                    kafkaOpts: args.security.kafkaOpts,
                    files: [{ file: args.security.clientPropertiesPath, content: args.security.clientProperties }, ...args.security.files],
                },
                healthcheck: {
                    path: BROKER_HEALTHCHECK_PATH,
                    script: renderBrokerHealthcheck({ brokerId: args.listeners.brokerId, kafkaBin: `${args.kafkaHome}/bin`, commandConfig: args.security?.clientPropertiesPath }),
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

/**
 * What a broker's container starts after: what must be up before any broker (the
 * metadata service, a secured stack's admin credential), and in a rolling stack
 * the broker before it, so each is replaced, started and healthy before the next
 * is touched and a change never takes every replica down at once. The chain holds
 * across Docker hosts too: dependencies cross providers.
 */
export function brokerStartAfter(rollout: BrokerRollout | undefined, first: pulumi.Resource[], previous: KafkaBroker | undefined): pulumi.Resource[] {
    return rollout === "rolling" && previous ? [...first, previous.container] : first;
}
