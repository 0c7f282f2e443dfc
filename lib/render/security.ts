import { escapePropertyValue } from "./properties";

// Listener security as data (DESIGN.md §7): what a secured broker's
// server.properties says about SASL, the authorizer and TLS, and the small files
// that carry credentials into containers. Credentials never go into
// server.properties, a command line or an environment variable (all of which
// `docker inspect` shows); they go into files uploaded into the container,
// which only root on the host (or a process in that container) can read.

/** Where secret-bearing files are uploaded inside a container. */
export const SECRETS_DIR = "/etc/kafka-cluster/secrets";
/** JAAS file with the admin's credential: the brokers' inter-broker login, and the healthcheck's client login. */
export const BROKER_JAAS_PATH = `${SECRETS_DIR}/broker-jaas.conf`;
/** Client settings without a secret (the JAAS file supplies the login). */
export const ADMIN_CLIENT_PROPERTIES_PATH = "/etc/kafka-cluster/admin-client.properties";
/** The broker's key and certificate chain, PEM (KIP-651: no keytool, no JKS). */
export const BROKER_KEYSTORE_PATH = `${SECRETS_DIR}/broker-keystore.pem`;
/** The admin's SCRAM credential as kafka-configs.sh --add-config-file reads it. */
export const ADMIN_SCRAM_FILE_PATH = `${SECRETS_DIR}/admin-scram.properties`;

/** The mechanism brokers use among themselves and the admin uses. */
export const INTER_BROKER_MECHANISM = "SCRAM-SHA-512";
/** Iterations of the admin's credential (Kafka's minimum is 4096). */
export const ADMIN_SCRAM_ITERATIONS = 8192;

export interface BrokerSecurity {
    readonly adminUsername: string;
    /** TLS on the EXTERNAL listener (SASL_SSL); false keeps it SASL_PLAINTEXT. */
    readonly externalTls: boolean;
}

/** listener.security.protocol.map entries for INTERNAL and EXTERNAL. */
export function listenerProtocols(security: BrokerSecurity | undefined): { INTERNAL: string; EXTERNAL: string } {
    if (!security) return { INTERNAL: "PLAINTEXT", EXTERNAL: "PLAINTEXT" };
    return { INTERNAL: "SASL_PLAINTEXT", EXTERNAL: security.externalTls ? "SASL_SSL" : "SASL_PLAINTEXT" };
}

/** The properties a secured ZooKeeper-mode broker adds; none holds a secret. */
export function brokerSecurityProperties(security: BrokerSecurity): Record<string, string> {
    return {
        // Both SCRAM mechanisms, so a user may hold either; brokers talk SHA-512.
        "sasl.enabled.mechanisms": "SCRAM-SHA-512,SCRAM-SHA-256",
        "sasl.mechanism.inter.broker.protocol": INTER_BROKER_MECHANISM,
        "authorizer.class.name": "kafka.security.authorizer.AclAuthorizer",
        "super.users": `User:${security.adminUsername}`,
        // Kafka's default; stated because everything else here depends on it.
        "allow.everyone.if.no.acl.found": "false",
        ...(security.externalTls
            ? {
                  "listener.name.external.ssl.keystore.type": "PEM",
                  "listener.name.external.ssl.keystore.location": BROKER_KEYSTORE_PATH,
              }
            : {}),
    };
}

/** Java system properties for the broker's JVM (KAFKA_OPTS): where the JAAS file is. */
export function brokerJvmOptions(): string {
    // No SASL towards ZooKeeper: it sits on the stack's private network only.
    return `-Djava.security.auth.login.config=${BROKER_JAAS_PATH} -Dzookeeper.sasl.client=false`;
}

/**
 * A JAAS file for one SCRAM login. `KafkaServer` is the broker's own login on
 * its SASL listeners (what it presents to other brokers); `KafkaClient` is what
 * Kafka's client tools in the same JVM environment use (the healthcheck).
 */
export function renderScramJaas(sections: readonly ("KafkaServer" | "KafkaClient")[], username: string, password: string): string {
    const login = ["    org.apache.kafka.common.security.scram.ScramLoginModule required", `    username="${jaasEscape(username)}"`, `    password="${jaasEscape(password)}";`];
    return sections.map((section) => [`${section} {`, ...login, "};"].join("\n")).join("\n") + "\n";
}

/** Client settings for Kafka's tools inside a broker container; the login comes from the JAAS file. */
export function renderAdminClientProperties(): string {
    return [`security.protocol=SASL_PLAINTEXT`, `sasl.mechanism=${INTER_BROKER_MECHANISM}`, ""].join("\n");
}

/**
 * The admin's credential for `kafka-configs.sh --zookeeper ... --add-config-file`:
 * that path takes the value without the brackets --add-config uses, so any
 * password character survives.
 */
export function renderAdminScramFile(password: string): string {
    return `${INTER_BROKER_MECHANISM}=${escapePropertyValue(`iterations=${ADMIN_SCRAM_ITERATIONS},password=${password}`)}\n`;
}

/** JAAS quoted strings take backslash escapes. */
function jaasEscape(value: string): string {
    return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}
