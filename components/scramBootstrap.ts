import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { ZOOKEEPER_CLIENT_PORT } from "../lib/render/listeners";
import { networkAliases } from "../lib/render/names";
import {
    ADMIN_CLIENT_PROPERTIES_PATH,
    ADMIN_SCRAM_FILE_PATH,
    BROKER_JAAS_PATH,
    BROKER_SCRAM_FILE_PATH,
    INTER_BROKER_USERNAME,
    renderAdminClientProperties,
    renderScramCredentialFile,
    renderScramJaas,
} from "../lib/render/security";
import { oneShotContainer } from "./containerSettings";

/**
 * Where the credentials are written: straight into ZooKeeper before any broker
 * runs, or (KRaft mode) through the running brokers' Admin API, logged in as
 * the brokers' own principal, whose credential the controllers formatted in.
 */
export type ScramBootstrapTarget =
    | { readonly kind: "zookeeper"; readonly zookeeper: pulumi.Resource }
    | { readonly kind: "brokers"; readonly bootstrapServers: string; readonly brokers: pulumi.Resource[] };

export interface ScramBootstrapArgs {
    readonly containerName: string;
    /** The broker image: its kafka-configs.sh writes the credentials. */
    readonly imageId: pulumi.Input<string>;
    readonly kafkaHome: string;
    readonly adminUsername: string;
    readonly adminPassword: pulumi.Input<string>;
    /** The brokers' own password (INTER_BROKER_USERNAME). */
    readonly brokerPassword: pulumi.Input<string>;
    readonly networkName: pulumi.Input<string>;
    readonly labels: { label: string; value: string }[];
    readonly target: ScramBootstrapTarget;
}

/**
 * The credentials nobody else can write. In ZooKeeper mode brokers
 * authenticate to each other (as INTER_BROKER_USERNAME), so that credential
 * must be in ZooKeeper before the first broker starts, and no broker can write
 * it (`--bootstrap-server` needs one); nor can the Kafka provider write the
 * admin's own, which it logs in with. A one-shot container of the broker image
 * writes both straight into ZooKeeper and exits; the brokers start after it.
 * In KRaft mode the controllers format the brokers' credential into the
 * metadata, and this container writes the admin's through the brokers once
 * they are healthy; the provider starts after it.
 * `up` waits for it (`attach`). It runs again only when a password changes (its
 * uploaded files change): rotating the admin's password replaces this
 * container and nothing else, and the running brokers pick the new credential
 * up at once.
 */
export class ScramBootstrap extends pulumi.ComponentResource {
    /** The finished one-shot container; what needs the credentials depends on it. */
    public readonly container: docker.Container;

    constructor(name: string, args: ScramBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:ScramBootstrap", name, {}, opts);
        const target = args.target;
        const adminFile = { file: ADMIN_SCRAM_FILE_PATH, content: pulumi.secret(pulumi.output(args.adminPassword).apply(renderScramCredentialFile)) };
        const steps =
            target.kind === "zookeeper"
                ? {
                      writes: [writeToZooKeeper(args.kafkaHome, args.adminUsername, ADMIN_SCRAM_FILE_PATH), writeToZooKeeper(args.kafkaHome, INTER_BROKER_USERNAME, BROKER_SCRAM_FILE_PATH)],
                      files: [adminFile, { file: BROKER_SCRAM_FILE_PATH, content: pulumi.secret(pulumi.output(args.brokerPassword).apply(renderScramCredentialFile)) }],
                      envs: [],
                      after: [target.zookeeper],
                  }
                : {
                      writes: [writeThroughBrokers(args.kafkaHome, target.bootstrapServers, args.adminUsername)],
                      files: [
                          adminFile,
                          // Logged in as the brokers' principal, a super user, from a JAAS file as the brokers are.
                          { file: BROKER_JAAS_PATH, content: pulumi.secret(pulumi.output(args.brokerPassword).apply((password) => renderScramJaas(["KafkaClient"], INTER_BROKER_USERNAME, password))) },
                          { file: ADMIN_CLIENT_PROPERTIES_PATH, content: renderAdminClientProperties() },
                      ],
                      envs: [`KAFKA_OPTS=-Djava.security.auth.login.config=${BROKER_JAAS_PATH}`],
                      after: target.brokers,
                  };
        this.container = oneShotContainer(
            `${name}-container`,
            {
                containerName: args.containerName,
                imageId: args.imageId,
                networkName: args.networkName,
                labels: args.labels,
                // The passwords are read from the uploaded files, never from the command line or env.
                command: ["sh", "-c", steps.writes.join(" && ")],
                envs: ["KAFKA_HEAP_OPTS=-Xmx128m", ...steps.envs],
                uploads: steps.files,
                logs: true,
                failure: (code) => `${args.containerName} (writing the stack's SCRAM credentials) exited with ${code}; see docker logs ${args.containerName}`,
            },
            { parent: this, dependsOn: steps.after },
        );
        this.registerOutputs({});
    }
}

/** kafka-configs.sh writing one user's SCRAM credential from a file straight into ZooKeeper. */
function writeToZooKeeper(kafkaHome: string, username: string, file: string): string {
    const zookeeper = `${networkAliases.zookeeper}:${ZOOKEEPER_CLIENT_PORT}`;
    return `${kafkaHome}/bin/kafka-configs.sh --zookeeper ${zookeeper} --alter --add-config-file ${file} --entity-type users --entity-name '${username}'`;
}

/** kafka-configs.sh writing the admin's SCRAM credential through the brokers' Admin API (the same file form). */
function writeThroughBrokers(kafkaHome: string, bootstrapServers: string, username: string): string {
    return `${kafkaHome}/bin/kafka-configs.sh --bootstrap-server ${bootstrapServers} --command-config ${ADMIN_CLIENT_PROPERTIES_PATH} --alter --add-config-file ${ADMIN_SCRAM_FILE_PATH} --entity-type users --entity-name '${username}'`;
}
