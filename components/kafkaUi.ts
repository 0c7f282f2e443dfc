import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { UI_HEALTHCHECK } from "../lib/render/healthchecks";
import { UI_CONTAINER_PORT } from "../lib/render/listeners";
import { networkAliases } from "../lib/render/names";
import { pinnedImage, serviceContainerDefaults, serviceContainerOptions } from "./containerSettings";

export interface KafkaUiArgs {
    readonly containerName: string;
    /** A pinned ghcr.io/kafbat/kafka-ui image (or one that reads the same settings). */
    readonly image: string;
    /** Name kafka-ui shows for the cluster. */
    readonly clusterName: string;
    /** INTERNAL listener addresses: kafka-ui runs on the Docker network, where the EXTERNAL ones point back at the host. */
    readonly bootstrapServers: string[];
    readonly bindAddress: string;
    readonly hostPort: number;
    readonly readOnly: boolean;
    /** A login form when set; the password stays a Pulumi secret. */
    readonly login?: { readonly username: string; readonly password: pulumi.Input<string> };
    readonly networkName: pulumi.Input<string>;
    readonly ipv4Address: string;
    readonly labels: { label: string; value: string }[];
    /**
     * kafka-ui's own SCRAM login on the INTERNAL listener (SASL_PLAINTEXT). The
     * JAAS file is uploaded and named by JAVA_TOOL_OPTIONS, which every JVM reads,
     * so the password is in neither the environment nor the command line.
     * @default none (PLAINTEXT)
     */
    readonly sasl?: { readonly mechanism: string; readonly jaas: pulumi.Input<string> };
}

/** Where kafka-ui's JAAS file (its SCRAM login) is uploaded. */
export const UI_JAAS_PATH = "/etc/kafka-ui/secrets/jaas.conf";

/** kafka-ui (the maintained kafbat fork of provectus kafka-ui), pointed at the INTERNAL listeners. */
export class KafkaUi extends pulumi.ComponentResource {
    constructor(name: string, args: KafkaUiArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaUi", name, {}, opts);
        const image = pinnedImage(`${name}-image`, args.image, this);
        const settings = [
            `KAFKA_CLUSTERS_0_NAME=${args.clusterName}`,
            `KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS=${args.bootstrapServers.join(",")}`,
            `KAFKA_CLUSTERS_0_READONLY=${args.readOnly}`,
            // Edits made in the UI would live only in the container and fight the stack.
            "DYNAMIC_CONFIG_ENABLED=false",
            `SERVER_PORT=${UI_CONTAINER_PORT}`,
            ...(args.sasl
                ? [
                      "KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL=SASL_PLAINTEXT",
                      `KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM=${args.sasl.mechanism}`,
                      `JAVA_TOOL_OPTIONS=-Djava.security.auth.login.config=${UI_JAAS_PATH}`,
                  ]
                : []),
        ];
        const login = args.login;
        const envs: pulumi.Input<string[]> = login
            ? pulumi
                  .secret(login.password)
                  .apply((password) => [
                      ...settings,
                      "AUTH_TYPE=LOGIN_FORM",
                      `SPRING_SECURITY_USER_NAME=${login.username}`,
                      `SPRING_SECURITY_USER_PASSWORD=${password}`,
                  ])
            : settings;
        new docker.Container(
            `${name}-container`,
            {
                name: args.containerName,
                image: image.imageId,
                ...serviceContainerDefaults({ networkName: args.networkName, alias: networkAliases.ui, ipv4Address: args.ipv4Address, labels: args.labels }),
                envs,
                uploads: args.sasl ? [{ file: UI_JAAS_PATH, content: args.sasl.jaas }] : undefined,
                ports: [{ internal: UI_CONTAINER_PORT, external: args.hostPort, ip: args.bindAddress, protocol: "tcp" }],
                healthcheck: UI_HEALTHCHECK,
                waitTimeout: 300,
            },
            { parent: this, ...serviceContainerOptions },
        );
        this.registerOutputs({});
    }
}
