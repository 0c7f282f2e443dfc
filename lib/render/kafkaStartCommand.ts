import { SERVER_PROPERTIES_PATH } from "./serverProperties";

// How a Kafka container starts. ZooKeeper-mode brokers start the server at once.
// A KRaft node (controller or broker) needs its storage formatted with the
// cluster id first; the container does it on every start, and
// --ignore-formatted makes every start after the first leave the kept volume
// as it is, so the format step is part of the program, not a manual step.

/** `formatArguments`: extra `kafka-storage format` arguments (a secured controller's `--add-scram`). */
export function kafkaStartCommand(kafkaBin: string, kraftClusterId?: string, formatArguments: readonly string[] = []): string[] {
    const start = `${kafkaBin}/kafka-server-start.sh`;
    if (kraftClusterId === undefined) {
        return [start, SERVER_PROPERTIES_PATH];
    }
    const format = `${kafkaBin}/kafka-storage.sh format --ignore-formatted --cluster-id ${kraftClusterId} --config ${SERVER_PROPERTIES_PATH}${formatArguments.map((argument) => ` ${argument}`).join("")}`;
    // exec: the server replaces the shell, so a container stop's SIGTERM reaches it and it shuts down cleanly.
    return ["sh", "-c", `${format} && exec ${start} ${SERVER_PROPERTIES_PATH}`];
}
