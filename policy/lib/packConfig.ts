import { Policies } from "@pulumi/policy";
import { FactName, isFactName, StackFacts } from "./facts";

// Turns `pulumi config --json --stack <s>` into the pack's config, so a stack's facts
// come from its own config (Pulumi.<stack>.yaml plus the defaults Pulumi.yaml declares).

/** One entry of `pulumi config --json`: secrets arrive without a value unless shown. */
export interface ConfigEntry {
    value?: string;
    objectValue?: unknown;
    secret?: boolean;
}

export type StackConfigJson = Record<string, ConfigEntry>;

/** Kafka's own default when neither the topic nor brokerProperties sets it. */
const KAFKA_DEFAULT_MIN_INSYNC_REPLICAS = 1;

export function stackFacts(config: StackConfigJson, namespace: string): StackFacts {
    const entry = (key: string): ConfigEntry | undefined => config[`${namespace}:${key}`];
    const scalar = (key: string): string | undefined => entry(key)?.value;
    const required = (key: string): string => {
        const value = scalar(key);
        if (value === undefined) {
            throw new Error(`stack config has no ${namespace}:${key} and Pulumi.yaml declares no default for it`);
        }
        return value;
    };

    return {
        brokers: integer(`${namespace}:brokers`, required("brokers")),
        protect: boolean(`${namespace}:protect`, required("protect")),
        allowPublicBind: boolean(`${namespace}:allowPublicBind`, scalar("allowPublicBind") ?? "false"),
        brokerMinInsyncReplicas: brokerMinInsync(namespace, entry("brokerProperties")),
        allowBroadGrants: stringList(`${namespace}:allowBroadGrants`, entry("allowBroadGrants")),
    };
}

/** For every policy with a config schema, the facts it declares. */
export function packConfig(policies: Policies, facts: StackFacts): Record<string, Partial<StackFacts>> {
    const config: Record<string, Partial<StackFacts>> = {};
    for (const policy of policies) {
        const names = Object.keys(policy.configSchema?.properties ?? {});
        if (names.length === 0) {
            continue;
        }
        const picked: Partial<Record<FactName, unknown>> = {};
        for (const name of names) {
            if (!isFactName(name)) {
                throw new Error(`policy ${policy.name} declares config "${name}", which is not a stack fact`);
            }
            picked[name] = facts[name];
        }
        config[policy.name] = picked as Partial<StackFacts>;
    }
    return config;
}

function brokerMinInsync(namespace: string, entry: ConfigEntry | undefined): number {
    const properties = entry?.objectValue ?? (entry?.value === undefined ? undefined : JSON.parse(entry.value));
    if (properties === undefined || properties === null) {
        return KAFKA_DEFAULT_MIN_INSYNC_REPLICAS;
    }
    if (typeof properties !== "object" || Array.isArray(properties)) {
        throw new Error(`${namespace}:brokerProperties must be an object of Kafka properties`);
    }
    const value = (properties as Record<string, unknown>)["min.insync.replicas"];
    return value === undefined
        ? KAFKA_DEFAULT_MIN_INSYNC_REPLICAS
        : integer(`${namespace}:brokerProperties."min.insync.replicas"`, String(value));
}

function stringList(key: string, entry: ConfigEntry | undefined): string[] {
    const list = entry?.objectValue ?? (entry?.value === undefined ? [] : JSON.parse(entry.value));
    if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) {
        throw new Error(`${key} is ${JSON.stringify(list)}, not a list of user names`);
    }
    return list as string[];
}

function integer(key: string, text: string): number {
    if (!/^[1-9][0-9]*$/.test(text.trim())) {
        throw new Error(`${key} is ${JSON.stringify(text)}, not a positive integer`);
    }
    return Number(text.trim());
}

function boolean(key: string, text: string): boolean {
    switch (text.trim()) {
        case "true":
            return true;
        case "false":
            return false;
        default:
            throw new Error(`${key} is ${JSON.stringify(text)}, not true or false`);
    }
}
