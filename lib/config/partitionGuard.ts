import { topicPath } from "./topicNames";
import type { TopicSpec } from "./topicSpecs";

// Kafka cannot remove partitions: the provider "lowers" them by deleting the topic
// and creating it again, empty. The program compares the configured partitions
// with what the stack last recorded and refuses a decrease before anything runs,
// in every stack, protected or not.

/** Partitions per topic as the stack's `topics` output last recorded them. */
export type RecordedPartitions = Readonly<Record<string, { readonly partitions?: unknown }>>;

export function partitionDecreases(topics: readonly TopicSpec[], recorded: RecordedPartitions | undefined): string[] {
    const problems: string[] = [];
    for (const topic of topics) {
        const before = recorded?.[topic.name]?.partitions;
        if (typeof before === "number" && topic.partitions < before) {
            problems.push(
                `${topicPath(topic.name)}.partitions is ${topic.partitions} but the topic already has ${before}; ` +
                    `Kafka cannot remove partitions, and lowering them would delete and recreate the topic with its messages. ` +
                    `Keep ${before}, or create a new topic and migrate`,
            );
        }
    }
    return problems;
}
