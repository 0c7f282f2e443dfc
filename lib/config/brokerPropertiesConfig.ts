import { checkBrokerProperty, renderBrokerPropertyValue } from "../kafka/brokerConfig";
import { brokerStartupProblems } from "../kafka/brokerStartup";
import type { KafkaModel } from "../kafka/model";
import { brokerLogDefaultsProblems } from "../kafka/topicConfig";
import { ConfigProblems, readObject } from "./problems";
import { tunableBrokerProperties } from "../render/serverProperties";

// Pass-through broker properties under Kafka's dotted names, checked against the
// model of the stack's Kafka version, against the broker count (a replication
// setting above it leaves internal topics uncreatable and consumer groups
// silently broken), and with the checks Kafka itself runs when a broker starts.

/** Kafka's own default for min.insync.replicas. */
export const KAFKA_DEFAULT_MIN_INSYNC_REPLICAS = 1;

/** Replication factors that cannot exceed the number of brokers. */
const REPLICATION_FACTOR_KEYS: readonly string[] = [
    "default.replication.factor",
    "offsets.topic.replication.factor",
    "transaction.state.log.replication.factor",
];

/** Minimum-ISR keys and the replication factor each one must not exceed. */
const MIN_ISR_KEYS: ReadonlyMap<string, string> = new Map([
    ["min.insync.replicas", "default.replication.factor"],
    ["transaction.state.log.min.isr", "transaction.state.log.replication.factor"],
]);

export interface BrokerProperties {
    /** Validated, rendered as Kafka stores them. */
    readonly properties: Readonly<Record<string, string>>;
    /** min.insync.replicas for topics that do not set their own. */
    readonly defaultMinInsyncReplicas: number;
    /** What every broker's server.properties holds besides the program's identity keys. */
    readonly effective: Readonly<Record<string, string>>;
}

export function parseBrokerProperties(problems: ConfigProblems, raw: unknown, brokerCount: number | undefined, model: KafkaModel): BrokerProperties {
    const entries = readObject(problems, "brokerProperties", raw) ?? {};
    const properties: Record<string, string> = {};
    let valid = true;
    for (const [key, value] of Object.entries(entries)) {
        const problem = checkBrokerProperty(model, key, value);
        if (problem) {
            problems.add(problem);
            valid = false;
            continue;
        }
        properties[key] = renderBrokerPropertyValue(model, value as string | number | boolean, key);
    }
    const effective = tunableBrokerProperties(brokerCount ?? 1, properties);
    if (brokerCount !== undefined) {
        const countProblems = replicaCountProblems(properties, effective, brokerCount);
        countProblems.forEach((problem) => problems.add(problem));
        // Rules between keys only once every value is sound, so one mistake is reported once.
        if (valid && countProblems.length === 0) {
            const userKeys = new Set(Object.keys(properties));
            brokerStartupProblems({ model, properties: effective, userKeys, brokerCount }).forEach((problem) => problems.add(problem));
            brokerLogDefaultsProblems(model, effective).forEach((problem) => problems.add(problem));
        }
    }
    return {
        properties,
        defaultMinInsyncReplicas: Number(properties["min.insync.replicas"] ?? KAFKA_DEFAULT_MIN_INSYNC_REPLICAS),
        effective,
    };
}

function replicaCountProblems(properties: Record<string, string>, effective: Record<string, string>, brokerCount: number): string[] {
    const problems: string[] = [];
    for (const key of [...REPLICATION_FACTOR_KEYS, ...MIN_ISR_KEYS.keys()]) {
        const value = properties[key];
        if (value !== undefined && Number(value) > brokerCount) {
            problems.push(`brokerProperties."${key}" is ${value} but the cluster has ${brokerCount} broker${brokerCount === 1 ? "" : "s"}`);
        }
    }
    for (const [minIsrKey, replicationKey] of MIN_ISR_KEYS) {
        const minIsr = Number(effective[minIsrKey]);
        const replicas = Number(effective[replicationKey]);
        if (minIsr > replicas && minIsr <= brokerCount) {
            problems.push(`brokerProperties."${minIsrKey}" is ${minIsr} but ${replicationKey} is ${replicas}; acks=all writes to those topics would be refused`);
        }
    }
    return problems;
}
