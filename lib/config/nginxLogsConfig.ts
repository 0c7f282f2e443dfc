import { readPinnedImage } from "./imageReference";
import { closest, ConfigProblems, readBoolean, readInteger, readObject, readString, show } from "./problems";
import type { TopicSpec } from "./topicSpecs";

// The optional Nginx access-log pipeline (stack config `nginxLogs`): Nginx
// containers writing one JSON object per request, and an rsyslog shipper that
// tails those files and produces every line to one of the stack's topics.

export interface NginxLogsSpec {
    readonly topic: string;
    readonly instances: number;
    /** Host port of Nginx 1; instance i is published on hostPortBase + i - 1. */
    readonly hostPortBase: number;
    readonly nginxImage: string;
    readonly shipperImage: string;
    /** Most the shipper queues on disk while Kafka is unreachable; beyond it, Nginx's log file is the buffer. */
    readonly queueMaxMb: number;
}

export const NGINX_LOGS_DEFAULTS = {
    enabled: false,
    instances: 1,
    hostPortBase: 18081,
    nginxImage: "nginx:1.28.0",
    shipperImage: "kafka-cluster/nginx-log-shipper:8.2302.0",
    queueMaxMb: 1024,
} as const;

const FIELDS = ["enabled", "topic", ...Object.keys(NGINX_LOGS_DEFAULTS).filter((key) => key !== "enabled")];
const MAX_INSTANCES = 10;

/** What the pipeline may not collide with. */
export interface NginxLogsContext {
    readonly topics: readonly TopicSpec[];
    /** Host ports already taken by the brokers and kafka-ui; undefined when those were invalid. */
    readonly takenPorts: readonly { readonly key: string; readonly from: number; readonly to: number }[];
}

/**
 * `nginxLogs` as a typed spec, undefined when the pipeline is off. Problems go to
 * `problems`; advice that does not stop a deployment is a warning there.
 */
export function parseNginxLogs(problems: ConfigProblems, raw: unknown, context: NginxLogsContext): NginxLogsSpec | undefined {
    const fields = readObject(problems, "nginxLogs", raw ?? {});
    if (!fields) {
        return undefined;
    }
    for (const field of Object.keys(fields).filter((key) => !FIELDS.includes(key))) {
        const suggestion = closest(field, FIELDS);
        problems.add(`nginxLogs.${field} is not a setting of the log pipeline; ${suggestion ? `did you mean ${suggestion}?` : `it has ${FIELDS.join(", ")}`}`);
    }
    const value = <K extends keyof typeof NGINX_LOGS_DEFAULTS>(key: K): unknown => fields[key] ?? NGINX_LOGS_DEFAULTS[key];
    if (!readBoolean(problems, "nginxLogs.enabled", value("enabled"))) {
        return undefined;
    }
    const topic = readLogTopic(problems, fields.topic, context.topics);
    const instances = readInteger(problems, "nginxLogs.instances", value("instances"), { min: 1, max: MAX_INSTANCES });
    const hostPortBase = readInteger(problems, "nginxLogs.hostPortBase", value("hostPortBase"), { min: 1024, max: 65535 });
    if (instances !== undefined && hostPortBase !== undefined) {
        checkPorts(problems, hostPortBase, instances, context.takenPorts);
    }
    const spec = {
        topic,
        instances,
        hostPortBase,
        nginxImage: readPinnedImage(problems, "nginxLogs.nginxImage", value("nginxImage")),
        shipperImage: readPinnedImage(problems, "nginxLogs.shipperImage", value("shipperImage")),
        queueMaxMb: readInteger(problems, "nginxLogs.queueMaxMb", value("queueMaxMb"), { min: 16, max: 1_048_576, hint: "(MiB)" }),
    };
    return Object.values(spec).some((field) => field === undefined) ? undefined : (spec as NginxLogsSpec);
}

function readLogTopic(problems: ConfigProblems, raw: unknown, topics: readonly TopicSpec[]): string | undefined {
    const declared = topics.map((topic) => topic.name);
    if (raw === undefined) {
        problems.add(`nginxLogs.topic is missing but the log pipeline needs one of the stack's topics to write to (declared: ${declared.join(", ") || "none"})`);
        return undefined;
    }
    const name = readString(problems, "nginxLogs.topic", raw);
    if (name === undefined) {
        return undefined;
    }
    const topic = topics.find((candidate) => candidate.name === name);
    if (!topic) {
        const suggestion = closest(name, declared);
        problems.add(
            `nginxLogs.topic is ${show(name)} but that is not one of the stack's topics (declared: ${declared.join(", ") || "none"}); ` +
                (suggestion ? `did you mean ${suggestion}?` : `declare it under topics first`),
        );
        return undefined;
    }
    // Kafka refuses records without a key on a compacted topic, so every line would fail.
    if ((topic.config["cleanup.policy"] ?? "delete").split(",").includes("compact")) {
        problems.add(`nginxLogs.topic is ${show(name)} but topics.${name}.config."cleanup.policy" is ${show(topic.config["cleanup.policy"])}; access-log lines have no key, and a compacted topic refuses them`);
        return undefined;
    }
    logTopicAdvice(topic).forEach((advice) => problems.warn(advice));
    return name;
}

/** Settings that work but make little sense for a stream of access logs. */
export function logTopicAdvice(topic: TopicSpec): string[] {
    const advice: string[] = [];
    const path = `topics.${topic.name}`;
    const retentionMs = topic.config["retention.ms"];
    const retentionBytes = topic.config["retention.bytes"];
    if (retentionMs === "-1" && (retentionBytes === undefined || retentionBytes === "-1")) {
        advice.push(`${path}.config."retention.ms" is -1 with no retention.bytes, so access logs are kept forever and the brokers' disks fill up`);
    }
    if (retentionMs !== undefined && retentionMs !== "-1" && Number(retentionMs) < 3_600_000) {
        advice.push(`${path}.config."retention.ms" is ${retentionMs} (under an hour): a consumer that is down for longer loses access logs`);
    }
    if (topic.replicationFactor === 1) {
        advice.push(`${path}.replicationFactor is 1: losing that broker loses access logs, and while it is down the shipper cannot deliver`);
    }
    const minInsync = Number(topic.config["min.insync.replicas"] ?? "1");
    if (topic.replicationFactor > 1 && minInsync >= topic.replicationFactor) {
        advice.push(
            `${path}.config."min.insync.replicas" is ${minInsync} with replicationFactor ${topic.replicationFactor}: the shipper writes with acks=all, so one broker down stops delivery`,
        );
    }
    return advice;
}

function checkPorts(problems: ConfigProblems, base: number, instances: number, taken: NginxLogsContext["takenPorts"]): void {
    const last = base + instances - 1;
    if (last > 65535) {
        problems.add(`nginxLogs.hostPortBase is ${base} but ${instances} Nginx instances need ports ${base}-${last}, beyond 65535`);
        return;
    }
    for (const other of taken) {
        if (base <= other.to && last >= other.from) {
            const range = other.from === other.to ? `port ${other.from}` : `ports ${other.from}-${other.to}`;
            problems.add(`nginxLogs.hostPortBase is ${base} but Nginx needs ${instances === 1 ? `port ${base}` : `ports ${base}-${last}`}, and ${other.key} uses host ${range}; pick ports outside it`);
        }
    }
}
