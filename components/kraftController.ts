import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { controllerAlias } from "../lib/render/controllerQuorum";
import { CONTROLLER_HEALTHCHECK_PATH, renderControllerHealthcheck } from "../lib/render/controllerHealthcheck";
import { BROKER_WAIT_SECONDS, CONTROLLER_HEALTHCHECK } from "../lib/render/healthchecks";
import { kafkaNode, KafkaNodeSettings } from "./kafkaNode";

export interface KraftControllerArgs extends KafkaNodeSettings {
    /** Node id, 1001.. (controllerQuorum.ts). */
    readonly controllerId: number;
    readonly kraftClusterId: string;
    /**
     * A secured stack: the files holding the admin's and the brokers' SCRAM
     * credentials, which the format step adds to the new cluster's metadata.
     * @default none
     */
    readonly security?: { readonly files: { readonly file: string; readonly content: pulumi.Input<string> }[]; readonly formatArguments: readonly string[] };
}

/**
 * One dedicated KRaft controller: its named metadata volume and its container,
 * reachable only on the stack's network (no published port). The volume is
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
                secrets: args.security,
                healthcheck: {
                    path: CONTROLLER_HEALTHCHECK_PATH,
                    script: renderControllerHealthcheck({ controllerId: args.controllerId, kafkaBin: `${args.kafkaHome}/bin` }),
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
