import { kafkaToolOnNetwork } from "./docker";
import type { LiveTopic } from "./kafka";

// The same facts as kafka.ts, read the tutorial's way: Kafka's own CLI tools in a
// container on the stack's network, through the INTERNAL listeners.

const TOPIC_LINE = /^Topic: (\S+)\s+TopicId: \S+\s+PartitionCount: (\d+)\s+ReplicationFactor: (\d+)/;
const CONFIGS_HEADER = /^Dynamic configs for topic (\S+) are:$/;
const CONFIG_LINE = /^\s+([^=\s]+)=(\S*) sensitive=/;

export async function describeTopicsInternally(network: string, bootstrap: string, names: readonly string[]): Promise<Record<string, LiveTopic>> {
    return describeTopicsWith((tool, ...args) => kafkaToolOnNetwork(network, tool, ...args), bootstrap, names);
}

/** A CLI tool by its script name (kafka-topics.sh, kafka-configs.sh), wherever it runs. */
export type KafkaTool = (script: "kafka-topics.sh" | "kafka-configs.sh", ...args: string[]) => Promise<string>;

/** Partitions, replication factor and topic-level configs of `names`, read with Kafka's own CLI. */
export async function describeTopicsWith(tool: KafkaTool, bootstrap: string, names: readonly string[]): Promise<Record<string, LiveTopic>> {
    const described = await tool("kafka-topics.sh", "--bootstrap-server", bootstrap, "--describe", "--topic", names.join("|"));
    const configs = parseTopicConfigs(await tool("kafka-configs.sh", "--bootstrap-server", bootstrap, "--describe", "--entity-type", "topics"));
    const topics: Record<string, LiveTopic> = {};
    for (const line of described.split("\n")) {
        const match = TOPIC_LINE.exec(line.trim());
        if (match?.[1] && names.includes(match[1])) {
            topics[match[1]] = { partitions: Number(match[2]), replicationFactor: Number(match[3]), config: configs[match[1]] ?? {} };
        }
    }
    return topics;
}

/** `kafka-configs.sh --describe --entity-type topics`: each topic's dynamic (topic-level) configs. */
export function parseTopicConfigs(text: string): Record<string, Record<string, string>> {
    const configs: Record<string, Record<string, string>> = {};
    let current: Record<string, string> | undefined;
    for (const line of text.split("\n")) {
        const header = CONFIGS_HEADER.exec(line.trim());
        if (header?.[1]) {
            current = configs[header[1]] = {};
            continue;
        }
        const entry = CONFIG_LINE.exec(line);
        if (entry?.[1] && current) {
            current[entry[1]] = entry[2] ?? "";
        }
    }
    return configs;
}
