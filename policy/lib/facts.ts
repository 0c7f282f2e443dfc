import { PolicyConfigSchema } from "@pulumi/policy";

// Facts about a stack that no single resource carries. They reach the pack as
// policy pack config, derived from the stack's own config by cli/pack-config.ts,
// so the stack file stays the one place they are set.

export interface StackFacts {
    /** The broker count (stack config `brokers`). */
    readonly brokers: number;
    /** Whether the stack protects its data (stack config `protect`). */
    readonly protect: boolean;
    /** Whether ports may bind beyond loopback (stack config `allowPublicBind`). */
    readonly allowPublicBind: boolean;
    /** min.insync.replicas for topics that set none (stack config `brokerProperties`, else Kafka's 1). */
    readonly brokerMinInsyncReplicas: number;
    /** Users whose ACLs may reach every topic or group, every operation, or be granted to every user (stack config `allowBroadGrants`). */
    readonly allowBroadGrants: readonly string[];
}

export type FactName = keyof StackFacts;

type PropertySchema = PolicyConfigSchema["properties"][string];

// A fact with a default fails safe when it is missing; one without is required,
// so a run without the stack's facts stops instead of passing unchecked.
const FACT_SCHEMAS: Record<FactName, PropertySchema> = {
    brokers: { type: "integer", minimum: 1, description: "Broker count of the stack" },
    protect: { type: "boolean", description: "The stack protects its topics and data volumes" },
    allowPublicBind: {
        type: "boolean",
        default: false,
        description: "The stack allows ports on non-loopback addresses",
    },
    brokerMinInsyncReplicas: {
        type: "integer",
        minimum: 1,
        default: 1,
        description: "Broker default min.insync.replicas",
    },
    allowBroadGrants: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Users whose ACLs may be broad (every topic or group, every operation, every user)",
    },
};

/** The config schema of a policy that reads the given facts. */
export function factSchema(...names: FactName[]): PolicyConfigSchema {
    const properties: Record<string, PropertySchema> = {};
    for (const name of names) {
        properties[name] = FACT_SCHEMAS[name];
    }
    const required = names.filter((name) => FACT_SCHEMAS[name].default === undefined);
    return required.length > 0 ? { properties, required } : { properties };
}

export function isFactName(name: string): name is FactName {
    return Object.prototype.hasOwnProperty.call(FACT_SCHEMAS, name);
}

/**
 * The facts a policy declared in its schema, from `args.getConfig()`. The CLI fills
 * in defaults and enforces `required`; this is the backstop for a caller that did not.
 */
export function readFacts<K extends FactName>(
    args: { getConfig<T extends object>(): T },
    ...names: K[]
): Pick<StackFacts, K> {
    const config: Partial<Record<FactName, unknown>> = args.getConfig();
    const facts: Partial<Record<FactName, unknown>> = {};
    for (const name of names) {
        const value = config[name] ?? FACT_SCHEMAS[name].default;
        if (value === undefined) {
            throw new Error(
                `policy pack config has no "${name}"; run the pack through scripts/preview.sh, ` +
                    "which derives it from the stack's config",
            );
        }
        facts[name] = value;
    }
    return facts as Pick<StackFacts, K>;
}
