import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import type { ScramUserSpec } from "../lib/config/securityConfig";
import type { AccessLogin } from "../lib/kafka/accessClient";
import { aclLine, credentialLine } from "../lib/kafka/accessInventory";
import { AclGrant, aclResourceName, principalOf } from "../lib/kafka/acls";
import { AccessInventory } from "./accessInventory";

export interface KafkaAccessArgs {
    /** The stack's Kafka admin connection (KafkaAdmin), authenticated as the admin. */
    readonly provider: kafka.Provider;
    readonly users: readonly ScramUserSpec[];
    readonly acls: readonly AclGrant[];
    /** How the access inventory lists and deletes what nobody declared. */
    readonly inventoryLogin: { [K in keyof AccessLogin]: pulumi.Input<AccessLogin[K]> };
    /**
     * Users the stack manages elsewhere (the admin, the brokers' own principal):
     * the inventory never reports nor deletes their credentials or bindings.
     */
    readonly managedElsewhere: readonly string[];
}

/** SCRAM iterations of every user's credential; 4096 is Kafka's minimum. */
export const USER_SCRAM_ITERATIONS = 8192;

/**
 * The stack's SCRAM users and their ACLs, reconciled through the admin
 * connection: a credential or ACL removed or changed by hand shows in a
 * refreshing preview and `up --refresh` puts it back. One added by hand is
 * found by the access inventory, which `up --refresh` deletes it through.
 */
export class KafkaAccess extends pulumi.ComponentResource {
    constructor(name: string, args: KafkaAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:KafkaAccess", name, {}, opts);
        const provider = args.provider;
        const declared: pulumi.Resource[] = [];
        for (const user of args.users) {
            const credential = new kafka.UserScramCredential(
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
            declared.push(credential);
        }
        for (const grant of args.acls) {
            const acl = new kafka.Acl(
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
            declared.push(acl);
        }
        new AccessInventory(
            `${name}-inventory`,
            {
                ...args.inventoryLogin,
                users: args.users.map((user) => credentialLine({ user: user.name, mechanism: user.mechanism })).sort(),
                acls: args.acls.map((grant) => aclLine({ ...grant, principal: principalOf(grant.user) })).sort(),
                keepUsers: [...args.managedElsewhere].sort(),
                undeclaredUsers: [],
                undeclaredAcls: [],
            },
            // After every declared user and ACL exists, so its first read finds them.
            { parent: this, dependsOn: declared },
        );
        this.registerOutputs({});
    }
}
