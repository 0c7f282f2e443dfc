import { policies } from "../../../policy/policies";

// Runs single policies against hand-built arguments, the way the analyzer calls
// them, without constructing the PolicyPack (that starts a gRPC server). The types
// come from the pack's own @pulumi/policy, through the policies array.

type AnyPolicy = (typeof policies)[number];
type ResourcePolicy = Exclude<AnyPolicy, { validateStack: unknown }>;
type StackPolicy = Extract<AnyPolicy, { validateStack: unknown }>;
type ResourceValidation = Extract<NonNullable<ResourcePolicy["validateResource"]>, (...args: never[]) => unknown>;
export type ResourceArgs = Parameters<ResourceValidation>[0];
export type StackArgs = Parameters<StackPolicy["validateStack"]>[0];
export type PolicyResource = StackArgs["resources"][number];

export const CONTAINER = "docker:index/container:Container";
export const REMOTE_IMAGE = "docker:index/remoteImage:RemoteImage";
export const VOLUME = "docker:index/volume:Volume";
export const TOPIC = "kafka:index/topic:Topic";

export const IMAGE_ID = `sha256:${"a1".repeat(32)}`;

class NotApplicable extends Error {}

export interface ResourceSpec {
    type: string;
    name: string;
    props: Record<string, unknown>;
    protect?: boolean;
}

export function urnOf(spec: { type: string; name: string }): string {
    return `urn:pulumi:dev::kafka-cluster::${spec.type}::${spec.name}`;
}

function resourceArgs(spec: ResourceSpec, config: object): ResourceArgs {
    return {
        type: spec.type,
        props: spec.props,
        urn: urnOf(spec),
        name: spec.name,
        opts: {
            protect: spec.protect ?? false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

function policyNamed(name: string): AnyPolicy {
    const policy = policies.find((p) => p.name === name);
    if (policy === undefined) {
        throw new Error(`no policy named ${name}`);
    }
    return policy;
}

/** The messages a resource policy reports for one resource. */
export async function violations(policyName: string, spec: ResourceSpec, config: object = {}): Promise<string[]> {
    const policy = policyNamed(policyName);
    if (!("validateResource" in policy) || policy.validateResource === undefined) {
        throw new Error(`${policyName} is not a resource policy`);
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    const messages: string[] = [];
    for (const validate of validations) {
        await validate(resourceArgs(spec, config), (message) => messages.push(message));
    }
    return messages;
}

/** The violations a stack policy reports for a set of resources. */
export async function stackViolations(
    policyName: string,
    specs: ResourceSpec[],
    config: object = {},
): Promise<{ message: string; urn?: string }[]> {
    const policy = policyNamed(policyName);
    if (!("validateStack" in policy)) {
        throw new Error(`${policyName} is not a stack policy`);
    }
    const resources: PolicyResource[] = specs.map((spec) => {
        const { getConfig: _getConfig, notApplicable: _notApplicable, stackTags: _stackTags, ...rest } = resourceArgs(
            spec,
            config,
        );
        return { ...rest, dependencies: [], propertyDependencies: {}, asType: () => undefined };
    });
    const found: { message: string; urn?: string }[] = [];
    await policy.validateStack(
        {
            resources,
            stackTags: new Map(),
            getConfig: <T extends object>() => config as T,
            notApplicable: (reason?: string): never => {
                throw new NotApplicable(reason);
            },
        },
        (message, urn) => found.push({ message, urn }),
    );
    return found;
}

/** A container as the program declares it, with overrides. */
export function container(name: string, props: Record<string, unknown> = {}): ResourceSpec {
    return {
        type: CONTAINER,
        name,
        props: {
            name,
            image: "apache/kafka:3.9.1",
            labels: [
                { label: "com.kafka-cluster.role", value: "broker" },
                { label: "com.kafka-cluster.stack", value: "dev" },
            ],
            ...props,
        },
    };
}

export function topic(name: string, props: Record<string, unknown> = {}, protect = false): ResourceSpec {
    return { type: TOPIC, name, props: { name, partitions: 3, replicationFactor: 3, ...props }, protect };
}
