import type { KafkaModel } from "../kafka/model";
import { checkTopicConfig, renderTopicConfigValue, topicCreateProblems, unusableTopicProblems } from "../kafka/topicConfig";
import { closest, ConfigProblems, readInteger, readObject } from "./problems";
import { topicNameCollisions, topicNameProblem, topicPath } from "./topicNames";

// Topics are a map keyed by name, so adding or removing one never disturbs the
// others, and a name is never generated: renaming a key is an explicit
// delete-and-create that a protected stack refuses.

export interface TopicSpec {
    readonly name: string;
    readonly partitions: number;
    readonly replicationFactor: number;
    /** Topic-level overrides, rendered as the strings Kafka stores. */
    readonly config: Readonly<Record<string, string>>;
}

const TOPIC_FIELDS = ["partitions", "replicationFactor", "config"];

/** A guard against typos such as 60000; Kafka sets no hard limit. */
export const MAX_PARTITIONS = 10_000;

export interface TopicLimits {
    /** Undefined when the broker count itself was invalid; RF checks are then skipped. */
    readonly brokerCount: number | undefined;
    readonly defaultMinInsyncReplicas: number;
    readonly model: KafkaModel;
    /** The brokers' server.properties apart from identity keys: topic defaults come from it. */
    readonly brokerProperties: Readonly<Record<string, string>>;
}

export function parseTopics(problems: ConfigProblems, raw: unknown, limits: TopicLimits): TopicSpec[] {
    const entries = readObject(problems, "topics", raw) ?? {};
    const names = Object.keys(entries).sort();
    for (const collision of topicNameCollisions(names)) {
        problems.add(collision);
    }
    const topics: TopicSpec[] = [];
    for (const name of names) {
        const topic = parseTopic(problems, name, entries[name], limits);
        if (topic) {
            topics.push(topic);
        }
    }
    return topics;
}

function parseTopic(problems: ConfigProblems, name: string, raw: unknown, limits: TopicLimits): TopicSpec | undefined {
    const path = topicPath(name);
    const nameProblem = topicNameProblem(name);
    if (nameProblem) {
        problems.add(nameProblem);
    }
    const fields = readObject(problems, path, raw);
    if (!fields) {
        return undefined;
    }
    for (const field of Object.keys(fields).filter((key) => !TOPIC_FIELDS.includes(key))) {
        const suggestion = closest(field, TOPIC_FIELDS);
        problems.add(
            `${path}.${field} is not a topic setting; ${suggestion ? `did you mean ${suggestion}?` : `a topic has ${TOPIC_FIELDS.join(", ")}`}`,
        );
    }
    const partitions = readInteger(problems, `${path}.partitions`, fields.partitions, { min: 1, max: MAX_PARTITIONS });
    const replicationFactor = readReplicationFactor(problems, path, fields.replicationFactor, limits.brokerCount);
    const config = parseTopicConfig(problems, path, fields.config, limits);
    if (replicationFactor !== undefined && config) {
        checkMinInsyncReplicas(problems, path, replicationFactor, config, limits.defaultMinInsyncReplicas);
    }
    if (nameProblem || partitions === undefined || replicationFactor === undefined || !config) {
        return undefined;
    }
    return { name, partitions, replicationFactor, config };
}

function readReplicationFactor(problems: ConfigProblems, path: string, raw: unknown, brokerCount: number | undefined): number | undefined {
    const replicationFactor = readInteger(problems, `${path}.replicationFactor`, raw, { min: 1 });
    if (replicationFactor !== undefined && brokerCount !== undefined && replicationFactor > brokerCount) {
        problems.add(`${path}.replicationFactor is ${replicationFactor} but the cluster has ${brokerCount} broker${brokerCount === 1 ? "" : "s"}`);
        return undefined;
    }
    return replicationFactor;
}

function parseTopicConfig(problems: ConfigProblems, path: string, raw: unknown, limits: TopicLimits): Record<string, string> | undefined {
    const { model } = limits;
    if (raw === undefined) {
        return {};
    }
    const entries = readObject(problems, `${path}.config`, raw);
    if (!entries) {
        return undefined;
    }
    const config: Record<string, string> = {};
    let valid = true;
    for (const key of Object.keys(entries).sort()) {
        const problem = checkTopicConfig(model, path, key, entries[key]);
        if (problem) {
            problems.add(problem);
            valid = false;
            continue;
        }
        config[key] = renderTopicConfigValue(model, entries[key] as string | number | boolean, key);
    }
    if (!valid) {
        return undefined;
    }
    // Kafka's create-topic checks with the cluster's broker defaults, once each value is sound.
    const created = { model, topicPath: path, config, brokerProperties: limits.brokerProperties };
    const combinationProblems = [...topicCreateProblems(created), ...unusableTopicProblems(created)];
    combinationProblems.forEach((problem) => problems.add(problem));
    return combinationProblems.length === 0 ? config : undefined;
}

/**
 * With min.insync.replicas above the replication factor Kafka still creates the
 * topic, and then refuses every acks=all write to it.
 */
function checkMinInsyncReplicas(
    problems: ConfigProblems,
    path: string,
    replicationFactor: number,
    config: Record<string, string>,
    brokerDefault: number,
): void {
    const own = config["min.insync.replicas"];
    if (own !== undefined && Number(own) > replicationFactor) {
        problems.add(
            `${path}.config."min.insync.replicas" is ${own} but ${path}.replicationFactor is ${replicationFactor}; every acks=all write would be refused`,
        );
    } else if (own === undefined && brokerDefault > replicationFactor) {
        problems.add(
            `${path}.replicationFactor is ${replicationFactor} but brokerProperties."min.insync.replicas" is ${brokerDefault} (the default for topics that set none); every acks=all write would be refused. Raise replicationFactor or set ${path}.config."min.insync.replicas"`,
        );
    }
}

