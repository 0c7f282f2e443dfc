import { connectAccessClient } from "../../lib/kafka/accessClient";

// The access inventory's client against a stand-in for @platformatic/kafka's
// protocol requests: what is asked, where it is sent, and how Kafka's wire
// codes come back as the names kafka-acls.sh uses.

const requests: { api: string; broker: unknown; args: unknown[] }[] = [];
const connection = (broker: unknown) => ({ broker });
const api = (name: string, response: unknown) => ({
    api: {
        async: async (conn: { broker: unknown }, ...args: unknown[]) => {
            requests.push({ api: name, broker: conn.broker, args });
            return response;
        },
    },
});
const pools: { options: unknown; closed: boolean }[] = [];

jest.mock(
    "@platformatic/kafka",
    () => ({
        ConnectionPool: class {
            private readonly entry: { options: unknown; closed: boolean };
            constructor(_clientId: string, options: unknown) {
                this.entry = { options, closed: false };
                pools.push(this.entry);
            }
            async getFirstAvailable(brokers: unknown[]) {
                return connection(brokers[0]);
            }
            async get(broker: unknown) {
                return connection(broker);
            }
            async close() {
                this.entry.closed = true;
            }
        },
        describeUserScramCredentialsV0: api("DescribeUserScramCredentials", {
            results: [
                { user: "alice", credentialInfos: [{ mechanism: 2 }, { mechanism: 1 }] },
                { user: "mallory", credentialInfos: [{ mechanism: 2 }] },
            ],
        }),
        describeAclsV3: api("DescribeAcls", {
            resources: [
                { resourceType: 2, resourceName: "orders", resourcePatternType: 3, acls: [{ principal: "User:mallory", host: "*", operation: 3, permissionType: 3 }] },
                { resourceType: 4, resourceName: "kafka-cluster", resourcePatternType: 4, acls: [{ principal: "User:bob", host: "10.0.0.9", operation: 12, permissionType: 2 }] },
            ],
        }),
        metadataV12: api("Metadata", { controllerId: 2, brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092 }, { nodeId: 2, host: "127.0.0.1", port: 9093 }] }),
        alterUserScramCredentialsV0: api("AlterUserScramCredentials", { results: [] }),
        deleteAclsV3: api("DeleteAcls", { filterResults: [] }),
    }),
    { virtual: true },
);

const LOGIN = { bootstrapServers: ["127.0.0.1:9092", "127.0.0.1:9093"], username: "kafka-broker", password: "pw", mechanism: "SCRAM-SHA-512", caCertPem: "CA PEM" };

beforeEach(() => {
    requests.length = 0;
    pools.length = 0;
});

it("logs in with SCRAM over TLS trusting the given CA, and closes", async () => {
    const client = connectAccessClient(LOGIN);
    await client.close();
    expect(pools).toEqual([{ options: expect.objectContaining({ sasl: { mechanism: "SCRAM-SHA-512", username: "kafka-broker", password: "pw" }, tls: { ca: "CA PEM" } }), closed: true }]);
    connectAccessClient({ ...LOGIN, caCertPem: undefined });
    expect(pools[1]?.options).not.toHaveProperty("tls");
});

it("lists every user's credentials by mechanism name", async () => {
    const credentials = await connectAccessClient(LOGIN).listCredentials();
    expect(requests).toEqual([{ api: "DescribeUserScramCredentials", broker: { host: "127.0.0.1", port: 9092 }, args: [null] }]);
    expect(credentials).toEqual([
        { user: "alice", mechanism: "SCRAM-SHA-512" },
        { user: "alice", mechanism: "SCRAM-SHA-256" },
        { user: "mallory", mechanism: "SCRAM-SHA-512" },
    ]);
});

it("lists every binding with an any-filter, in kafka-acls.sh's names, each with the exact filter that deletes it", async () => {
    const client = connectAccessClient(LOGIN);
    const acls = await client.listAcls();
    expect(requests[0]?.args).toEqual([{ resourceType: 1, resourceName: null, resourcePatternType: 1, principal: null, host: null, operation: 1, permissionType: 1 }]);
    expect(acls.map(({ filter: _filter, ...binding }) => binding)).toEqual([
        { principal: "User:mallory", permission: "Allow", operation: "Read", resourceType: "Topic", resourceName: "orders", patternType: "Literal", host: "*" },
        { principal: "User:bob", permission: "Deny", operation: "IdempotentWrite", resourceType: "Cluster", resourceName: "kafka-cluster", patternType: "Prefixed", host: "10.0.0.9" },
    ]);
    await client.deleteAcls(acls.slice(1));
    expect(requests[1]).toEqual({
        api: "DeleteAcls",
        broker: { host: "127.0.0.1", port: 9092 },
        args: [[{ resourceType: 4, resourceName: "kafka-cluster", resourcePatternType: 4, principal: "User:bob", host: "10.0.0.9", operation: 12, permissionType: 2 }]],
    });
});

it("deletes credentials on the controller, by mechanism code, and sends nothing for nothing", async () => {
    const client = connectAccessClient(LOGIN);
    await client.deleteCredentials([]);
    await client.deleteAcls([]);
    expect(requests).toEqual([]);
    await client.deleteCredentials([{ user: "mallory", mechanism: "SCRAM-SHA-512" }, { user: "alice", mechanism: "SCRAM-SHA-256" }]);
    expect(requests.map((request) => request.api)).toEqual(["Metadata", "AlterUserScramCredentials"]);
    expect(requests[1]).toEqual({
        api: "AlterUserScramCredentials",
        broker: { host: "127.0.0.1", port: 9093 },
        args: [
            [
                { name: "mallory", mechanism: 2 },
                { name: "alice", mechanism: 1 },
            ],
            [],
        ],
    });
});
