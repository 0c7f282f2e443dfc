import { ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, readFacts } from "../lib/facts";
import { ACL, AclInputs, describe } from "../lib/resources";

// Least privilege for ACLs: a grant names the topics, groups and operations a
// user needs. What reaches further (every topic or group, every operation, every
// user) is a decision the stack states per user in `allowBroadGrants`, not
// something a typo or a copied example slips in. Deny bindings only take rights
// away, so they are never broad. A grant whose inputs are unknown at preview is
// judged at `up`, when they are known.

const ANY_USER = "User:*";

/** Why an ALLOW binding is broader than one named resource and operation set; empty when it is not. */
export function broadnessOf(acl: AclInputs): string[] {
    if ((acl.aclPermissionType ?? "").toLowerCase() !== "allow") return [];
    const reasons: string[] = [];
    const type = acl.aclResourceType ?? "";
    const plural = type === "Topic" ? "topic" : type === "Group" ? "group" : type.toLowerCase();
    const prefixed = (acl.resourcePatternTypeFilter ?? "Literal").toLowerCase() === "prefixed";
    if (type !== "Cluster" && !prefixed && acl.aclResourceName === "*") {
        reasons.push(`every ${plural}`);
    }
    if (type !== "Cluster" && prefixed && acl.aclResourceName === "") {
        reasons.push(`every ${plural}`);
    }
    if ((acl.aclOperation ?? "").toLowerCase() === "all") {
        reasons.push("every operation");
    }
    if (acl.aclPrincipal === ANY_USER) {
        reasons.push("every user");
    }
    return reasons;
}

export const broadGrants: ResourceValidationPolicy = {
    name: "no-broad-grants",
    description:
        "An ACL allows named topics, groups and operations to named users; one reaching every topic or group, every operation or every user needs its user listed in allowBroadGrants.",
    enforcementLevel: "mandatory",
    configSchema: factSchema("allowBroadGrants"),
    validateResource: (args, reportViolation) => {
        if (args.type !== ACL) return;
        const acl = args.props as AclInputs;
        const reasons = broadnessOf(acl);
        if (reasons.length === 0) return;
        const { allowBroadGrants } = readFacts(args, "allowBroadGrants");
        const user = acl.aclPrincipal?.startsWith("User:") ? acl.aclPrincipal.slice("User:".length) : acl.aclPrincipal ?? "";
        if (allowBroadGrants.includes(user)) return;
        reportViolation(
            `${describe(args)} allows ${acl.aclPrincipal} ${acl.aclOperation} on ${acl.aclResourceType} ${JSON.stringify(acl.aclResourceName)}` +
                `${(acl.resourcePatternTypeFilter ?? "").toLowerCase() === "prefixed" ? " (prefix)" : ""}, which reaches ${reasons.join(" and ")}: ` +
                `grant named topics, groups and operations instead, or, if ${user} needs this reach, add it to the stack's allowBroadGrants ` +
                `(pulumi config set --path 'allowBroadGrants[0]' ${user})`,
        );
    },
};
