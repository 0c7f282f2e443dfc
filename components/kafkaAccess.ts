import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import type { ScramUserSpec } from "../lib/config/securityConfig";
import { AclGrant, aclResourceName, principalOf } from "../lib/kafka/acls";

export interface KafkaAccessArgs {
    /** The stack's Kafka admin connection (KafkaAdmin), authenticated as the admin. */
    readonly provider: kafka.Provider;
    readonly users: readonly ScramUserSpec[];
    readonly acls: readonly AclGrant[];
}

/** SCRAM iterations of every user's credential; 4096 is Kafka's minimum. */
export const USER_SCRAM_ITERATIONS = 8192;

/**
 * The stack's SCRAM users and their ACLs, reconciled through the admin
 * connection: a credential or ACL removed or changed by hand shows in a
 * refreshing preview and `up --refresh` puts it back.
 */
export class KafkaAccess extends pulumi.ComponentResource {
    constructor(name: string, args: KafkaAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaAccess", name, {}, opts);
        const provider = args.provider;
        for (const user of args.users) {
            new kafka.UserScramCredential(
                `${name}-user-${user.name}`,
                {
                    username: user.name,
                    scramMechanism: user.mechanism,
                    scramIterations: USER_SCRAM_ITERATIONS,
                    // From stack config, so known at plan time: the provider (v0.13.1)
                    // panics on a password that is still unknown then.
                    password: pulumi.secret(user.password),
                },
                { parent: this, provider },
            );
        }
        for (const grant of args.acls) {
            new kafka.Acl(
                aclResourceName(`${name}-acl`, grant),
                {
                    aclPrincipal: principalOf(grant.user),
                    aclHost: grant.host,
                    aclOperation: grant.operation,
                    aclPermissionType: grant.permission,
                    aclResourceType: grant.resourceType,
                    aclResourceName: grant.resourceName,
                    resourcePatternTypeFilter: grant.patternType,
                },
                // Each input forces replacement, and the name changes with the binding
                // (aclResourceName), so a replacement never points at the same ACL.
                { parent: this, provider },
            );
        }
        this.registerOutputs({});
    }
}
