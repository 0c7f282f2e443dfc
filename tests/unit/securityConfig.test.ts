import { ConfigContext, parseConfig, RawConfig } from "../../config";
import { aclResourceName } from "../../lib/kafka/acls";
import { ConfigValidationError } from "../../lib/config/problems";

// Stack config `security`: each case breaks one rule of an otherwise valid secured
// stack and expects the one message that names the key.

const TOPICS = {
    orders: { partitions: 3, replicationFactor: 3 },
    payments: { partitions: 3, replicationFactor: 3 },
};
const SECURITY = {
    enabled: true,
    adminPassword: "admin-secret-1",
    users: { alice: { password: "alice-secret-1" }, "kafka-ui": { password: "ui-secret-1", mechanism: "SCRAM-SHA-256" } },
    acls: {
        alice: [
            { topic: "orders", operations: ["Read", "Write", "Describe"] },
            { group: "orders-app", operations: ["Read"] },
        ],
    },
};

function parse(security: unknown, context: Partial<ConfigContext> = {}, raw: RawConfig = {}) {
    return parseConfig({ brokers: 3, topics: TOPICS, security, ...raw }, { project: "kafka-cluster", stack: "test", securityStoredAsSecret: true, ...context });
}

function problemsOf(security: unknown, context: Partial<ConfigContext> = {}, raw: RawConfig = {}): string[] {
    try {
        parse(security, context, raw);
        return [];
    } catch (error) {
        if (error instanceof ConfigValidationError) return [...error.problems];
        throw error;
    }
}

const withAcls = (acls: unknown) => ({ ...SECURITY, acls });

describe("security config", () => {
    it("is off by default, and for a stack that does not mention it", () => {
        expect(parseConfig({}, { project: "kafka-cluster", stack: "dev" }).security).toBeUndefined();
    });

    it("expands every grant into one ACL per operation, users sorted by name", () => {
        const security = parse(SECURITY).security;
        expect(security?.adminUsername).toBe("admin");
        expect(security?.users.map((user) => `${user.name}:${user.mechanism}`)).toEqual(["alice:SCRAM-SHA-512", "kafka-ui:SCRAM-SHA-256"]);
        expect(security?.acls.map((acl) => `${acl.resourceType}:${acl.resourceName}:${acl.operation}:${acl.permission}`)).toEqual([
            "Topic:orders:Read:Allow",
            "Topic:orders:Write:Allow",
            "Topic:orders:Describe:Allow",
            "Group:orders-app:Read:Allow",
        ]);
        expect(security?.tls).toEqual({ rotation: 0, ca: undefined });
    });

    const cases: [string, unknown, string][] = [
        ["a user named as the brokers' principal", { ...SECURITY, users: { ...SECURITY.users, "kafka-broker": { password: "x-secret-1" } } }, "security.users.kafka-broker is the brokers' own principal; the stack generates and manages its credential, so choose another user name"],
        ["the admin named as the brokers' principal", { ...SECURITY, adminUsername: "kafka-broker" }, 'security.adminUsername is "kafka-broker", the brokers\' own principal, which the stack manages apart from the admin; choose another name'],
        [
            "a user named as the controllers' principal",
            { ...SECURITY, users: { ...SECURITY.users, "kafka-controller": { password: "x-secret-1" } } },
            "security.users.kafka-controller is the principal brokers and controllers log in to the KRaft controllers as; the stack generates and manages its credential, so choose another user name",
        ],
        [
            "the admin named as the controllers' principal",
            { ...SECURITY, adminUsername: "kafka-controller" },
            'security.adminUsername is "kafka-controller", the principal brokers and controllers log in to the KRaft controllers as, which the stack manages apart from the admin; choose another name',
        ],
        ["no admin password", { ...SECURITY, adminPassword: undefined }, "security.adminPassword is missing; set it encrypted: pulumi config set --path --secret 'security.adminPassword' <password> --stack test"],
        ["a user without a password", { ...SECURITY, users: { ...SECURITY.users, bob: {} } }, "security.users.bob.password is missing; set it encrypted: pulumi config set --path --secret 'security.users.bob.password' <password> --stack test"],
        [
            "the admin declared as a user too",
            { ...SECURITY, users: { ...SECURITY.users, admin: { password: "another-one" } } },
            "security.users.admin is the admin (security.adminUsername); the stack manages the admin's credential itself (security.adminPassword), so declaring it again would manage it twice",
        ],
        ["an unknown mechanism", { ...SECURITY, users: { ...SECURITY.users, bob: { password: "bob-secret-1", mechanism: "PLAIN" } } }, 'security.users.bob.mechanism is "PLAIN" but must be one of SCRAM-SHA-512, SCRAM-SHA-256'],
        ["an ACL for an undeclared user", withAcls({ alicia: [{ topic: "orders", operations: ["Read"] }] }), 'security.acls.alicia names user "alicia", which security.users does not declare; did you mean alice?'],
        [
            "an unknown operation",
            withAcls({ alice: [{ topic: "orders", operations: ["Read", "Publish"] }] }),
            'security.acls.alice[0].operations has "Publish" but a Topic grant allows only Read, Write, Create, Delete, Alter, Describe, DescribeConfigs, AlterConfigs, All',
        ],
        [
            "a duplicate grant",
            withAcls({ alice: [{ topic: "orders", operations: ["Read"] }, { topic: "orders", operations: ["Write", "Read"] }] }),
            'security.acls.alice[1] grants Allow Read on Topic "orders" again, as security.acls.alice[0] already does; remove the duplicate',
        ],
        ["a grant naming two resources", withAcls({ alice: [{ topic: "orders", group: "g", operations: ["Read"] }] }), "security.acls.alice[0] must name exactly one of topic, topicPrefix, group, groupPrefix or cluster (it names topic, group)"],
        ["a grant to the admin", withAcls({ admin: [{ topic: "orders", operations: ["Read"] }] }), "security.acls.admin grants to the admin, a super user whom ACLs do not restrict; remove it"],
        ["an unknown permission", withAcls({ alice: [{ topic: "orders", operations: ["Read"], permission: "Maybe" }] }), 'security.acls.alice[0].permission is "Maybe" but must be Allow or Deny'],
        ["a CA certificate without its key", { ...SECURITY, tls: { caCert: "-----BEGIN CERTIFICATE-----\n" } }, expect.stringContaining("security.tls.caKey is missing: bringing your own CA takes both") as unknown as string],
        ["a misspelt setting", { ...SECURITY, adminPasword: "x" }, "security.adminPasword is not a setting; did you mean adminPassword?"],
    ];
    it.each(cases)("rejects %s", (_name, security, message) => {
        expect(problemsOf(security)).toEqual([message]);
    });

    it("rejects passwords stored in plain text, naming each key", () => {
        expect(problemsOf(SECURITY, { securityStoredAsSecret: false })).toEqual([
            "security.adminPassword, security.users.alice.password, security.users.kafka-ui.password are stored in plain text in Pulumi.test.yaml; store each encrypted: pulumi config set --path --secret 'security.adminPassword' <password> --stack test",
        ]);
    });

    it("needs kafka-ui's own user while the UI runs, and not once it is off", () => {
        const { "kafka-ui": _ui, ...withoutUi } = SECURITY.users;
        expect(problemsOf({ ...SECURITY, users: withoutUi })).toEqual([
            "security.uiUser is \"kafka-ui\" but no such user is declared in security.users; kafka-ui connects as its own SCRAM user: declare it with a password (pulumi config set --path --secret 'security.users.kafka-ui.password' <password>)",
        ]);
        expect(problemsOf({ ...SECURITY, users: withoutUi }, {}, { uiEnabled: false })).toEqual([]);
    });

    it("warns about a prefix that matches no declared topic, and about EXTERNAL without TLS", () => {
        const config = parse({ ...withAcls({ alice: [{ topicPrefix: "invoices-", operations: ["Read"] }] }), externalTls: false });
        expect(config.warnings).toEqual([
            'security.acls.alice[0].topicPrefix is "invoices-" but no declared topic starts with it; the grant matters only for topics made outside this stack',
            "security.externalTls is false: SCRAM authenticates the EXTERNAL listener, but its traffic (messages included) crosses the network unencrypted",
        ]);
        expect(config.security?.tls).toBeUndefined();
    });
});

