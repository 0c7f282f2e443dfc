import { INTERNAL_LISTENER_PORT } from "./listeners";
import { acceptsConnections, probeCommand } from "./probeJvm";

// A broker counts as healthy once it answers requests and holds every partition
// it is a replica of in sync. Answering alone is not enough for a rolling change:
// a broker that has just restarted is still catching up, and stopping the next
// one then leaves its partitions with a single in-sync replica (writes with
// acks=all stop) until the first catches up. Waiting for the catch-up is what
// makes "one broker at a time" mean one replica at a time.

/** Where the rendered script is uploaded into the broker container. */
export const BROKER_HEALTHCHECK_PATH = "/etc/kafka-cluster/healthcheck.sh";

export interface BrokerHealthcheckInput {
    readonly brokerId: number;
    /** The distribution's bin directory inside the image. */
    readonly kafkaBin: string;
    /**
     * Client settings for a secured INTERNAL listener (SASL); the login itself
     * comes from the JAAS file the container's KAFKA_OPTS names.
     * @default none (PLAINTEXT)
     */
    readonly commandConfig?: string;
    /**
     * Where the broker is dialled: itself (Docker's healthcheck, inside its
     * container), or its alias on the stack's network (the container `up` waits
     * on, which asks the same question from beside it).
     * @default 127.0.0.1
     */
    readonly host?: string;
}

/**
 * A POSIX sh script (busybox's sh and awk suffice, as in the official image).
 * It exits 1 when the broker does not answer, and prints each partition it has
 * not caught up on (shown by `docker inspect` under State.Health) and exits 1
 * while there are any.
 */
export function renderBrokerHealthcheck(input: BrokerHealthcheckInput): string {
    return [
        "#!/bin/sh",
        `# Broker ${input.brokerId}: healthy when it answers on the INTERNAL listener and is in`,
        "# sync on every partition it holds. Rendered by the stack; edit that, not this file.",
        `described=$(${probeCommand(`${input.kafkaBin}/kafka-topics.sh`)} --bootstrap-server ${input.host ?? "127.0.0.1"}:${INTERNAL_LISTENER_PORT} --describe --under-replicated-partitions${input.commandConfig ? ` --command-config ${input.commandConfig}` : ""} 2>&1) || {`,
        '    printf "not answering: %s\\n" "$described" | tail -n 3',
        "    exit 1",
        "}",
        // Lines read: Topic: t  Partition: 0  Leader: 2  Replicas: 1,2,3  Isr: 2,3  ...
        `printf "%s\\n" "$described" | awk -v id=${input.brokerId} '`,
        "    {",
        '        replicas = ""; isr = ""',
        '        for (i = 1; i < NF; i++) {',
        '            if ($i == "Replicas:") replicas = "," $(i + 1) ","',
        '            if ($i == "Isr:") isr = "," $(i + 1) ","',
        "        }",
        '        if (index(replicas, "," id ",") && !index(isr, "," id ",")) { print "catching up: " $0; behind = 1 }',
        "    }",
        "    END { exit behind }'",
        "",
    ].join("\n");
}

/**
 * The shell loop `up` waits on for one broker (components/kafkaBroker.ts): until
 * its INTERNAL port accepts connections, a cheap check every 0.2 s (a probe's JVM
 * dialling a closed port would hang until PROBE_SECONDS); then the healthcheck
 * script, uploaded at BROKER_HEALTHCHECK_PATH and rendered for `host`, every 2 s
 * until it passes, so a broker catching up costs a JVM every few seconds, not a
 * JVM back to back.
 */
export function untilBrokerInSync(host: string): string {
    return [
        `until ${acceptsConnections(host, INTERNAL_LISTENER_PORT, 2)}; do sleep 0.2; done`,
        `until sh ${BROKER_HEALTHCHECK_PATH}; do sleep 2; done`,
    ].join("; ");
}
