// A secured stack (security.enabled): SASL/SCRAM on both listeners, TLS on
// EXTERNAL, ACLs, users and kafka-ui's own login, checked with Kafka's console
// tools as a client would run them. One stack serves every scenario, in order.
import { randomUUID } from "node:crypto";
import { CommandResult, containerId, docker, kafkaToolOnNetwork, stackObjects } from "./support/docker";
import { TEST_IMAGES } from "./support/paths";
import { recordFigure, report } from "./support/report";
import { ACL_COMMAND, ClientSettings, consumeLines, kafkaClientTool, Login, produceLines, Route, said } from "./support/secureClient";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, StackSettings } from "./support/stack";
import { uiTopics } from "./support/ui";

const STACK = "e2e-secure";
// Ports 28092-28199 belong to this file.
const EXTERNAL_PORT_BASE = 28092;
const UI_PORT = 28180;
const MINUTES = 60_000;

const ORDERS = "orders";
const PAYMENTS = "payments";
const ALICE_GROUP = "orders-app";
const secret = (who: string) => `${who}-${randomUUID().slice(0, 13)}`;
const admin: Login = { username: "admin", password: secret("admin") };
let alice: Login = { username: "alice", password: secret("alice") };
const ui: Login = { username: "kafka-ui", password: secret("ui") };

const SETTINGS: StackSettings = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    // One broker keeps the cold start short on a shared CI machine; its controller
    // channel to itself is an inter-broker link, so it authenticates as the admin too.
    brokers: 1,
    brokerHeapMb: 320,
    externalPortBase: EXTERNAL_PORT_BASE,
    uiPort: UI_PORT,
    uiReadOnly: true,
    // __consumer_offsets with Kafka's 50 partitions takes a busy host tens of seconds to create on first use.
    brokerProperties: { "offsets.topic.num.partitions": 3 },
    topics: {
        [ORDERS]: { partitions: 2, replicationFactor: 1 },
        [PAYMENTS]: { partitions: 1, replicationFactor: 1 },
    },
    security: {
        enabled: true,
        users: { alice: {}, "kafka-ui": {} },
        acls: {
            alice: [
                { topic: ORDERS, operations: ["Write", "Read", "Describe"] },
                { group: ALICE_GROUP, operations: ["Read"] },
            ],
        },
    },
};

const scenario = scenarioSequence();
const external: Route = { kind: "external", bootstrap: `127.0.0.1:${EXTERNAL_PORT_BASE}` };
let internal: Route;
let caPem = "";
let stack: E2eStack;

async function configure(): Promise<void> {
    await stack.configure(SETTINGS);
    await stack.setSecretPaths({
        "security.adminPassword": admin.password,
        "security.users.alice.password": alice.password,
        "security.users.kafka-ui.password": ui.password,
    });
}

const overTls = (login?: Login): ClientSettings => ({ login, trust: { caPem } });
const overSasl = (login?: Login): ClientSettings => ({ login });
/** Each route with the settings its listener needs. */
const routes = (login?: Login): [string, Route, ClientSettings][] => [
    ["EXTERNAL (SASL_SSL)", external, overTls(login)],
    ["INTERNAL (SASL_PLAINTEXT)", internal, overSasl(login)],
];

async function listTopics(route: Route, settings: ClientSettings) {
    return kafkaClientTool(route, settings, "kafka-topics.sh", ["--list"]);
}

/** Container ids and the CA: "nothing changed" means none of them did. */
async function snapshot(): Promise<{ containers: Record<string, string>; ca: unknown }> {
    const { containers } = await stackObjects(STACK, stack.names.prefix);
    return {
        containers: Object.fromEntries(await Promise.all(containers.map(async (name) => [name, await containerId(name)]))),
        ca: (await stack.outputs()).caCertificate,
    };
}

beforeAll(async () => {
    stack = await E2eStack.create(STACK, SETTINGS);
    await configure();
    internal = { kind: "internal", network: stack.names.network, bootstrap: "kafka-1:19092" };
}, 5 * MINUTES);

