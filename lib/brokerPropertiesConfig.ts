import { BROKER_MIN_ISR_KEYS, BROKER_REPLICATION_FACTOR_KEYS, checkBrokerProperty, renderBrokerPropertyValue } from "./brokerConfigCatalog";
import { ConfigProblems, readObject } from "./problems";
import { internalTopicDefaults } from "./serverProperties";

// Pass-through broker properties under Kafka's dotted names, checked against the
// broker count: a replication setting above it leaves internal topics
// uncreatable and consumer groups silently broken.

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
        properties[key] = renderBrokerPropertyValue(value as string | number | boolean, key);
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
    for (const key of [...BROKER_REPLICATION_FACTOR_KEYS, ...BROKER_MIN_ISR_KEYS.keys()]) {
        const value = properties[key];
        if (value !== undefined && Number(value) > brokerCount) {
            problems.add(`brokerProperties."${key}" is ${value} but the cluster has ${brokerCount} broker${brokerCount === 1 ? "" : "s"}`);
        }
    }
    const effective: Record<string, string | undefined> = { ...internalTopicDefaults(brokerCount), ...properties };
    for (const [minIsrKey, replicationKey] of BROKER_MIN_ISR_KEYS) {
        const minIsr = Number(effective[minIsrKey]);
        const replicas = Number(effective[replicationKey]);
        if (minIsr > replicas && minIsr <= brokerCount) {
            problems.add(`brokerProperties."${minIsrKey}" is ${minIsr} but ${replicationKey} is ${replicas}; acks=all writes to those topics would be refused`);
        }
    }
}
