import { violations } from "./harness";

const POLICY = "no-broad-grants";
const ACL = "kafka:index/acl:Acl";
const acl = (name: string, props: Record<string, unknown>) => ({
    type: ACL,
    name,
    props: { aclPrincipal: "User:alice", aclHost: "*", aclOperation: "Read", aclPermissionType: "Allow", aclResourceType: "Topic", aclResourceName: "orders", resourcePatternTypeFilter: "Literal", ...props },
});
const STRICT = { allowBroadGrants: [] };
const fix = (user: string) => `grant named topics, groups and operations instead, or, if ${user} needs this reach, add it to the stack's allowBroadGrants (pulumi config set --path 'allowBroadGrants[0]' ${user})`;

describe(POLICY, () => {
    it("accepts grants on named topics, prefixes and groups, and cluster operations short of All", async () => {
        for (const props of [{}, { aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" }, { aclResourceType: "Group", aclResourceName: "orders-app" }, { aclResourceType: "Cluster", aclResourceName: "kafka-cluster", aclOperation: "IdempotentWrite" }]) {
            expect(await violations(POLICY, acl("a", props), STRICT)).toEqual([]);
        }
    });

    it.each([
        ["a literal * topic", { aclResourceName: "*" }, 'Acl "wide" allows User:alice Read on Topic "*", which reaches every topic'],
        ["an empty topic prefix", { aclResourceName: "", resourcePatternTypeFilter: "Prefixed" }, 'Acl "wide" allows User:alice Read on Topic "" (prefix), which reaches every topic'],
        ["a literal * group", { aclResourceType: "Group", aclResourceName: "*" }, 'Acl "wide" allows User:alice Read on Group "*", which reaches every group'],
        ["All operations", { aclOperation: "All" }, 'Acl "wide" allows User:alice All on Topic "orders", which reaches every operation'],
        ["All on the cluster", { aclResourceType: "Cluster", aclResourceName: "kafka-cluster", aclOperation: "All" }, 'Acl "wide" allows User:alice All on Cluster "kafka-cluster", which reaches every operation'],
        ["everything at once", { aclResourceName: "*", aclOperation: "All" }, 'Acl "wide" allows User:alice All on Topic "*", which reaches every topic and every operation'],
    ])("refuses %s unless the user is allowed broad grants", async (_what, props, message) => {
        expect(await violations(POLICY, acl("wide", props), STRICT)).toEqual([`${message}: ${fix("alice")}`]);
        expect(await violations(POLICY, acl("wide", props), { allowBroadGrants: ["alice"] })).toEqual([]);
        expect(await violations(POLICY, acl("wide", props), { allowBroadGrants: ["kafka-ui"] })).toHaveLength(1);
    });

    it("refuses a grant to every user, which only listing * allows", async () => {
        const everyone = acl("everyone", { aclPrincipal: "User:*" });
        expect(await violations(POLICY, everyone, STRICT)).toEqual([`Acl "everyone" allows User:* Read on Topic "orders", which reaches every user: ${fix("*")}`]);
        expect(await violations(POLICY, everyone, { allowBroadGrants: ["alice"] })).toHaveLength(1);
        expect(await violations(POLICY, everyone, { allowBroadGrants: ["*"] })).toEqual([]);
    });

    it("never counts a deny as broad: it only takes rights away", async () => {
        expect(await violations(POLICY, acl("deny", { aclResourceName: "*", aclOperation: "All", aclPrincipal: "User:*", aclPermissionType: "Deny" }), STRICT)).toEqual([]);
    });

    it("fails safe without the stack's facts: no user is allowed broad grants", async () => {
        expect(await violations(POLICY, acl("wide", { aclResourceName: "*" }))).toHaveLength(1);
    });

    it("judges the ACLs only", async () => {
        expect(await violations(POLICY, { type: "kafka:index/topic:Topic", name: "t", props: { name: "*" } }, STRICT)).toEqual([]);
    });
});
