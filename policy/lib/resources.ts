// The resource types this pack inspects, by the type tokens the engine sends.
// The pack matches tokens instead of importing the provider SDKs, so it loads with
// nothing but @pulumi/policy and cannot drift from the program's SDK versions.

export const CONTAINER = "docker:index/container:Container";
export const REMOTE_IMAGE = "docker:index/remoteImage:RemoteImage";
export const VOLUME = "docker:index/volume:Volume";
export const TOPIC = "kafka:index/topic:Topic";
export const ACL = "kafka:index/acl:Acl";

/** The label every container of the program carries, and its value on kafka-ui. */
export const ROLE_LABEL = "com.kafka-cluster.role";
export const UI_ROLE = "ui";

// Input shapes under their SDK names. Every field is optional: a policy sees what
// the program declared, and must not assume the program declared everything.

export interface PortInput {
    internal?: number;
    external?: number;
    ip?: string;
}

export interface VolumeMountInput {
    volumeName?: string;
    hostPath?: string;
    containerPath?: string;
}

export interface MountInput {
    type?: string;
    source?: string;
    target?: string;
}

export interface LabelInput {
    label?: string;
    value?: string;
}

export interface ContainerInputs {
    name?: string;
    image?: string;
    ports?: PortInput[];
    volumes?: VolumeMountInput[];
    mounts?: MountInput[];
    envs?: string[];
    labels?: LabelInput[];
}

export interface RemoteImageInputs {
    name?: string;
}

export interface TopicInputs {
    name?: string;
    partitions?: number;
    replicationFactor?: number;
    config?: Record<string, string | number>;
}

/** `Container "kafka-cluster-dev-kafka-1"`: the kind from the type token and the resource's name. */
export function describe(resource: { type: string; name: string }): string {
    const kind = resource.type.slice(resource.type.lastIndexOf(":") + 1);
    return `${kind} ${JSON.stringify(resource.name)}`;
}

export interface AclInputs {
    aclPrincipal?: string;
    aclHost?: string;
    aclOperation?: string;
    aclPermissionType?: string;
    aclResourceType?: string;
    aclResourceName?: string;
    resourcePatternTypeFilter?: string;
}
