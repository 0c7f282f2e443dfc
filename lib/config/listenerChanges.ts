import type { BrokerRollout } from "../../config";

// A change of advertisedHost, bindAddress or externalPortBase rewrites every
// broker's advertised listeners, and with them its container: the preview shows
// the replacements, but not that clients holding the old addresses stop working,
// nor that a parallel rollout takes every broker down at once. Said here, as a
// warning in the preview, by comparing with what the stack last recorded.

/** One broker of the stack's `brokers` output as last recorded. */
export interface RecordedBroker {
    readonly id?: unknown;
    readonly advertisedListeners?: unknown;
}

export interface PlannedBroker {
    readonly id: number;
    readonly advertisedListeners: string;
}

export function listenerChangeWarnings(recorded: readonly RecordedBroker[] | undefined, planned: readonly PlannedBroker[], rollout: BrokerRollout): string[] {
    const changed = planned.filter((broker) => {
        const before = recorded?.find((candidate) => candidate.id === broker.id)?.advertisedListeners;
        return typeof before === "string" && before !== broker.advertisedListeners;
    });
    if (changed.length === 0) {
        return [];
    }
    const ids = changed.map((broker) => broker.id).join(", ");
    const how =
        rollout === "parallel"
            ? "all at once (brokerRollout parallel): the cluster is unavailable until they are back"
            : "one at a time (brokerRollout rolling)";
    return [
        `the advertised listeners of broker${changed.length === 1 ? "" : "s"} ${ids} change, so ${changed.length === 1 ? "its container is" : "their containers are"} replaced ${how}; ` +
            "clients configured with the old bootstrap addresses can no longer connect: give them the new externalBootstrapServers output",
    ];
}
