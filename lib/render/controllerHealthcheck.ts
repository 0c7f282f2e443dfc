import { CONTROLLER_LISTENER_PORT } from "./controllerQuorum";
import { probeCommand } from "./probeJvm";

// A controller counts as healthy once the quorum's leader reports it caught up:
// it is the leader, or a follower whose fetches reach the end of the leader's
// log and who fetched within the last few seconds. Answering alone is not
// enough for a rolling change: a restarted controller still replaying the
// metadata log is not yet a vote the quorum can count on, and stopping the
// next controller then leaves the quorum one failure from losing its majority
// for longer than needed. Both conditions matter: the leader keeps the last
// fetch offset and time of a controller that is down, so a small lag alone
// could be a stale row from before the restart.

/** Where the rendered script is uploaded into the controller container. */
export const CONTROLLER_HEALTHCHECK_PATH = "/etc/kafka-cluster/controller-healthcheck.sh";
/** Records a follower may trail the leader by and still count as caught up (the leader writes a no-op record every 500 ms). */
export const CAUGHT_UP_MAX_LAG = 10;
/** A follower's last fetch must be this recent (ms): followers fetch continuously, so an older one means it is not fetching. */
export const CAUGHT_UP_MAX_FETCH_AGE_MS = 5000;

export interface ControllerHealthcheckInput {
    readonly controllerId: number;
    /** The distribution's bin directory inside the image. */
    readonly kafkaBin: string;
    /**
     * Client settings for a secured CONTROLLER listener (SASL/PLAIN); the login
     * itself comes from the JAAS file the container's KAFKA_OPTS names.
     * @default none (PLAINTEXT)
     */
    readonly commandConfig?: string;
}

/**
 * A POSIX sh script (busybox's sh, awk and date suffice). It prints why the
 * controller is not caught up (shown by `docker inspect` under State.Health)
 * and exits 1, or exits 0.
 */
export function renderControllerHealthcheck(input: ControllerHealthcheckInput): string {
    return [
        "#!/bin/sh",
        `# Controller ${input.controllerId}: healthy when the quorum's leader reports it caught up.`,
        "# Rendered by the stack; edit that, not this file.",
        `described=$(${probeCommand(`${input.kafkaBin}/kafka-metadata-quorum.sh`)} --bootstrap-controller 127.0.0.1:${CONTROLLER_LISTENER_PORT}${input.commandConfig ? ` --command-config ${input.commandConfig}` : ""} describe --replication 2>&1) || {`,
        '    printf "no answer from the quorum: %s\\n" "$described" | tail -n 3',
        "    exit 1",
        "}",
        // Columns: NodeId DirectoryId LogEndOffset Lag LastFetchTimestamp LastCaughtUpTimestamp Status
        `printf "%s\\n" "$described" | awk -v id=${input.controllerId} -v now="$(date +%s)000" '`,
        "    $1 == id {",
        "        found = 1",
        '        if ($7 == "Leader") exit 0',
        `        if ($7 == "Follower" && $4 <= ${CAUGHT_UP_MAX_LAG} && now - $5 <= ${CAUGHT_UP_MAX_FETCH_AGE_MS}) exit 0`,
        '        print "catching up: " $0',
        "        exit 1",
        "    }",
        '    END { if (!found) { print "not a voter of the quorum"; exit 1 } }',
        "'",
        "",
    ].join("\n");
}
