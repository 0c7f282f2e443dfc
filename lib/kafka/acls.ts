// Kafka ACLs as the stack declares them: one grant is one ACL binding
// (principal, resource, pattern, operation, permission, host), the unit that
// kafka-acls.sh lists and the Kafka provider's `kafka.Acl` manages.

export type AclResourceType = "Topic" | "Group" | "Cluster";
export type AclPatternType = "Literal" | "Prefixed";
export type AclPermission = "Allow" | "Deny";

/** The operations Kafka's authorizer checks on each resource type (kafka.security.authorizer.AclEntry). */
export const OPERATIONS_BY_RESOURCE: Readonly<Record<AclResourceType, readonly string[]>> = {
    Topic: ["Read", "Write", "Create", "Delete", "Alter", "Describe", "DescribeConfigs", "AlterConfigs", "All"],
    Group: ["Read", "Describe", "Delete", "All"],
    Cluster: ["Create", "Alter", "Describe", "ClusterAction", "DescribeConfigs", "AlterConfigs", "IdempotentWrite", "All"],
};

export interface AclGrant {
    readonly user: string;
    readonly resourceType: AclResourceType;
    /** A topic or group name, its prefix, or kafka-cluster for the cluster. */
    readonly resourceName: string;
    readonly patternType: AclPatternType;
    readonly operation: string;
    readonly permission: AclPermission;
    readonly host: string;
}

/** Identity of the binding in Kafka: two grants with the same key are the same ACL. */
export function aclGrantKey(grant: AclGrant): string {
    return [grant.user, grant.resourceType, grant.patternType, grant.resourceName, grant.operation, grant.permission, grant.host].join("|");
}

/**
 * The Pulumi resource name of a grant, derived from every field of the binding.
 * Each `kafka.Acl` input forces replacement, and Kafka's CreateAcls is
 * idempotent: were a name to follow list positions, reordering grants would
 * "replace" a resource with an identical binding, create-then-delete, and the
 * delete would remove the ACL the new resource points at. Derived from the
 * binding, a name changes only when the binding does.
 */
export function aclResourceName(prefix: string, grant: AclGrant): string {
    const parts = [grant.user, grant.resourceType, grant.patternType === "Prefixed" ? "prefix" : undefined, grant.resourceName, grant.operation, grant.permission];
    const host = grant.host === "*" ? [] : ["from", grant.host];
    return [prefix, ...parts.filter((part): part is string => part !== undefined), ...host].join("-").toLowerCase();
}

/** Principal as Kafka's authorizer writes it. */
export function principalOf(user: string): string {
    return `User:${user}`;
}

/**
 * What kafka-ui needs: read-only lists topics, reads their messages (without a
 * consumer group) and configs, and shows consumer groups; otherwise it may also manage topics and groups.
 */
export function uiGrants(user: string, readOnly: boolean): AclGrant[] {
    const grant = (resourceType: AclResourceType, resourceName: string, operation: string): AclGrant => ({
        user,
        resourceType,
        resourceName,
        patternType: "Literal",
        operation,
        permission: "Allow",
        host: "*",
    });
    // "*" as a literal name is Kafka's wildcard: every topic, every group.
    const topicOps = readOnly ? ["Describe", "DescribeConfigs", "Read"] : ["All"];
    const groupOps = readOnly ? ["Describe"] : ["All"];
    return [
        ...topicOps.map((operation) => grant("Topic", "*", operation)),
        ...groupOps.map((operation) => grant("Group", "*", operation)),
        grant("Cluster", "kafka-cluster", "Describe"),
        grant("Cluster", "kafka-cluster", "DescribeConfigs"),
    ];
}
