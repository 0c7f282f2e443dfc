import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { Healthcheck } from "../lib/render/healthchecks";
import { kafkaStartCommand, StorageFormat } from "../lib/render/kafkaStartCommand";
import { BROKER_DATA_DIR, SERVER_PROPERTIES_PATH } from "../lib/render/serverProperties";
import { serviceContainerDefaults, serviceContainerOptions } from "./containerSettings";
import { dataVolume } from "./dataVolume";

export interface KafkaNodeArgs {
    readonly containerName: string;
    readonly dataVolumeName: string;
    /** Name on the stack's network. */
    readonly alias: string;
    /** Image id of a pinned image holding a Kafka distribution at `kafkaHome`. */
    readonly imageId: pulumi.Input<string>;
    readonly kafkaHome: string;
    readonly heapMb: number;
    /** The node's rendered server.properties. */
    readonly serverProperties: string;
    /**
     * The rendered healthcheck script, where it is uploaded, the check that runs
     * it, and how long `up` waits on the container for the check to pass; without
     * `waitSeconds`, `up` does not wait on the container: something that asks the
     * same question sooner waits for it (a broker's in-sync container).
     */
    readonly healthcheck: { readonly path: string; readonly script: string; readonly check: Healthcheck; readonly waitSeconds?: number };
    /**
     * A secured node's JVM options (naming its credential files), the files
     * themselves, secret contents uploaded, never in env or command line, and
     * a KRaft node's extra format arguments (which read those files).
     * @default none (PLAINTEXT listeners)
     */
    readonly secrets?: {
        readonly kafkaOpts?: string;
        readonly files: { readonly file: string; readonly content: pulumi.Input<string> }[];
        readonly formatArguments?: readonly string[];
    };
    /** Published ports; none for a node only the stack's network reaches. */
    readonly ports?: docker.types.input.ContainerPort[];
    /** Set for a KRaft node that formats its own storage: where the cluster id comes from. */
    readonly storageFormat?: StorageFormat;
    readonly networkName: pulumi.Input<string>;
    readonly ipv4Address: string;
    readonly labels: { label: string; value: string }[];
    readonly protect: boolean;
    readonly keepDataOnDestroy: boolean;
    /** Resources this node's container starts after: ZooKeeper or controllers, and in a rolling change the node before it. */
    readonly startAfter: pulumi.Resource[];
}

/** What a broker and a controller are given alike; each adds its own listener, healthcheck and ports. */
export type KafkaNodeSettings = Omit<KafkaNodeArgs, "alias" | "healthcheck" | "ports" | "secrets">;

/**
 * One Kafka server process (broker or KRaft controller): its named data volume
 * and its container, started with the rendered server.properties through the
 * distribution's own scripts, so any image with a Kafka distribution at
 * `kafkaHome` behaves the same.
 */
export function kafkaNode(name: string, args: KafkaNodeArgs, parent: pulumi.Resource): { container: docker.Container; dataVolume: docker.Volume } {
    const data = dataVolume(
        `${name}-data`,
        { volumeName: args.dataVolumeName, labels: args.labels, protect: args.protect, keepOnDestroy: args.keepDataOnDestroy },
        parent,
    );
    const kafkaBin = `${args.kafkaHome}/bin`;
    const container = new docker.Container(
        `${name}-container`,
        {
            name: args.containerName,
            image: args.imageId,
            ...serviceContainerDefaults({ networkName: args.networkName, alias: args.alias, ipv4Address: args.ipv4Address, labels: args.labels }),
            command: kafkaStartCommand(kafkaBin, args.storageFormat, args.secrets?.formatArguments),
            envs: [`KAFKA_HEAP_OPTS=-Xmx${args.heapMb}m -Xms${args.heapMb}m`, ...(args.secrets?.kafkaOpts ? [`KAFKA_OPTS=${args.secrets.kafkaOpts}`] : [])],
            uploads: [
                { file: SERVER_PROPERTIES_PATH, content: args.serverProperties },
                { file: args.healthcheck.path, content: args.healthcheck.script },
                ...(args.secrets?.files ?? []),
            ],
            volumes: [{ volumeName: data.name, containerPath: BROKER_DATA_DIR }],
            ports: args.ports,
            healthcheck: args.healthcheck.check,
            ...(args.healthcheck.waitSeconds === undefined ? { wait: false } : { waitTimeout: args.healthcheck.waitSeconds }),
        },
        { parent, dependsOn: args.startAfter, ...serviceContainerOptions },
    );
    return { container, dataVolume: data };
}
