import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CommandResult, run } from "./docker";
import { TEST_IMAGES } from "./paths";

// Kafka's own console tools against a secured cluster, in throwaway containers
// of the broker image: on the host's network for the EXTERNAL listeners (as a
// client on the host dials them), or on the stack's network for INTERNAL and a
// KRaft controller's CONTROLLER listener. The client's settings and the CA it
// trusts are mounted read-only.

export type Route =
    | { readonly kind: "external"; readonly bootstrap: string }
    | { readonly kind: "internal"; readonly network: string; readonly bootstrap: string }
    /** Tools that take --bootstrap-controller (kafka-metadata-quorum.sh). */
    | { readonly kind: "controller"; readonly network: string; readonly bootstrap: string };

export interface Login {
    readonly username: string;
    readonly password: string;
    /** SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (the KRaft CONTROLLER listener's). @default SCRAM-SHA-512 */
    readonly mechanism?: string;
}

export interface ClientSettings {
    /** Absent: no SASL at all (an unauthenticated client). */
    readonly login?: Login;
    /** SASL_SSL: the PEM CA the client trusts; "system" trusts only the JVM's default CAs. */
    readonly trust?: { readonly caPem: string } | "system";
}

/** Fails fast: a refused client is reported within seconds, not after Kafka's default minute. */
const QUICK_FAILURE = ["request.timeout.ms=8000", "default.api.timeout.ms=15000"];

export function clientProperties(settings: ClientSettings): string[] {
    const tls = settings.trust !== undefined;
    const protocol = settings.login ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : tls ? "SSL" : "PLAINTEXT";
    const lines = [`security.protocol=${protocol}`, ...QUICK_FAILURE];
    if (settings.login) {
        const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
        const mechanism = settings.login.mechanism ?? "SCRAM-SHA-512";
        const loginModule = mechanism === "PLAIN" ? "org.apache.kafka.common.security.plain.PlainLoginModule" : "org.apache.kafka.common.security.scram.ScramLoginModule";
        lines.push(`sasl.mechanism=${mechanism}`, `sasl.jaas.config=${loginModule} required username="${escape(settings.login.username)}" password="${escape(settings.login.password)}";`);
    }
    if (settings.trust && settings.trust !== "system") {
        // Hostname verification stays Kafka's default (https): the SANs must match.
        lines.push("ssl.truststore.type=PEM", "ssl.truststore.location=/client/ca.pem");
    }
    return lines;
}

/**
 * Runs one of Kafka's bin/ tools as a client, or a class through kafka-run-class.sh
 * (`[script, class]`) for tools the test image does not ship a script for.
 */
export async function kafkaClientTool(
    route: Route,
    settings: ClientSettings,
    tool: string | readonly [string, string],
    args: readonly string[],
    options: { input?: string; extraProperties?: string[] } = {},
): Promise<CommandResult> {
    const [script, ...mainClass] = typeof tool === "string" ? [tool] : tool;
    const dir = clientDirectory(settings, options.extraProperties);
    try {
        const network = route.kind === "external" ? "host" : route.network;
        const configFlag = CONFIG_FLAGS[script] ?? "--command-config";
        return await run(
            "docker",
            [
                "run",
                "--rm",
                ...(options.input !== undefined ? ["-i"] : []),
                "--network",
                network,
                "-v",
                `${dir}:/client:ro`,
                "-e",
                "KAFKA_HEAP_OPTS=-Xmx128m",
                TEST_IMAGES.broker,
                `/opt/kafka/bin/${script}`,
                ...mainClass,
                route.kind === "controller" ? "--bootstrap-controller" : "--bootstrap-server",
                route.bootstrap,
                configFlag,
                "/client/client.properties",
                ...args,
            ],
            { input: options.input },
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * A directory to mount read-only at /client: client.properties with `settings`
 * (and `extraProperties`), and ca.pem when the client trusts a CA. Credentials
 * stay in files, never on a command line `docker inspect` would show. The
 * caller removes it (rmSync, recursive).
 */
export function clientDirectory(settings: ClientSettings, extraProperties: readonly string[] = []): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kafka-cluster-client-"));
    // The image's tools run as appuser (uid 1000), not as whoever runs the tests.
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, "client.properties"), [...clientProperties(settings), ...extraProperties, ""].join("\n"), { mode: 0o644 });
    if (settings.trust && settings.trust !== "system") writeFileSync(path.join(dir, "ca.pem"), settings.trust.caPem, { mode: 0o644 });
    return dir;
}

/** kafka-acls.sh, which the test image leaves out; the class is in Kafka's core jar. */
export const ACL_COMMAND = ["kafka-run-class.sh", "kafka.admin.AclCommand"] as const;

const CONFIG_FLAGS: Record<string, string> = {
    "kafka-console-producer.sh": "--producer.config",
    "kafka-console-consumer.sh": "--consumer.config",
};

/** Produces `values`, one per line; resolves with the tool's result (code 0 when every send was acknowledged). */
export function produceLines(route: Route, settings: ClientSettings, topic: string, values: readonly string[]): Promise<CommandResult> {
    return kafkaClientTool(route, settings, "kafka-console-producer.sh", ["--topic", topic, "--producer-property", "acks=all"], {
        input: `${values.join("\n")}\n`,
        extraProperties: ["max.block.ms=15000", "delivery.timeout.ms=30000"],
    });
}

/** Reads a topic from the beginning with a consumer group; stops after `max` messages or 60 s without one (joining a group is slow on a busy host). */
export function consumeLines(route: Route, settings: ClientSettings, topic: string, group: string, max: number): Promise<CommandResult> {
    return kafkaClientTool(route, settings, "kafka-console-consumer.sh", ["--topic", topic, "--group", group, "--from-beginning", "--max-messages", String(max), "--timeout-ms", "60000"]);
}

/** Everything a tool said, for assertions on why it failed. */
export function said(result: CommandResult): string {
    return `${result.stdout}\n${result.stderr}`;
}
