import * as pulumi from "@pulumi/pulumi";
import { AccessClient, AccessLogin, ConnectAccess, connectAccessClient } from "../lib/kafka/accessClient";
import { aclLine, credentialLine, DeclaredAccess, toDelete, undeclaredAccess } from "../lib/kafka/accessInventory";

// The set of SCRAM users and ACL bindings on a secured cluster, owned as one
// resource so that what was ADDED by hand is drift too: each user and ACL
// resource reads back only itself, so a credential or binding nobody declared
// is otherwise invisible to a refresh.
//
// - create: lists nothing (the first `up` may run before anything could be
//   added by hand) and records that nothing undeclared is wanted.
// - read (refresh, drift check, PR preview): lists the cluster and records what
//   it holds beyond the declaration in `undeclaredUsers` / `undeclaredAcls`.
// - diff: those lists (or a changed declaration) against the wanted empty
//   lists, so a refreshing preview shows an update naming each entry.
// - update: deletes what the last read named that is still live and still
//   undeclared, and records empty lists again.
// - delete: nothing; the users and ACLs belong to the cluster.

export interface AccessInventoryInputs extends DeclaredAccess, AccessLogin {
    /** Always empty: the stack wants nothing on the cluster it does not declare. */
    readonly undeclaredUsers: string[];
    readonly undeclaredAcls: string[];
}

/** Input keys whose change alone is an update: what the inventory compares and how it connects. */
const COMPARED: readonly (keyof AccessInventoryInputs)[] = ["users", "acls", "keepUsers", "bootstrapServers", "username", "password", "mechanism", "caCertPem", "undeclaredUsers", "undeclaredAcls"];

/** The inventory's provider, over a given client (tests pass a fake one). */
export function accessInventoryProvider(connect: ConnectAccess): pulumi.dynamic.ResourceProvider {
    async function withClient<T>(login: AccessLogin, work: (client: AccessClient) => Promise<T>): Promise<T> {
        const client = connect(login);
        try {
            return await work(client);
        } finally {
            await client.close();
        }
    }
    return {
        async create(inputs: AccessInventoryInputs) {
            return { id: "access-inventory", outs: { ...inputs, undeclaredUsers: [], undeclaredAcls: [] } };
        },
        async read(id: string, props: AccessInventoryInputs) {
            const found = await withClient(props, async (client) => undeclaredAccess(props, { credentials: await client.listCredentials(), acls: await client.listAcls() }));
            const refreshed = { ...props, undeclaredUsers: found.users, undeclaredAcls: found.acls };
            // As inputs too: a preview shows a diff of inputs, so the entries found appear
            // there as leaving the lists. (The engine keeps the password secret in both.)
            return { id, props: refreshed, inputs: refreshed };
        },
        async diff(_id: string, olds: AccessInventoryInputs, news: AccessInventoryInputs) {
            const changed = COMPARED.filter((key) => JSON.stringify(olds[key] ?? []) !== JSON.stringify(news[key] ?? []));
            return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
        },
        async update(_id: string, olds: AccessInventoryInputs, news: AccessInventoryInputs) {
            if ((olds.undeclaredUsers ?? []).length + (olds.undeclaredAcls ?? []).length > 0) {
                await withClient(news, async (client) => {
                    const credentials = await client.listCredentials();
                    const acls = await client.listAcls();
                    const now = undeclaredAccess(news, { credentials, acls });
                    await client.deleteCredentials(toDelete(olds.undeclaredUsers, now.users, credentials, credentialLine));
                    await client.deleteAcls(toDelete(olds.undeclaredAcls, now.acls, acls, aclLine));
                });
            }
            return { outs: { ...news, undeclaredUsers: [], undeclaredAcls: [] } };
        },
    };
}

const provider = accessInventoryProvider(connectAccessClient);

export class AccessInventory extends pulumi.dynamic.Resource {
    /** Users on the cluster the stack does not declare, as `name (mechanism)`, at the last refresh. */
    declare public readonly undeclaredUsers: pulumi.Output<string[]>;
    /** ACL bindings on the cluster the stack does not declare, one line each, at the last refresh. */
    declare public readonly undeclaredAcls: pulumi.Output<string[]>;

    constructor(name: string, inputs: { [K in keyof AccessInventoryInputs]: pulumi.Input<AccessInventoryInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(provider, name, inputs, { ...opts, additionalSecretOutputs: ["password"] }, "kafka-cluster", "AccessInventory");
    }
}
