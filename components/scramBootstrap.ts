import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { ZOOKEEPER_CLIENT_PORT } from "../lib/render/listeners";
import { networkAliases } from "../lib/render/names";
import { ADMIN_SCRAM_FILE_PATH, BROKER_SCRAM_FILE_PATH, INTER_BROKER_USERNAME, renderScramCredentialFile } from "../lib/render/security";

export interface ScramBootstrapArgs {
    readonly containerName: string;
    /** The broker image: its kafka-configs.sh writes the credential. */
    readonly imageId: pulumi.Input<string>;
    readonly kafkaHome: string;
    readonly adminUsername: string;
    readonly adminPassword: pulumi.Input<string>;
    /** The brokers' own password (INTER_BROKER_USERNAME). */
    readonly brokerPassword: pulumi.Input<string>;
    readonly networkName: pulumi.Input<string>;
    readonly labels: { label: string; value: string }[];
    /** ZooKeeper's container, healthy before this runs. */
    readonly zookeeper: pulumi.Resource;
}

/**
 * ZooKeeper mode's bootstrap problem: brokers authenticate to each other (as
 * INTER_BROKER_USERNAME), so that credential must be in ZooKeeper before the
 * first broker starts, and no broker can write it (`--bootstrap-server` needs
 * one); nor can the Kafka provider write the admin's own, which it logs in with.
 * A one-shot container of the broker image writes both straight into ZooKeeper
 * and exits; `up` waits for it (`attach`), and the brokers start after it. It
 * runs again only when a password changes (its uploaded files change): rotating
 * the admin's password replaces this container and nothing else, and the
 * running brokers pick the new credential up from ZooKeeper.
 * In KRaft mode this step is `kafka-storage format --add-scram` instead.
 */
export class ScramBootstrap extends pulumi.ComponentResource {
    /** The finished one-shot container; brokers depend on it. */
    public readonly container: docker.Container;

    constructor(name: string, args: ScramBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:ScramBootstrap", name, {}, opts);
        this.container = new docker.Container(
            `${name}-container`,
            {
                name: args.containerName,
                image: args.imageId,
                networksAdvanced: [{ name: args.networkName }],
                labels: args.labels,
                // The passwords are read from the uploaded files, never from the command line or env.
                command: [
                    "sh",
                    "-c",
                    [
                        writeCredential(args.kafkaHome, args.adminUsername, ADMIN_SCRAM_FILE_PATH),
                        writeCredential(args.kafkaHome, INTER_BROKER_USERNAME, BROKER_SCRAM_FILE_PATH),
                    ].join(" && "),
                ],
                envs: ["KAFKA_HEAP_OPTS=-Xmx128m"],
                uploads: [
                    { file: ADMIN_SCRAM_FILE_PATH, content: pulumi.secret(pulumi.output(args.adminPassword).apply(renderScramCredentialFile)) },
                    { file: BROKER_SCRAM_FILE_PATH, content: pulumi.secret(pulumi.output(args.brokerPassword).apply(renderScramCredentialFile)) },
                ],
                // Run once to completion and stay, exited, as the record that it ran:
                // a removed container would be created (and run) again on every up.
                attach: true,
                logs: true,
                mustRun: false,
                restart: "no",
            },
            { parent: this, dependsOn: [args.zookeeper], deleteBeforeReplace: true },
        );
        // The docker provider records a failed run's exit code without failing; fail here, naming why.
        this.container.exitCode.apply((code) => {
            if (code !== undefined && code !== 0) {
                throw new Error(`${args.containerName} (the admin's and the brokers' SCRAM credentials in ZooKeeper) exited with ${code}; see docker logs ${args.containerName}`);
            }
        });
        this.registerOutputs({});
    }
}

/** kafka-configs.sh writing one user's SCRAM credential from a file straight into ZooKeeper. */
function writeCredential(kafkaHome: string, username: string, file: string): string {
    const zookeeper = `${networkAliases.zookeeper}:${ZOOKEEPER_CLIENT_PORT}`;
    return `${kafkaHome}/bin/kafka-configs.sh --zookeeper ${zookeeper} --alter --add-config-file ${file} --entity-type users --entity-name '${username}'`;
}
