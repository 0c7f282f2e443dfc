import type { LiveAcl, LiveCredential } from "./accessInventory";

// The access inventory's connection to Kafka: list and delete SCRAM credentials
// and ACL bindings, over SASL/SCRAM (and TLS when the listener has it).
//
// Why @platformatic/kafka: the Kafka provider has no "list everything" read, and
// kafkajs (the other Node client) has no SCRAM-credential APIs at all. This
// client is plain JavaScript, maintained, speaks SCRAM-SHA-512 and TLS with
// Node's own tls module (so hostname verification is Node's), and exposes
// Kafka's protocol requests one by one: DescribeUserScramCredentials,
// AlterUserScramCredentials, DescribeAcls and DeleteAcls. The other way, a
// one-shot broker-image container running kafka-acls.sh / kafka-configs.sh,
// would need a Docker CLI and a JVM start per call on the machine running
// Pulumi.
//
// The library is required inside connectAccessClient, not imported: this
// module is serialized into the inventory's dynamic provider, and a require at
// call time resolves the package from the project's node_modules there.

export interface AccessLogin {
    readonly bootstrapServers: readonly string[];
    readonly username: string;
    readonly password: string;
    readonly mechanism: string;
    /** Trust this CA (TLS, hostname verified); absent means no TLS. */
    readonly caCertPem?: string;
}

/** A listed binding with the exact filter that deletes it and nothing else. */
export interface ListedAcl extends LiveAcl {
    readonly filter: unknown;
}

export interface AccessClient {
    listCredentials(): Promise<LiveCredential[]>;
    listAcls(): Promise<ListedAcl[]>;
    deleteCredentials(credentials: readonly LiveCredential[]): Promise<void>;
    deleteAcls(acls: readonly ListedAcl[]): Promise<void>;
    close(): Promise<void>;
}

export type ConnectAccess = (login: AccessLogin) => AccessClient;

/** Kafka's wire codes (org.apache.kafka.common.acl / resource, ScramMechanism) and the names kafka-acls.sh prints. */
const MECHANISMS: Record<number, string> = { 1: "SCRAM-SHA-256", 2: "SCRAM-SHA-512" };
const RESOURCE_TYPES: Record<number, string> = { 2: "Topic", 3: "Group", 4: "Cluster", 5: "TransactionalId", 6: "DelegationToken", 7: "User" };
const PATTERN_TYPES: Record<number, string> = { 3: "Literal", 4: "Prefixed" };
const OPERATIONS: Record<number, string> = {
    2: "All",
    3: "Read",
    4: "Write",
    5: "Create",
    6: "Delete",
    7: "Alter",
    8: "Describe",
    9: "ClusterAction",
    10: "DescribeConfigs",
    11: "AlterConfigs",
    12: "IdempotentWrite",
    13: "CreateTokens",
    14: "DescribeTokens",
    15: "TwoPhaseCommit",
};
const PERMISSIONS: Record<number, string> = { 2: "Deny", 3: "Allow" };
/** The "any" codes of a DescribeAcls filter. */
const ANY = 1;

function named(codes: Record<number, string>, code: number): string {
    return codes[code] ?? `Unknown(${code})`;
}

function hostAndPort(address: string): { host: string; port: number } {
    const at = address.lastIndexOf(":");
    return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

export const connectAccessClient: ConnectAccess = (login) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kafka = require("@platformatic/kafka");
    const pool = new kafka.ConnectionPool("kafka-cluster-access-inventory", {
        connectTimeout: 15_000,
        requestTimeout: 30_000,
        sasl: { mechanism: login.mechanism, username: login.username, password: login.password },
        ...(login.caCertPem !== undefined ? { tls: { ca: login.caCertPem } } : {}),
    });
    const brokers = login.bootstrapServers.map(hostAndPort);
    const anyBroker = () => pool.getFirstAvailable(brokers);
    return {
        async listCredentials() {
            // No user named: every user's credentials.
            const response = await kafka.describeUserScramCredentialsV0.api.async(await anyBroker(), null);
            return response.results.flatMap((result: { user: string; credentialInfos: { mechanism: number }[] }) =>
                result.credentialInfos.map((info) => ({ user: result.user, mechanism: named(MECHANISMS, info.mechanism) })),
            );
        },
        async listAcls() {
            const anyAcl = { resourceType: ANY, resourceName: null, resourcePatternType: ANY, principal: null, host: null, operation: ANY, permissionType: ANY };
            const response = await kafka.describeAclsV3.api.async(await anyBroker(), anyAcl);
            return response.resources.flatMap(
                (resource: { resourceType: number; resourceName: string; resourcePatternType: number; acls: { principal: string; host: string; operation: number; permissionType: number }[] }) =>
                    resource.acls.map((acl) => ({
                        principal: acl.principal,
                        permission: named(PERMISSIONS, acl.permissionType),
                        operation: named(OPERATIONS, acl.operation),
                        resourceType: named(RESOURCE_TYPES, resource.resourceType),
                        resourceName: resource.resourceName,
                        patternType: named(PATTERN_TYPES, resource.resourcePatternType),
                        host: acl.host,
                        // Every field set: the filter matches this one binding.
                        filter: { resourceType: resource.resourceType, resourceName: resource.resourceName, resourcePatternType: resource.resourcePatternType, ...acl },
                    })),
            );
        },
        async deleteCredentials(credentials) {
            if (credentials.length === 0) return;
            const codes = Object.fromEntries(Object.entries(MECHANISMS).map(([code, name]) => [name, Number(code)]));
            // In ZooKeeper mode only the controller alters credentials; a KRaft broker forwards to it.
            const metadata = await kafka.metadataV12.api.async(await anyBroker(), []);
            const controller = metadata.brokers.find((broker: { nodeId: number }) => broker.nodeId === metadata.controllerId);
            if (!controller) throw new Error(`no controller in the cluster's metadata (controller id ${metadata.controllerId})`);
            const deletions = credentials.map((credential) => ({ name: credential.user, mechanism: codes[credential.mechanism] }));
            await kafka.alterUserScramCredentialsV0.api.async(await pool.get({ host: controller.host, port: controller.port }), deletions, []);
        },
        async deleteAcls(acls) {
            if (acls.length === 0) return;
            await kafka.deleteAclsV3.api.async(
                await anyBroker(),
                acls.map((acl) => acl.filter),
            );
        },
        async close() {
            await pool.close();
        },
    };
};
