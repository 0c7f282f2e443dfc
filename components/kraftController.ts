import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { controllerAlias, controllerIds, controllerQuorumVoters, CONTROLLER_ID_BASE } from "../lib/render/controllerQuorum";
import { dockerLabels, DockerNames } from "../lib/render/names";
import type { BrokerSecurity } from "../lib/render/security";
import { renderControllerProperties } from "../lib/render/serverProperties";
import { CONTROLLER_HEALTHCHECK_PATH, renderControllerHealthcheck } from "../lib/render/controllerHealthcheck";
import { BROKER_WAIT_SECONDS, CONTROLLER_HEALTHCHECK } from "../lib/render/healthchecks";
import type { StorageFormat } from "../lib/render/kafkaStartCommand";
import { kafkaNode, KafkaNodeSettings } from "./kafkaNode";

export interface KraftControllerArgs extends KafkaNodeSettings {
    /** Node id, 1001.. (controllerQuorum.ts). */
    readonly controllerId: number;
    /** A controller always formats its own storage: with the stack's cluster id, or the one ZooKeeper holds when migrating. */
    readonly storageFormat: StorageFormat;
    /** The CONTROLLER listener published on its host, when other hosts dial it; none on one host. */
    readonly ports?: docker.types.input.ContainerPort[];
    /**
     * A secured stack: the files holding the brokers' SCRAM credential, which
     * the format step adds to the new cluster's metadata, and the CONTROLLER
     * listener's PLAIN login (secret contents, uploaded, never in env or command
     * line); the JVM options that name the JAAS file; and the client settings
     * its healthcheck dials the CONTROLLER listener with.
     * @default none (CONTROLLER is PLAINTEXT)
     */
    readonly security?: {
        readonly files: { readonly file: string; readonly content: pulumi.Input<string> }[];
        readonly formatArguments: readonly string[];
        readonly kafkaOpts: string;
        readonly clientPropertiesPath: string;
        readonly clientProperties: string;
    };
}

/**
 * One dedicated KRaft controller: its named metadata volume and its container,
 * reachable only on the stack's network (no published port) unless the stack
 * spans hosts, where its CONTROLLER port is published on its host. The volume is
 * kept and protected like a broker's: in a static quorum a controller must
 * never come back on an empty log, which could elect a leader missing
 * committed metadata.
 */
export class KraftController extends pulumi.ComponentResource {
    public readonly container: docker.Container;
    /** The controller's metadata log. */
    public readonly metadataVolume: docker.Volume;

    constructor(name: string, args: KraftControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KraftController", name, {}, opts);
        const node = kafkaNode(
            name,
            {
                ...args,
                alias: controllerAlias(args.controllerId),
                secrets: args.security && {
                    ...args.security,
                    files: [{ file: args.security.clientPropertiesPath, content: args.security.clientProperties }, ...args.security.files],
                },
                healthcheck: {
                    path: CONTROLLER_HEALTHCHECK_PATH,
                    script: renderControllerHealthcheck({ controllerId: args.controllerId, kafkaBin: `${args.kafkaHome}/bin`, commandConfig: args.security?.clientPropertiesPath }),
                    check: CONTROLLER_HEALTHCHECK,
                    waitSeconds: BROKER_WAIT_SECONDS,
                },
            },
            this,
        );
        this.container = node.container;
        this.metadataVolume = node.dataVolume;
        this.registerOutputs({});
    }
}

/** Where controller `index` runs: the engine, network and address it gets, and its published port. */
export interface ControllerSite {
    readonly imageId: pulumi.Input<string>;
    readonly networkName: pulumi.Input<string>;
    readonly ipv4Address: string;
    readonly ports?: docker.types.input.ContainerPort[];
    /** Extra labels (its host, when spread over hosts). */
    readonly labels?: Record<string, string>;
    /** Resource options: parent, and the host's provider when spread over hosts. */
    readonly opts: pulumi.ComponentResourceOptions;
}

export interface ControllerQuorumArgs {
    readonly stack: string;
    readonly names: DockerNames;
    readonly controllerCount: number;
    readonly kafkaHome: string;
    readonly heapMb: number;
    readonly brokerCount: number;
    readonly userProperties: Readonly<Record<string, string>>;
    /** Each controller's `address:port` when spread over hosts; absent, their aliases on the stack's network. */
    readonly onHosts?: ReadonlyMap<number, string>;
    readonly data: { readonly protect: boolean; readonly keepDataOnDestroy: boolean };
    /** The stack already runs its controllers: a change replaces them one at a time. */
    readonly controllersRunning: boolean;
    /** Where their storage's cluster id comes from: the stack's own, or ZooKeeper's when migrating. */
    readonly storageFormat: StorageFormat;
    /** Migration phases 1-3: the controllers also talk to ZooKeeper. */
    readonly migratingFrom?: { readonly zookeeperConnect: string };
    /** What every controller starts after (ZooKeeper, whose cluster id a migrating controller reads). */
    readonly startAfter?: pulumi.Resource[];
    /** A secured stack: SASL/PLAIN on CONTROLLER, and the controllers authorize what brokers forward to them. */
    readonly security?: BrokerSecurity;
    /** A secured stack: the credential files (the format step's, the CONTROLLER login) and the settings that use them. */
    readonly credentials?: KraftControllerArgs["security"];
    readonly site: (index: number) => ControllerSite;
}

export interface ControllerQuorum {
    readonly controllers: KraftController[];
    /** controller.quorum.voters, as brokers are told it. */
    readonly voters: string;
}

/**
 * Dedicated KRaft controllers on the brokers' image, one formatted cluster id,
 * on one host or spread over hosts alike. In a running stack each controller
 * starts after the previous one is caught up, so a change takes at most one
 * vote out of the quorum at a time; on a cold start they start together, since
 * none can be caught up before a majority runs.
 */
export function controllerQuorum(name: string, args: ControllerQuorumArgs): ControllerQuorum {
    const controllers: KraftController[] = [];
    for (const controllerId of controllerIds(args.controllerCount)) {
        const index = controllerId - CONTROLLER_ID_BASE;
        const previous = controllers[controllers.length - 1];
        const site = args.site(index);
        controllers.push(
            new KraftController(
                `${name}-controller-${index}`,
                {
                    controllerId,
                    containerName: args.names.controller(index),
                    dataVolumeName: args.names.controllerDataVolume(index),
                    imageId: site.imageId,
                    kafkaHome: args.kafkaHome,
                    heapMb: args.heapMb,
                    serverProperties: renderControllerProperties({
                        controllerId,
                        controllerCount: args.controllerCount,
                        brokerCount: args.brokerCount,
                        userProperties: args.userProperties,
                        onHosts: args.onHosts,
                        migratingFrom: args.migratingFrom,
                        security: args.security,
                    }),
                    storageFormat: args.storageFormat,
                    security: args.credentials,
                    networkName: site.networkName,
                    ipv4Address: site.ipv4Address,
                    ports: site.ports,
                    labels: dockerLabels(args.stack, "controller", { "node-id": String(controllerId), ...site.labels }),
                    ...args.data,
                    startAfter: [...(args.startAfter ?? []), ...(args.controllersRunning && previous ? [previous.container] : [])],
                },
                site.opts,
            ),
        );
    }
    return { controllers, voters: controllerQuorumVoters(args.controllerCount, args.onHosts) };
}