describe("security in KRaft mode", () => {
    it("is accepted", () => {
        expect(parse(SECURITY, {}, { metadataMode: "kraft" }).security?.adminUsername).toBe("admin");
    });

    it("takes any admin password: the admin's credential is written through the brokers, not by the format step", () => {
        expect(problemsOf({ ...SECURITY, adminPassword: 'first,se"cond]' }, {}, { metadataMode: "kraft" })).toEqual([]);
    });
});

describe("security with the modes it is not built for yet", () => {

    it("refuses a stack spread over hosts, whose certificates would name single-host aliases", () => {
        const hosts = ["a", "b", "c"].map((name, index) => ({ name, endpoint: `unix:///run/${name}.sock`, address: `10.77.0.${11 + index}` }));
        expect(problemsOf(SECURITY, {}, { hosts, allowPublicBind: true })).toContainEqual(expect.stringContaining("security.enabled is true with hosts set"));
    });
});

describe("ACL resource names (every kafka.Acl input forces replacement)", () => {
    const grants = parse(SECURITY).security?.acls ?? [];

    it("derive from the binding, so reordering grants renames nothing", () => {
        const reordered = parse(withAcls({ alice: [...SECURITY.acls.alice].reverse().map((grant) => ({ ...grant, operations: [...grant.operations].reverse() })) })).security?.acls ?? [];
        const names = (list: typeof grants) => list.map((grant) => aclResourceName("acl", grant)).sort();
        expect(names(reordered)).toEqual(names(grants));
        expect(names(grants)).toEqual(["acl-alice-group-orders-app-read-allow", "acl-alice-topic-orders-describe-allow", "acl-alice-topic-orders-read-allow", "acl-alice-topic-orders-write-allow"]);
    });

    it("differ whenever any field of the binding differs, so no two grants share a resource", () => {
        const base = grants[0];
        if (!base) throw new Error("no grant parsed");
        const variants = [
            base,
            { ...base, patternType: "Prefixed" as const },
            { ...base, permission: "Deny" as const },
            { ...base, host: "10.0.0.1" },
            { ...base, operation: "Write" },
            { ...base, user: "bob" },
            { ...base, resourceType: "Group" as const },
        ];
        expect(new Set(variants.map((grant) => aclResourceName("acl", grant))).size).toBe(variants.length);
    });
});

describe("allowBroadGrants", () => {
    it("takes a list of declared users, and warns about a name that allows nothing", () => {
        expect(parse(SECURITY, {}, { allowBroadGrants: ["kafka-ui", "*"] }).warnings).toEqual([]);
        expect(parse(SECURITY, {}, { allowBroadGrants: ["kafka-iu"] }).warnings).toEqual(['allowBroadGrants lists "kafka-iu", which is not a user in security.users; it allows nothing']);
    });

    it("refuses anything but a list of names", () => {
        expect(problemsOf(SECURITY, {}, { allowBroadGrants: "kafka-ui" })).toEqual(['allowBroadGrants is "kafka-ui", but must be a list of user names, e.g. [kafka-ui]']);
    });
});
