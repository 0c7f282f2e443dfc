import { CONTROLLER_LISTENER_PORT } from "./controllerQuorum";
import { acceptsConnections, probeCommand } from "./probeJvm";
import { BROKER_DATA_DIR } from "./serverProperties";

// A controller counts as healthy once the quorum's leader reports it caught up:
// it is the leader, or a follower whose fetches reach the end of the leader's
// log and who fetched within the last few seconds. Answering alone is not
// enough for a rolling change: a restarted controller still replaying the
// metadata log is not yet a vote the quorum can count on, and stopping the
// next controller then leaves the quorum one failure from losing its majority
// for longer than needed. Both conditions matter: the leader keeps the last
// fetch offset and time of a controller that is down, so a small lag alone
// could be a stale row from before the restart.
//
// One failure the check also mends. A controller registers itself with the
// active controller at start (KIP-919); if that request cannot be sent within
// 5 s (a busy host, its own listener briefly unreachable), Kafka 3.9 never
// sends it again until the process restarts (fixed upstream in KAFKA-20247).
// Such a controller votes, but admin clients asking through
// --bootstrap-controller find no controller to ask, and a migration from
// ZooKeeper waits for its registration forever. Docker does not restart an
// unhealthy container, so the check does: when the listener accepts
// connections and the quorum has a leader, yet the quorum lists no controller
// to ask, several checks in a row, it stops the server and Docker's restart
// policy starts it again, which registers anew.

/** Where the rendered script is uploaded into the controller container. */
export const CONTROLLER_HEALTHCHECK_PATH = "/etc/kafka-cluster/controller-healthcheck.sh";
/** Records a follower may trail the leader by and still count as caught up (the leader writes a no-op record every 500 ms). */
export const CAUGHT_UP_MAX_LAG = 10;
/** A follower's last fetch must be this recent (ms): followers fetch continuously, so an older one means it is not fetching. */
export const CAUGHT_UP_MAX_FETCH_AGE_MS = 5000;
/**
 * The probe's admin client gives up on the quorum within this (ms), below
 * PROBE_SECONDS, so an unanswered question ends in Kafka's own reason rather
 * than in the probe's cut-off.
 */
export const PROBE_API_TIMEOUT_MS = 12_000;
/** What Kafka's admin client says when the controller it asked lists no controller to send the question to. */
export const NO_CONTROLLER_LISTED = "Timed out waiting for a node assignment";
/** Checks in a row that must find a controller unregistered before it is restarted (about 90 s at one check every 10 s). */
export const UNREGISTERED_CHECKS_BEFORE_RESTART = 4;

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
    /**
     * Where the check finds the server: its process id (the start command
     * execs the server, so it is the container's first process), its metadata
     * directory, and the port of its CONTROLLER listener.
     * @default { pid: 1, dataDir: BROKER_DATA_DIR, port: CONTROLLER_LISTENER_PORT }
     */
    readonly server?: { readonly pid: number; readonly dataDir: string; readonly port: number };
}

/**
 * A POSIX sh script (busybox's sh, awk and date suffice; bash only to see
 * whether a port accepts connections, acceptsConnections). It prints why the
 * controller is not caught up (shown by `docker inspect` under State.Health)
 * and exits 1, or exits 0.
 */
export function renderControllerHealthcheck(input: ControllerHealthcheckInput): string {
    const server = input.server ?? { pid: 1, dataDir: BROKER_DATA_DIR, port: CONTROLLER_LISTENER_PORT };
    const id = input.controllerId;
    return [
        "#!/bin/sh",
        `# Controller ${id}: healthy when the quorum's leader reports it caught up.`,
        "# Rendered by the stack; edit that, not this file.",
        `settings=/tmp/controller-${id}-healthcheck.properties`,
        `{ ${input.commandConfig ? `cat ${input.commandConfig}; ` : ""}printf "default.api.timeout.ms=${PROBE_API_TIMEOUT_MS}\\nrequest.timeout.ms=${PROBE_API_TIMEOUT_MS / 2}\\n"; } > "$settings"`,
        `described=$(${probeCommand(`${input.kafkaBin}/kafka-metadata-quorum.sh`)} --bootstrap-controller 127.0.0.1:${server.port} --command-config "$settings" describe --replication 2>&1) || {`,
        '    printf "no answer from the quorum: %s\\n" "$(printf "%s\\n" "$described" | grep -v "^[[:space:]]*at " | tail -n 2)"',
        ...restartIfUnregistered(id, server).map((line) => `    ${line}`),
        "    exit 1",
        "}",
        `rm -f ${unregisteredFile(id)}`,
        // Columns: NodeId DirectoryId LogEndOffset Lag LastFetchTimestamp LastCaughtUpTimestamp Status
        `printf "%s\\n" "$described" | awk -v id=${id} -v now="$(date +%s)000" '`,
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

/** Counts this server run's checks in a row that found it unregistered: "<run> <count>". */
function unregisteredFile(controllerId: number): string {
    return `/tmp/controller-${controllerId}-unregistered`;
}

/**
 * Shell lines run after an unanswered check: count it when it has the
 * signature of a lost registration, and stop the server at the limit. The
 * server's start time (field 22 of its stat) names the run, so a count never
 * outlives the process it was about.
 */
function restartIfUnregistered(controllerId: number, server: { pid: number; dataDir: string; port: number }): string[] {
    const file = unregisteredFile(controllerId);
    const restart = `controller ${controllerId} has been unregistered for ${UNREGISTERED_CHECKS_BEFORE_RESTART} checks in a row (its listener answers and the quorum has a leader, but lists no controller to ask): restarting it, since Kafka does not retry a registration that timed out at start`;
    return [
        `leader=$(sed -n 's/.*"leaderId":\\(-\\{0,1\\}[0-9]*\\).*/\\1/p' ${server.dataDir}/__cluster_metadata-0/quorum-state 2>/dev/null)`,
        `if printf "%s" "$described" | grep -q "${NO_CONTROLLER_LISTED}" && [ "\${leader:--1}" -ge 0 ] && ${acceptsConnections("127.0.0.1", server.port, 2)}; then`,
        `    run=$(cut -d " " -f 22 /proc/${server.pid}/stat)`,
        `    set -- $(cat ${file} 2>/dev/null)`,
        '    if [ "$1" = "$run" ]; then count=$(($2 + 1)); else count=1; fi',
        `    if [ "$count" -ge ${UNREGISTERED_CHECKS_BEFORE_RESTART} ]; then`,
        `        echo "${restart}"`,
        // Into the server's own output too, so `docker logs` says why it stopped (appended: never truncate a log file).
        `        echo "[kafka-cluster healthcheck] ${restart}" 2>/dev/null >> /proc/${server.pid}/fd/1`,
        `        rm -f ${file}`,
        `        kill -TERM ${server.pid}`,
        "    else",
        `        echo "$run $count" > ${file}`,
        `        echo "unregistered: check $count of ${UNREGISTERED_CHECKS_BEFORE_RESTART} before a restart"`,
        "    fi",
        "else",
        `    rm -f ${file}`,
        "fi",
    ];
}
