import { accessInventoryProvider, AccessInventoryInputs } from "../../components/accessInventory";
import type { AccessClient, ConnectAccess, ListedAcl } from "../../lib/kafka/accessClient";
import { aclLine, credentialLine, LiveCredential, undeclaredAccess } from "../../lib/kafka/accessInventory";
import { principalOf, uiGrants } from "../../lib/kafka/acls";

// The access inventory: which users and ACL bindings on the cluster nobody
// declared, what a refresh reports, and what an update deletes. The client is
// a fake holding a live set; the real one is exercised by the e2e suite.

const acl = (principal: string, operation: string, resourceName: string, extra: Partial<ListedAcl> = {}): ListedAcl => ({
    principal,
    permission: "Allow",
    operation,
    resourceType: "Topic",
    resourceName,
    patternType: "Literal",
    host: "*",
    filter: `${principal}/${operation}/${resourceName}`,
    ...extra,
});

const ALICE_READ = acl("User:alice", "Read", "orders");
const DECLARED: AccessInventoryInputs = {
    bootstrapServers: ["127.0.0.1:9092"],
    username: "kafka-broker",
    password: "broker-pw",
    mechanism: "SCRAM-SHA-512",
    users: ["alice (SCRAM-SHA-512)"],
    acls: [aclLine(ALICE_READ)],
    keepUsers: ["admin", "kafka-broker"],
    undeclaredUsers: [],
    undeclaredAcls: [],
};

/** A cluster in memory, and a record of what the provider did to it. */
function fakeCluster(credentials: LiveCredential[], acls: ListedAcl[]) {
    const calls = { connects: 0, closes: 0, deletedCredentials: [] as LiveCredential[], deletedAcls: [] as unknown[] };
    const connect: ConnectAccess = (login) => {
        calls.connects++;
        expect(login).toMatchObject({ username: "kafka-broker", password: "broker-pw", mechanism: "SCRAM-SHA-512" });
        const client: AccessClient = {
            listCredentials: async () => [...credentials],
            listAcls: async () => [...acls],
            deleteCredentials: async (gone) => {
                calls.deletedCredentials.push(...gone);
            },
            deleteAcls: async (gone) => {
                calls.deletedAcls.push(...gone.map((entry) => entry.filter));
            },
            close: async () => {
                calls.closes++;
            },
        };
        return client;
    };
    return { connect, calls };
}

describe("undeclaredAccess", () => {
    it("reports users and bindings nobody declared, one readable line each, sorted", () => {
        const found = undeclaredAccess(DECLARED, {
            credentials: [
                { user: "mallory", mechanism: "SCRAM-SHA-512" },
                { user: "alice", mechanism: "SCRAM-SHA-512" },
                { user: "bob", mechanism: "SCRAM-SHA-256" },
            ],
            acls: [acl("User:mallory", "Read", "orders"), ALICE_READ, acl("User:alice", "Write", "payments", { patternType: "Prefixed", permission: "Deny", host: "10.0.0.9" })],
        });
        expect(found).toEqual({
            users: ["bob (SCRAM-SHA-256)", "mallory (SCRAM-SHA-512)"],
            acls: ["User:alice DENY Write Topic:payments (PREFIXED) host 10.0.0.9", "User:mallory ALLOW Read Topic:orders (LITERAL) host *"],
        });
    });

    it("reports a second mechanism added by hand to a declared user, not the declared one", () => {
        const found = undeclaredAccess(DECLARED, {
            credentials: [
                { user: "alice", mechanism: "SCRAM-SHA-512" },
                { user: "alice", mechanism: "SCRAM-SHA-256" },
            ],
            acls: [],
        });
        expect(found.users).toEqual(["alice (SCRAM-SHA-256)"]);
    });

    it("never reports the users the stack manages elsewhere, nor any binding naming them", () => {
        const found = undeclaredAccess(DECLARED, {
            credentials: [
                { user: "admin", mechanism: "SCRAM-SHA-512" },
                { user: "admin", mechanism: "SCRAM-SHA-256" },
                { user: "kafka-broker", mechanism: "SCRAM-SHA-512" },
            ],
            acls: [acl("User:admin", "All", "*"), acl("User:kafka-broker", "Read", "orders")],
        });
        expect(found).toEqual({ users: [], acls: [] });
    });

    it("matches a declared grant, kafka-ui's included, with the binding Kafka lists for it", () => {
        const grants = uiGrants("kafka-ui", true);
        const declared = { ...DECLARED, acls: grants.map((grant) => aclLine({ ...grant, principal: principalOf(grant.user) })) };
        const listed = grants.map((grant) => acl(`User:${grant.user}`, grant.operation, grant.resourceName, { resourceType: grant.resourceType }));
        expect(undeclaredAccess(declared, { credentials: [], acls: listed }).acls).toEqual([]);
        expect(declared.acls).toContain("User:kafka-ui ALLOW DescribeConfigs Cluster:kafka-cluster (LITERAL) host *");
    });
});

