import { checkBrokerProperty, renderBrokerPropertyValue } from "./brokerConfigCatalog";
import { ConfigProblems, readObject } from "./problems";
import { internalTopicDefaults } from "./serverProperties";

// Pass-through broker properties under Kafka's dotted names, checked against the
// broker count: a replication setting above it leaves internal topics
// uncreatable and consumer groups silently broken.

/** Broker settings that name a number of replicas and so may not exceed the broker count. */
const REPLICA_COUNT_KEYS = [
    "default.replication.factor",
    "min.insync.replicas",
    "offsets.topic.replication.factor",
    "transaction.state.log.replication.factor",
    "transaction.state.log.min.isr",
] as const;

/** Kafka's own default for min.insync.replicas. */
export const KAFKA_DEFAULT_MIN_INSYNC_REPLICAS = 1;

export interface BrokerProperties {
    /** Validated, rendered as Kafka stores them. */
    readonly properties: Readonly<Record<string, string>>;
    /** min.insync.replicas for topics that do not set their own. */
    readonly defaultMinInsyncReplicas: number;
}

export function parseBrokerProperties(problems: ConfigProblems, raw: unknown, brokerCount: number | undefined): BrokerProperties {
    const entries = readObject(problems, "brokerProperties", raw) ?? {};
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries(entries)) {
        const problem = checkBrokerProperty(key, value);
        if (problem) {
            problems.add(problem);
            continue;
        }
        properties[key] = renderBrokerPropertyValue(value as string | number | boolean);
    }
    if (brokerCount !== undefined) {
        checkReplicaCounts(problems, properties, brokerCount);
    }
    return {
        properties,
        defaultMinInsyncReplicas: Number(properties["min.insync.replicas"] ?? KAFKA_DEFAULT_MIN_INSYNC_REPLICAS),
    };
}

function checkReplicaCounts(problems: ConfigProblems, properties: Record<string, string>, brokerCount: number): void {
    for (const key of REPLICA_COUNT_KEYS) {
        const value = properties[key];
        if (value !== undefined && Number(value) > brokerCount) {
            problems.add(`brokerProperties."${key}" is ${value} but the cluster has ${brokerCount} broker${brokerCount === 1 ? "" : "s"}`);
        }
    }
    const effective = { ...internalTopicDefaults(brokerCount), ...properties };
    const minIsr = Number(effective["transaction.state.log.min.isr"]);
    const replicas = Number(effective["transaction.state.log.replication.factor"]);
    if (minIsr > replicas) {
        problems.add(
            `brokerProperties."transaction.state.log.min.isr" is ${minIsr} but transaction.state.log.replication.factor is ${replicas}; transactions could never commit`,
        );
    }
}
