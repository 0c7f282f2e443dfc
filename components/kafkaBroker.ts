import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { BrokerRollout } from "../config";
import { BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck, untilBrokerInSync } from "../lib/render/brokerHealthcheck";
import { BROKER_HEALTHCHECK, BROKER_WAIT_SECONDS } from "../lib/render/healthchecks";
import { BrokerListeners, EXTERNAL_LISTENER_PORT, INTERNAL_LISTENER_PORT } from "../lib/render/listeners";
import { withRole } from "../lib/render/names";
import { oneShotContainer } from "./containerSettings";
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
        /**
         * The in-sync check's login, at the path kafkaOpts names: the brokers'
         * own client login only, not the rest of the broker's JAAS file.
         */
        readonly checkLogin: { readonly file: string; readonly content: pulumi.Input<string> };
        readonly kafkaOpts: string;
        readonly clientPropertiesPath: string;
        readonly clientProperties: string;
    };
}

/**
 * One Kafka broker: its named data volume and its container, published on its
 * EXTERNAL port.
 *
 * `up` does not wait for Docker to call the container healthy: Docker runs the
 * first check one interval (10 s) after the start, and a broker answers and is
 * in sync seconds before that. `up` waits instead on `inSync`, a one-shot
 * container beside it that runs the healthcheck's own script against the broker
 * until it passes: answering on INTERNAL, in sync on every partition it holds.
 * It records the broker container it asked about, so a replaced broker is asked
 * about again. Docker's verdict follows at its first check and goes on as before.
 */
export class KafkaBroker extends pulumi.ComponentResource {
    /** The container: stopped before what it depends on goes. */
    public readonly container: docker.Container;
    /** Exited once the broker answered and was in sync: what talks to Kafka, and a rolling stack's next broker, start after it. */
    public readonly inSync: docker.Container;

    constructor(name: string, args: KafkaBrokerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaBroker", name, {}, opts);
        const healthcheck = (host?: string) =>
            renderBrokerHealthcheck({ brokerId: args.listeners.brokerId, kafkaBin: `${args.kafkaHome}/bin`, commandConfig: args.security?.clientPropertiesPath, host });
        const clientProperties = args.security ? [{ file: args.security.clientPropertiesPath, content: args.security.clientProperties }] : [];
        const node = kafkaNode(
            name,
            {
                ...args,
                alias: args.listeners.alias,
                secrets: args.security && {
                    kafkaOpts: args.security.kafkaOpts,
                    files: [...clientProperties, ...args.security.files],
                },
                // `inSync` waits instead (see above).
                healthcheck: { path: BROKER_HEALTHCHECK_PATH, script: healthcheck(), check: BROKER_HEALTHCHECK },
                ports: [
                    { internal: EXTERNAL_LISTENER_PORT, external: args.listeners.hostPort, ip: args.bindAddress, protocol: "tcp" },
                    ...(args.internalHostPort === undefined ? [] : [{ internal: INTERNAL_LISTENER_PORT, external: args.internalHostPort, ip: args.bindAddress, protocol: "tcp" }]),
                ],
            },
            this,
        );
        this.container = node.container;
        const alias = args.listeners.alias;
        this.inSync = oneShotContainer(
            `${name}-in-sync`,
            {
                containerName: `${args.containerName}-in-sync`,
                imageId: args.imageId,
                networkName: args.networkName,
                labels: withRole(args.labels, "broker-in-sync"),
                command: ["timeout", String(BROKER_WAIT_SECONDS), "sh", "-c", untilBrokerInSync(alias)],
                envs: [
                    // A new broker container is a new id: this one is replaced and asks again.
                    pulumi.interpolate`BROKER_CONTAINER=${node.container.id}`,
                    ...(args.security ? [`KAFKA_OPTS=${args.security.kafkaOpts}`] : []),
                ],
                uploads: [{ file: BROKER_HEALTHCHECK_PATH, content: healthcheck(alias) }, ...clientProperties, ...(args.security ? [args.security.checkLogin] : [])],
                failure: () =>
                    `broker ${args.listeners.brokerId} (${args.containerName}) was not answering and in sync within ${BROKER_WAIT_SECONDS} s; see docker logs ${args.containerName}-in-sync and docker logs ${args.containerName}`,
            },
            { parent: this, dependsOn: [node.container] },
        );
        this.registerOutputs({});
    }
}

/**
 * What a broker's container starts after: what must be up before any broker (the
 * metadata service, a secured stack's admin credential), and in a rolling stack
 * the broker before it, so each is replaced, started and in sync before the next
 * is touched and a change never takes every replica down at once. The chain holds
 * across Docker hosts too: dependencies cross providers.
 */
export function brokerStartAfter(rollout: BrokerRollout | undefined, first: pulumi.Resource[], previous: KafkaBroker | undefined): pulumi.Resource[] {
    return rollout === "rolling" && previous ? [...first, previous.inSync] : first;
}
