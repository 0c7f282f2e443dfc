import type { MetadataQuorum } from "../render/serverProperties";

// What a running stack's recorded outputs say about its metadata service, and
// which planned changes to it are refused. Switching a stack between ZooKeeper
// and KRaft in one `up` would start brokers against an empty metadata service:
// every topic would vanish from the cluster's view. Changing the voters of a
// static KRaft quorum would start new controllers on empty logs, which the
// Kafka docs warn can elect a leader that lacks committed metadata.

/** The outputs a stack records about its metadata service (index.ts). */
export interface RecordedMetadata {
    /** Recorded by ZooKeeper-mode stacks. */
    readonly zookeeperConnect?: unknown;
    /** Recorded by KRaft-mode stacks: controller.quorum.voters. */
    readonly controllerQuorumVoters?: unknown;
}

/** The mode and quorum size the stack runs, or undefined for a stack that has not run yet. */
export function recordedQuorum(recorded: RecordedMetadata): MetadataQuorum | undefined {
    if (typeof recorded.controllerQuorumVoters === "string") {
        return { mode: "kraft", controllerCount: recorded.controllerQuorumVoters.split(",").length };
    }
    return typeof recorded.zookeeperConnect === "string" ? { mode: "zookeeper" } : undefined;
}

export function metadataChangeProblems(running: MetadataQuorum | undefined, planned: MetadataQuorum): string[] {
    if (running === undefined) {
        return [];
    }
    if (running.mode !== planned.mode) {
        return [
            `metadataMode is ${planned.mode} but the stack runs ${running.mode} mode; switching in place would start the brokers against an empty metadata service and lose every topic. ` +
                `Moving a running cluster from ZooKeeper to KRaft takes the phased migration (README, "KRaft mode"), which is not built yet; keep metadataMode ${running.mode} for this stack`,
        ];
    }
    if (running.mode === "kraft" && planned.mode === "kraft" && running.controllerCount !== planned.controllerCount) {
        return [
            `controllerCount is ${planned.controllerCount} but the stack runs a static quorum of ${running.controllerCount} controllers; changing the voters of a static quorum would start controllers on empty logs, so it is refused. Keep controllerCount ${running.controllerCount}`,
        ];
    }
    return [];
}
