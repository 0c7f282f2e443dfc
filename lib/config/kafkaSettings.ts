import type { KafkaModel } from "../kafka/model";
import { type BrokerProperties, parseBrokerProperties } from "./brokerPropertiesConfig";
import type { ConfigProblems } from "./problems";
import { parseTopics, type TopicSpec } from "./topicSpecs";

// The stack settings that Kafka itself judges: brokerProperties and each
// topic's config, checked against one Kafka version's model. parseConfig
// runs it with the model of the stack's broker image; the differential test
// (tests/model) runs it with each model against that version's own checks.

export interface KafkaSettings {
    readonly brokerProperties: BrokerProperties;
    /** Sorted by name. */
    readonly topics: TopicSpec[];
}

export function parseKafkaSettings(
    problems: ConfigProblems,
    raw: { readonly brokerProperties: unknown; readonly topics: unknown },
    context: { readonly brokerCount: number | undefined; readonly model: KafkaModel },
): KafkaSettings {
    const { brokerCount, model } = context;
    const brokerProperties = parseBrokerProperties(problems, raw.brokerProperties, brokerCount, model);
    const topics = parseTopics(problems, raw.topics, {
        brokerCount,
        defaultMinInsyncReplicas: brokerProperties.defaultMinInsyncReplicas,
        model,
        brokerProperties: brokerProperties.effective,
    });
    return { brokerProperties, topics };
}
