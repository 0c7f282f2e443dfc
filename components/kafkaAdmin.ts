import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";

export interface KafkaAdminArgs {
    /**
     * EXTERNAL listener addresses, known before anything runs: a provider whose
     * settings were unknown at preview could not show what would happen to topics.
     */
    readonly bootstrapServers: string[];
    /** The brokers must be healthy before the provider dials them. */
    readonly brokersReady: pulumi.Resource[];
    /**
     * Where the provider was declared before, for stacks that recorded it there;
     * without them the engine would see a new provider and revisit every topic.
     * @default none
     */
    readonly providerAliases?: pulumi.Input<pulumi.Alias>[];
    /**
     * Authenticate as the admin (SCRAM-SHA-512) and, when the EXTERNAL listener
     * has TLS, trust this CA with hostname verification on.
     * @default none (PLAINTEXT)
     */
    readonly security?: {
        readonly username: string;
        readonly password: pulumi.Input<string>;
        readonly caCertPem?: pulumi.Input<string>;
    };
}

/**
 * The stack's one connection to Kafka's admin API: topics, and everything else
 * managed inside Kafka, go through this provider.
 */
export class KafkaAdmin extends pulumi.ComponentResource {
    public readonly provider: kafka.Provider;

    constructor(name: string, args: KafkaAdminArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaAdmin", name, {}, opts);
        const security = args.security;
        this.provider = new kafka.Provider(
            `${name}-provider`,
            {
                bootstrapServers: args.bootstrapServers,
                // The provider's default is true, which fails against PLAINTEXT listeners
                // with an unhelpful "run out of available brokers".
                tlsEnabled: security?.caCertPem !== undefined,
                ...(security
                    ? {
                          saslMechanism: "scram-sha512",
                          saslUsername: security.username,
                          saslPassword: pulumi.secret(security.password),
                          caCert: security.caCertPem,
                          skipTlsVerify: false,
                      }
                    : {}),
            },
            {
                parent: this,
                dependsOn: args.brokersReady,
                aliases: args.providerAliases,
            },
        );
        this.registerOutputs({});
    }
}