describe("the access inventory's provider", () => {
    it("creates without connecting: nothing exists yet that it could report", async () => {
        const cluster = fakeCluster([{ user: "mallory", mechanism: "SCRAM-SHA-512" }], []);
        const created = await accessInventoryProvider(cluster.connect).create!(DECLARED);
        expect(created.outs).toMatchObject({ undeclaredUsers: [], undeclaredAcls: [] });
        expect(cluster.calls.connects).toBe(0);
    });

    it("reads what the cluster holds beyond the declaration, keeps its inputs, and closes the connection", async () => {
        const cluster = fakeCluster([{ user: "mallory", mechanism: "SCRAM-SHA-512" }, { user: "admin", mechanism: "SCRAM-SHA-512" }], [ALICE_READ, acl("User:mallory", "Read", "orders")]);
        const read = await accessInventoryProvider(cluster.connect).read!("access-inventory", DECLARED);
        const refreshed = {
            ...DECLARED,
            undeclaredUsers: ["mallory (SCRAM-SHA-512)"],
            undeclaredAcls: ["User:mallory ALLOW Read Topic:orders (LITERAL) host *"],
        };
        // Inputs too, so a preview's diff of inputs shows the entries leaving the lists.
        expect(read).toEqual({ id: "access-inventory", props: refreshed, inputs: refreshed });
        expect(cluster.calls).toMatchObject({ connects: 1, closes: 1, deletedCredentials: [], deletedAcls: [] });
    });

    it("diffs as an update when a read found something or the declaration changed, and not otherwise", async () => {
        const diff = accessInventoryProvider(fakeCluster([], []).connect).diff!;
        expect((await diff("id", DECLARED, DECLARED)).changes).toBe(false);
        // The provider's own code (a new version of the program) is no change.
        expect((await diff("id", { ...DECLARED, __provider: "old" } as AccessInventoryInputs, { ...DECLARED, __provider: "new" } as AccessInventoryInputs)).changes).toBe(false);
        for (const olds of [{ ...DECLARED, undeclaredUsers: ["mallory (SCRAM-SHA-512)"] }, { ...DECLARED, undeclaredAcls: ["User:mallory ALLOW Read Topic:orders (LITERAL) host *"] }]) {
            expect(await diff("id", olds, DECLARED)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        }
        expect((await diff("id", DECLARED, { ...DECLARED, users: [...DECLARED.users, "bob (SCRAM-SHA-512)"] })).changes).toBe(true);
        expect((await diff("id", DECLARED, { ...DECLARED, password: "new-broker-pw" })).changes).toBe(true);
    });

    it("updates by deleting exactly what the read reported and is still undeclared, then records nothing undeclared", async () => {
        const mallory = { user: "mallory", mechanism: "SCRAM-SHA-512" };
        const bob = { user: "bob", mechanism: "SCRAM-SHA-512" };
        const trent = { user: "trent", mechanism: "SCRAM-SHA-512" };
        const malloryRead = acl("User:mallory", "Read", "orders");
        const cluster = fakeCluster([mallory, bob, trent, { user: "admin", mechanism: "SCRAM-SHA-512" }], [ALICE_READ, malloryRead, acl("User:trent", "Write", "orders")]);
        const olds = { ...DECLARED, undeclaredUsers: [credentialLine(bob), credentialLine(mallory)], undeclaredAcls: [aclLine(malloryRead)] };
        // bob was declared since the read; trent appeared after it (no preview named him).
        const news = { ...DECLARED, users: [...DECLARED.users, credentialLine(bob)] };
        const updated = await accessInventoryProvider(cluster.connect).update!("access-inventory", olds, news);
        expect(cluster.calls.deletedCredentials).toEqual([mallory]);
        expect(cluster.calls.deletedAcls).toEqual([malloryRead.filter]);
        expect(cluster.calls.closes).toBe(1);
        expect(updated.outs).toEqual({ ...news, undeclaredUsers: [], undeclaredAcls: [] });
    });

    it("never deletes the admin or the brokers' principal, even if a state names them", async () => {
        const cluster = fakeCluster([{ user: "admin", mechanism: "SCRAM-SHA-512" }, { user: "kafka-broker", mechanism: "SCRAM-SHA-512" }], [acl("User:admin", "Read", "orders")]);
        const olds = { ...DECLARED, undeclaredUsers: ["admin (SCRAM-SHA-512)", "kafka-broker (SCRAM-SHA-512)"], undeclaredAcls: ["User:admin ALLOW Read Topic:orders (LITERAL) host *"] };
        await accessInventoryProvider(cluster.connect).update!("access-inventory", olds, DECLARED);
        expect(cluster.calls).toMatchObject({ deletedCredentials: [], deletedAcls: [] });
    });

    it("does not connect on an update that has nothing to delete (a changed declaration, a changed password)", async () => {
        const cluster = fakeCluster([{ user: "mallory", mechanism: "SCRAM-SHA-512" }], []);
        await accessInventoryProvider(cluster.connect).update!("access-inventory", DECLARED, { ...DECLARED, password: "broker-pw" });
        expect(cluster.calls.connects).toBe(0);
    });
});
