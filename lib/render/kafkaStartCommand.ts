import { BROKER_DATA_DIR, SERVER_PROPERTIES_PATH } from "./serverProperties";

// How a Kafka container starts. ZooKeeper-mode brokers start the server at once.
// A KRaft node (controller or broker) needs its storage formatted with the
// cluster id first; the container does it on every start, and
// --ignore-formatted makes every start after the first leave the kept volume
// as it is, so the format step is part of the program, not a manual step.

/** Where a KRaft node's storage gets its cluster id from before its first start. */
export type StorageFormat =
    /** A new KRaft cluster: the id the program derives for the stack. */
    | { readonly clusterId: string }
    /**
     * A controller of a migration from ZooKeeper: the id ZooKeeper already holds
     * at /cluster/id, which the brokers carry in their meta.properties; a
     * controller formatted with any other id would never be let into the cluster.
     */
    | { readonly clusterIdFromZooKeeper: string };

/** Seconds the controller waits for ZooKeeper's answer before the start fails (and Docker restarts it). */
export const CLUSTER_ID_READ_SECONDS = 60;

/** `formatArguments`: extra `kafka-storage format` arguments (a secured controller's `--add-scram`). */
export function kafkaStartCommand(kafkaBin: string, format?: StorageFormat, formatArguments: readonly string[] = []): string[] {
    const start = `${kafkaBin}/kafka-server-start.sh`;
    if (format === undefined) {
        return [start, SERVER_PROPERTIES_PATH];
    }
    const formatWith = (clusterId: string) =>
        `${kafkaBin}/kafka-storage.sh format --ignore-formatted --cluster-id ${clusterId} --config ${SERVER_PROPERTIES_PATH}${formatArguments.map((argument) => ` ${argument}`).join("")}`;
    // exec: the server replaces the shell, so a container stop's SIGTERM reaches it and it shuts down cleanly.
    if ("clusterId" in format) {
        return ["sh", "-c", `${formatWith(format.clusterId)} && exec ${start} ${SERVER_PROPERTIES_PATH}`];
    }
    // ZooKeeper is read only while the volume is unformatted: once formatted, the
    // controller keeps its id, and after ZooKeeper is gone (migration phase 5) a
    // controller that lost its volume fails to start instead of joining on an empty log.
    const readId =
        `id=$(KAFKA_HEAP_OPTS=-Xmx128m timeout ${CLUSTER_ID_READ_SECONDS} ${kafkaBin}/zookeeper-shell.sh ${format.clusterIdFromZooKeeper} get /cluster/id 2>/dev/null` +
        ` | sed -n 's/.*"id":"\\([^"]*\\)".*/\\1/p')`;
    const missing = `echo "no cluster id at /cluster/id in ZooKeeper ${format.clusterIdFromZooKeeper}" >&2`;
    return [
        "sh",
        "-c",
        `[ -f ${BROKER_DATA_DIR}/meta.properties ] || { ${readId}; [ -n "$id" ] || { ${missing}; exit 1; }; ${formatWith('"$id"')} || exit 1; }; exec ${start} ${SERVER_PROPERTIES_PATH}`,
    ];
}