afterAll(async () => {
    await stack?.dispose();
}, 15 * MINUTES);

describe(`secured stack ${STACK}`, () => {
    scenario("up: SASL_SSL on EXTERNAL, CA as a plain output, kafka-ui lists topics as its own user", async () => {
        const up = await stack.up();
        recordFigure("security.coldUpSeconds", Math.round(up.seconds));
        const outputs = await stack.outputs();
        expect(outputs.externalSecurityProtocol).toBe("SASL_SSL");
        caPem = String(outputs.caCertificate);
        expect(caPem).toContain("-----BEGIN CERTIFICATE-----");
        const bootstrapLogs = await kafkaToolOnNetwork(stack.names.network, "kafka-configs.sh", "--zookeeper", "zookeeper:2181", "--describe", "--entity-type", "users", "--entity-name", "admin");
        expect(bootstrapLogs).toContain("SCRAM-SHA-512=salt=");
        const topics = await uiTopics(`http://127.0.0.1:${UI_PORT}`, stack.names.prefix);
        report(`kafka-ui topics through its SCRAM user: HTTP ${topics.status} ${topics.body.slice(0, 200)}`);
        expect(topics.status).toBe(200);
        expect(topics.body).toContain(`"${ORDERS}"`);
    }, 15 * MINUTES);

    scenario("no credential appears in docker inspect", async () => {
        const { containers } = await stackObjects(STACK, stack.names.prefix);
        // What any member of the docker group sees: env, command, labels, mounts.
        const inspected = await Promise.all(containers.map((name) => docker("inspect", name)));
        for (const password of [admin.password, alice.password, ui.password]) {
            expect(inspected.join("\n")).not.toContain(password);
        }
    }, 2 * MINUTES);

    scenario("unauthenticated clients and a wrong password are refused on both listeners", async () => {
        for (const [label, route, settings] of routes()) {
            const anonymous = await listTopics(route, settings);
            report(`${label} without SASL: exit ${anonymous.code}: ${lastLine(anonymous)}`);
            expect(anonymous.code).not.toBe(0);
            // The broker drops a client that skips the SASL handshake; the client gives up waiting.
            expect(said(anonymous)).toMatch(/TimeoutException|Timed out|disconnected|SSL/);
        }
        for (const [label, route, settings] of routes({ ...alice, password: "not-the-password" })) {
            const wrong = await listTopics(route, settings);
            report(`${label} wrong password: exit ${wrong.code}: ${lastLine(wrong)}`);
            expect(wrong.code).not.toBe(0);
            expect(said(wrong)).toMatch(/Authentication failed|SaslAuthenticationException/);
        }
    }, 5 * MINUTES);

    scenario("a client that does not trust the CA fails the TLS handshake", async () => {
        const untrusting = await listTopics(external, { login: alice, trust: "system" });
        report(`EXTERNAL trusting only the JVM's CAs: exit ${untrusting.code}: ${lastLine(untrusting)}`);
        expect(untrusting.code).not.toBe(0);
        expect(said(untrusting)).toMatch(/SSL handshake failed|PKIX path building failed/);
    }, 2 * MINUTES);

    scenario("alice produces to orders and consumes with her group on both listeners, but not payments, and creates no topic", async () => {
        for (const [label, route, settings] of routes(alice)) {
            const values = [`${label}-1`, `${label}-2`];
            const produced = await produceLines(route, settings, ORDERS, values);
            expect(`${label}: ${produced.code} ${produced.code === 0 ? "" : said(produced).slice(-400)}`).toBe(`${label}: 0 `);
        }
        const consumed = await consumeLines(external, overTls(alice), ORDERS, ALICE_GROUP, 4);
        report(`alice consumed ${ORDERS} with group ${ALICE_GROUP}: exit ${consumed.code} ${lastLine(consumed)}`);
        expect(consumed.stdout.split("\n").filter(Boolean).sort()).toEqual(["EXTERNAL (SASL_SSL)-1", "EXTERNAL (SASL_SSL)-2", "INTERNAL (SASL_PLAINTEXT)-1", "INTERNAL (SASL_PLAINTEXT)-2"]);

        const payments = await consumeLines(internal, overSasl(alice), PAYMENTS, ALICE_GROUP, 1);
        expect(said(payments)).toMatch(/Not authorized to access topics: \[payments\]|TopicAuthorizationException/);
        const create = await kafkaClientTool(external, overTls(alice), "kafka-topics.sh", ["--create", "--topic", "alices-own", "--partitions", "1", "--replication-factor", "1"]);
        expect(create.code).not.toBe(0);
        expect(said(create)).toMatch(/Authorization failed|AuthorizationException/);

        const adminList = await listTopics(external, overTls(admin));
        expect(adminList.stdout.split("\n")).toEqual(expect.arrayContaining([ORDERS, PAYMENTS]));
        expect((await produceLines(internal, overSasl(admin), PAYMENTS, ["by-admin"])).code).toBe(0);
    }, 8 * MINUTES);

    scenario("a second up changes nothing and issues no certificate", async () => {
        const before = await snapshot();
        const again = await stack.up();
        expect(describeSteps(again.changes)).toBe("");
        expect(await snapshot()).toEqual(before);
    }, 10 * MINUTES);

    scenario("an ACL removed by hand is named by the drift check and restored by up --refresh", async () => {
        const aliceAcls = async () => (await kafkaClientTool(internal, overSasl(admin), ACL_COMMAND, ["--list", "--topic", ORDERS])).stdout;
        expect(await aliceAcls()).toMatch(/principal=User:alice, host=\*, operation=READ, permissionType=ALLOW/);
        const removed = await kafkaClientTool(internal, overSasl(admin), ACL_COMMAND, ["--remove", "--force", "--allow-principal", "User:alice", "--operation", "Read", "--topic", ORDERS]);
        report(`AclCommand --remove: exit ${removed.code} ${lastLine(removed)}`);
        expect(removed.code).toBe(0);
        expect(await aliceAcls()).not.toMatch(/operation=READ/);

        const drift = await stack.script("scripts/drift-check.sh", STACK);
        report(`drift check: exit ${drift.code}: ${drift.stdout.trim()}`);
        expect(drift.code).toBe(2);
        expect(drift.stdout).toContain("kafka-access-acl-alice-topic-orders-read-allow");

        const restored = await stack.up({ refresh: true });
        expect(describeSteps(restored.changes)).toContain("create kafka-access-acl-alice-topic-orders-read-allow");
        const produced = await produceLines(internal, overSasl(alice), ORDERS, ["after-restore"]);
        expect(produced.code).toBe(0);
        const consumed = await consumeLines(internal, overSasl(alice), ORDERS, `${ALICE_GROUP}`, 1);
        expect(consumed.stdout).toContain("after-restore");
    }, 10 * MINUTES);

    scenario("rotating alice's password updates her credential and nothing else", async () => {
        const before = await snapshot();
        const old = alice;
        alice = { ...alice, password: secret("alice-rotated") };
        await configure();
        const rotated = await stack.up();
        // Pulumi hands the stack's config to the dynamic resources' provider (the TLS
        // material's), so any config change updates that provider's own record; it
        // touches no resource.
        const resourceChanges = rotated.changes.filter((step) => !step.type.startsWith("pulumi:providers:pulumi-nodejs"));
        report(`rotation: ${describeSteps(rotated.changes)}`);
        expect(resourceChanges.map((step) => `${step.op} ${step.name}`)).toEqual(["update kafka-access-user-alice"]);
        expect(await snapshot()).toEqual(before);
        const refused = await listTopics(internal, overSasl(old));
        expect(refused.code).not.toBe(0);
        const accepted = await listTopics(external, overTls(alice));
        expect(accepted.code).toBe(0);
    }, 10 * MINUTES);
});

/** The line that says why a tool failed, for the report. */
function lastLine(result: CommandResult): string {
    return said(result).split("\n").map((line) => line.trim()).filter((line) => /Exception|Error|error/.test(line)).slice(-1)[0]?.slice(0, 240) ?? "";
}
