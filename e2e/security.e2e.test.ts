// Secured stacks (security.enabled): SASL/SCRAM on both listeners, TLS on
// EXTERNAL, ACLs, users and kafka-ui's own login, checked with Kafka's console
// tools and verifiable clients as a client would run them. The ZooKeeper stack
// (3 brokers, replication 3, min.insync.replicas 2, rolling) serves every
// scenario in order, ending with both rotations under a verifiable producer;
// then, once it is gone, a short-lived KRaft stack shows the same guarantees
// with the credentials formatted into the metadata log.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { CommandResult, containerId, docker, kafkaToolOnNetwork, rolloutOrder, stackObjects } from "./support/docker";
import { TEST_IMAGES } from "./support/paths";
import { pollUntil } from "./support/poll";
import { recordFigure, report, seconds } from "./support/report";
import { ACL_COMMAND, clientDirectory, ClientSettings, consumeLines, kafkaClientTool, Login, produceLines, Route, said } from "./support/secureClient";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, Operation, StackSettings } from "./support/stack";
import { uiTopics } from "./support/ui";
import { CONTROLLER_JAAS_PATH } from "../lib/render/security";
import { verdictCounts } from "./support/verdict";
import { expectNoneMissing } from "./support/underLoad";
import { awaitAcknowledged, Placement, startVerifiableProducer, verdictOf } from "./support/verifiable";

const STACK = "e2e-secure";
// Ports 28092-28199 belong to this file: brokers 28092-28094, kafka-ui 28180; the KRaft stack's brokers 28110-28111.
const EXTERNAL_PORT_BASE = 28092;
const UI_PORT = 28180;
const BROKERS = [1, 2, 3];
const MINUTES = 60_000;

const ORDERS = "orders";
const PAYMENTS = "payments";
const LEDGER = "ledger";
const ALICE_GROUP = "orders-app";
const secret = (who: string) => `${who}-${randomUUID().slice(0, 13)}`;
let admin: Login = { username: "admin", password: secret("admin") };
let alice: Login = { username: "alice", password: secret("alice") };
const ui: Login = { username: "kafka-ui", password: secret("ui") };
/** Runs the verifiable clients: only what they need, through the EXTERNAL TLS listener. */
const verifier: Login = { username: "verifier", password: secret("verifier") };

const settings = (rotation: number): StackSettings => ({
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: BROKERS.length,
    brokerHeapMb: 320,
    brokerRollout: "rolling",
    externalPortBase: EXTERNAL_PORT_BASE,
    uiPort: UI_PORT,
    uiReadOnly: true,
    brokerProperties: {
        "min.insync.replicas": 2,
        // __consumer_offsets with Kafka's 50 partitions takes a busy host tens of seconds to create on first use.
        "offsets.topic.num.partitions": 3,
    },
    topics: {
        [ORDERS]: { partitions: 2, replicationFactor: 3 },
        [PAYMENTS]: { partitions: 1, replicationFactor: 3 },
        [LEDGER]: { partitions: 3, replicationFactor: 3 },
    },
    // What a real stack with kafka-ui states: its read-only grants reach every topic.
    allowBroadGrants: ["kafka-ui"],
    security: {
        enabled: true,
        users: { alice: {}, "kafka-ui": {}, verifier: {} },
        acls: {
            alice: [
                { topic: ORDERS, operations: ["Write", "Read", "Describe"] },
                { group: ALICE_GROUP, operations: ["Read"] },
            ],
            verifier: [
                { topic: LEDGER, operations: ["Write", "Read", "Describe"] },
                // The verifiable consumer names its group verify-<topic>-<time>.
                { groupPrefix: "verify-", operations: ["Read"] },
                { cluster: true, operations: ["IdempotentWrite"] },
            ],
        },
        tls: { rotation },
    },
});

const scenario = scenarioSequence();
let external: Route = { kind: "external", bootstrap: BROKERS.map((id) => `127.0.0.1:${EXTERNAL_PORT_BASE + id - 1}`).join(",") };
let internal: Route;
let caPem = "";
let stack: E2eStack;

async function configure(rotation = 0): Promise<void> {
    await stack.configure(settings(rotation));
    await stack.setSecretPaths({
        "security.adminPassword": admin.password,
        "security.users.alice.password": alice.password,
        "security.users.kafka-ui.password": ui.password,
        "security.users.verifier.password": verifier.password,
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

const brokerContainers = () => BROKERS.map((id) => stack.names.broker(id));

/** Container ids and the CA: "nothing changed" means none of them did. */
async function snapshot(stackName = STACK): Promise<{ containers: Record<string, string>; ca: unknown }> {
    const { containers } = await stackObjects(stackName, stack.names.prefix);
    return {
        containers: Object.fromEntries(await Promise.all(containers.map(async (name) => [name, await containerId(name)]))),
        ca: (await stack.outputs()).caCertificate,
    };
}

/**
 * Steps that change a resource. Pulumi hands the stack's config to the dynamic
 * resources' provider (the TLS material's), so any config change also updates
 * that provider's record, and a changed admin password updates the Kafka
 * provider's; a provider that were replaced instead would replace every
 * resource it manages, which would show here.
 */
function resourceChanges(operation: Operation): string[] {
    return operation.changes.filter((step) => !step.type.startsWith("pulumi:providers:")).map((step) => `${step.op} ${step.name}`).sort();
}

function providerChanges(operation: Operation): string[] {
    return operation.changes.filter((step) => step.type.startsWith("pulumi:providers:")).map((step) => step.op);
}

describe(`secured stack ${STACK} (ZooKeeper, 3 brokers)`, () => {
    beforeAll(async () => {
        stack = await E2eStack.create(STACK, settings(0));
        await configure();
        internal = { kind: "internal", network: stack.names.network, bootstrap: BROKERS.map((id) => `kafka-${id}:19092`).join(",") };
    }, 5 * MINUTES);

    afterAll(async () => {
        await stack?.dispose();
    }, 15 * MINUTES);

    scenario("up: both SCRAM credentials bootstrapped, SASL_SSL on EXTERNAL, CA as a plain output, kafka-ui lists topics as its own user", async () => {
        const up = await stack.up();
        recordFigure("security.coldUpSeconds", Math.round(up.seconds));
        const outputs = await stack.outputs();
        expect(outputs.externalSecurityProtocol).toBe("SASL_SSL");
        caPem = String(outputs.caCertificate);
        expect(caPem).toContain("-----BEGIN CERTIFICATE-----");
        for (const user of ["admin", "kafka-broker"]) {
            const stored = await kafkaToolOnNetwork(stack.names.network, "kafka-configs.sh", "--zookeeper", "zookeeper:2181", "--describe", "--entity-type", "users", "--entity-name", user);
            expect(`${user}: ${stored}`).toContain("SCRAM-SHA-512=salt=");
        }
        const topics = await uiTopics(`http://127.0.0.1:${UI_PORT}`, stack.names.prefix);
        report(`kafka-ui topics through its SCRAM user: HTTP ${topics.status} ${topics.body.slice(0, 200)}`);
        expect(topics.status).toBe(200);
        expect(topics.body).toContain(`"${ORDERS}"`);
    }, 15 * MINUTES);

    scenario("no credential appears in docker inspect", async () => {
        const { containers } = await stackObjects(STACK, stack.names.prefix);
        // What any member of the docker group sees: env, command, labels, mounts.
        const inspected = (await Promise.all(containers.map((name) => docker("inspect", name)))).join("\n");
        for (const login of [admin, alice, ui, verifier]) {
            expect(inspected).not.toContain(login.password);
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
        const create = await kafkaClientTool(external, overTls(alice), "kafka-topics.sh", ["--create", "--topic", "alices-own", "--partitions", "1", "--replication-factor", "3"]);
        expect(create.code).not.toBe(0);
        expect(said(create)).toMatch(/Authorization failed|AuthorizationException/);

        const adminList = await listTopics(external, overTls(admin));
        expect(adminList.stdout.split("\n")).toEqual(expect.arrayContaining([ORDERS, PAYMENTS, LEDGER]));
        expect((await produceLines(internal, overSasl(admin), PAYMENTS, ["by-admin"])).code).toBe(0);
    }, 8 * MINUTES);

    scenario("a second up changes nothing and issues no certificate", async () => {
        const before = await snapshot();
        const again = await stack.up();
        expect(describeSteps(again.changes)).toBe("");
        expect(await snapshot()).toEqual(before);
    }, 10 * MINUTES);

    scenario("an ACL and a SCRAM user removed by hand, and another pair added by hand, are named by the drift check; up --refresh restores the first and deletes the second", async () => {
        const aliceAcls = async () => (await kafkaClientTool(internal, overSasl(admin), ACL_COMMAND, ["--list", "--topic", ORDERS])).stdout;
        expect(await aliceAcls()).toMatch(/principal=User:alice, host=\*, operation=READ, permissionType=ALLOW/);
        const removed = await kafkaClientTool(internal, overSasl(admin), ACL_COMMAND, ["--remove", "--force", "--allow-principal", "User:alice", "--operation", "Read", "--topic", ORDERS]);
        report(`AclCommand --remove: exit ${removed.code} ${lastLine(removed)}`);
        expect(removed.code).toBe(0);
        expect(await aliceAcls()).not.toMatch(/operation=READ/);
        const deleted = await kafkaClientTool(internal, overSasl(admin), "kafka-configs.sh", ["--alter", "--delete-config", "SCRAM-SHA-512", "--entity-type", "users", "--entity-name", "alice"]);
        report(`kafka-configs.sh --delete-config SCRAM-SHA-512 alice: exit ${deleted.code} ${lastLine(deleted)}`);
        expect(deleted.code).toBe(0);
        // Brokers drop the credential on ZooKeeper's change notification, within moments.
        const locked = await pollUntil(() => listTopics(internal, overSasl(alice)), (result) => result.code !== 0, { timeoutMs: 30_000, intervalMs: 2_000 });
        expect(said(locked)).toMatch(/Authentication failed|SaslAuthenticationException/);

        // Added by hand: a user and a binding nobody declared, which no resource of the stack reads back.
        const scramUsers = async () => (await kafkaClientTool(internal, overSasl(admin), "kafka-configs.sh", ["--describe", "--entity-type", "users"])).stdout;
        const added = await kafkaClientTool(internal, overSasl(admin), "kafka-configs.sh", ["--alter", "--add-config", `SCRAM-SHA-512=[password=${secret("mallory")}]`, "--entity-type", "users", "--entity-name", "mallory"]);
        expect(`${added.code} ${added.code === 0 ? "" : said(added).slice(-400)}`).toBe("0 ");
        const granted = await kafkaClientTool(internal, overSasl(admin), ACL_COMMAND, ["--add", "--allow-principal", "User:mallory", "--operation", "Read", "--topic", ORDERS]);
        expect(granted.code).toBe(0);

        const drift = await stack.script("scripts/drift-check.sh", STACK);
        report(`drift check: exit ${drift.code}: ${drift.stdout.trim()}`);
        expect(drift.code).toBe(2);
        expect(drift.stdout).toContain("kafka-access-acl-alice-topic-orders-read-allow");
        expect(drift.stdout).toContain("kafka-access-user-alice");
        expect(drift.stdout).toContain(`AccessInventory "kafka-access-inventory"`);
        expect(drift.stdout).toContain("user mallory (SCRAM-SHA-512)");
        expect(drift.stdout).toContain(`ACL User:mallory ALLOW Read Topic:${ORDERS} (LITERAL) host *`);

        // The pull-request preview (refreshing, with the policy pack) shows both leaving the inventory.
        const preview = await stack.script("scripts/preview.sh", STACK);
        expect(preview.code).toBe(0);
        expect(preview.stdout).toMatch(/~ undeclaredAcls\s*: \[\s*- \[0\]: "User:mallory ALLOW Read Topic:orders \(LITERAL\) host \*"/);
        expect(preview.stdout).toMatch(/~ undeclaredUsers\s*: \[\s*- \[0\]: "mallory \(SCRAM-SHA-512\)"/);

        const restored = await stack.up({ refresh: true });
        expect(describeSteps(restored.changes)).toContain("create kafka-access-acl-alice-topic-orders-read-allow");
        expect(describeSteps(restored.changes)).toMatch(/(create|update) kafka-access-user-alice/);
        expect(describeSteps(restored.changes)).toContain("update kafka-access-inventory");
        // The inventory's login (the brokers' own password) stays encrypted in the state.
        const exported = JSON.parse((await stack.cli("stack", "export")).stdout) as { deployment: { resources: { urn: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] } };
        const inventory = exported.deployment.resources.find((resource) => resource.urn.endsWith("::kafka-access-inventory"));
        for (const password of [inventory?.inputs?.password, inventory?.outputs?.password]) {
            expect(password).toHaveProperty("ciphertext");
        }
        const aclsAfter = await aliceAcls();
        expect(aclsAfter).toMatch(/principal=User:alice, host=\*, operation=READ, permissionType=ALLOW/);
        expect(aclsAfter).not.toContain("User:mallory");
        const usersAfter = await scramUsers();
        expect(usersAfter).toMatch(/user-principal 'alice' are SCRAM-SHA-512=iterations=/);
        expect(usersAfter).not.toContain("mallory");
        const produced = await produceLines(internal, overSasl(alice), ORDERS, ["after-restore"]);
        expect(produced.code).toBe(0);
        const consumed = await consumeLines(internal, overSasl(alice), ORDERS, ALICE_GROUP, 1);
        expect(consumed.stdout).toContain("after-restore");

        const clean = await stack.script("scripts/drift-check.sh", STACK);
        report(`drift check after up --refresh: exit ${clean.code}: ${clean.stdout.trim()}`);
        expect(clean.code).toBe(0);
    }, 10 * MINUTES);

    scenario("rotating alice's password updates her credential and nothing else", async () => {
        const before = await snapshot();
        const old = alice;
        alice = { ...alice, password: secret("alice-rotated") };
        await configure();
        const rotated = await stack.up();
        report(`rotation: ${describeSteps(rotated.changes)}`);
        expect(resourceChanges(rotated)).toEqual(["update kafka-access-user-alice"]);
        expect(await snapshot()).toEqual(before);
        const refused = await listTopics(internal, overSasl(old));
        expect(refused.code).not.toBe(0);
        const accepted = await listTopics(external, overTls(alice));
        expect(accepted.code).toBe(0);
    }, 10 * MINUTES);

    // One verifiable producer (acks=all, idempotent, as the verifier user over the
    // EXTERNAL TLS listener) runs through both rotations: the admin's password,
    // which must touch no broker, then the certificates, which roll every broker.
    scenario("the admin's password and then every certificate rotate under a verifiable producer: nothing acknowledged is lost, the CA stays", async () => {
        const clientDir = clientDirectory(overTls(verifier));
        const load: Placement = { kind: "network", network: "host", bootstrap: external.bootstrap, namePrefix: stack.names.prefix, clientDir };
        try {
            const brokersBefore = await Promise.all(brokerContainers().map(containerId));
            const caBefore = (await stack.outputs()).caCertificate;
            const producer = await startVerifiableProducer(load, { topic: LEDGER, throughput: 200, idempotence: true, valuePrefix: 11 });
            let certUp: Operation | undefined;
            try {
                await awaitAcknowledged(producer, 200);

                // The admin's password: a previewed change that replaces the bootstrap step only.
                const oldAdmin = admin;
                admin = { ...admin, password: secret("admin-rotated") };
                await configure();
                const adminPreview = await stack.preview();
                report(`admin rotation preview: ${describeSteps(adminPreview.changes)}`);
                expect(resourceChanges(adminPreview)).toEqual(["replace kafka-scram-bootstrap-container"]);
                expect(providerChanges(adminPreview).every((op) => op === "update")).toBe(true);
                const adminUp = await stack.up();
                expect(resourceChanges(adminUp)).toEqual(resourceChanges(adminPreview));
                expect(await Promise.all(brokerContainers().map(containerId))).toEqual(brokersBefore);
                // Brokers learn the new credential from ZooKeeper's change notification, within moments.
                const refused = await pollUntil(() => listTopics(internal, overSasl(oldAdmin)), (result) => result.code !== 0, { timeoutMs: 30_000, intervalMs: 2_000 });
                expect(said(refused)).toMatch(/Authentication failed|SaslAuthenticationException/);
                expect((await listTopics(external, overTls(admin))).code).toBe(0);
                const duringAdmin = producer.acknowledged();

                // The certificates: every broker certificate re-issued by the same CA, brokers one at a time.
                await configure(1);
                const certPreview = await stack.preview();
                const rolled = BROKERS.flatMap((id) => [`replace kafka-kafka-${id}-container`, `replace kafka-kafka-${id}-in-sync`, `replace kafka-tls-broker-${id}`]).sort();
                expect(resourceChanges(certPreview)).toEqual(rolled);
                certUp = await stack.up();
                expect(resourceChanges(certUp)).toEqual(rolled);
                // Let the last replaced broker take its share of writes again.
                await awaitAcknowledged(producer, producer.acknowledged() + 400);
                report(`acknowledged: ${duringAdmin} through the admin rotation, ${producer.acknowledged()} in all`);
            } finally {
                const verdict = await verdictOf(load, producer, LEDGER);
                recordFigure("security.rotationsUnderLoad", { certRotationUpSeconds: seconds(certUp?.seconds ?? 0), ...verdictCounts(verdict) });
                report(`unread records: ${verdict.unreadRecords}`);
                expectNoneMissing("rotations under load", verdict);
            }

            // One at a time: each broker was created only after the previous one was in sync.
            const after = await Promise.all(brokerContainers().map(containerId));
            after.forEach((id, index) => expect(id).not.toBe(brokersBefore[index]));
            const order = await rolloutOrder(brokerContainers());
            report(`seconds between broker creations: ${order.waits.map(seconds).join(", ")}`);
            expect(order.violations).toEqual([]);
            // The CA is unchanged, so a client holding the old ca.pem still connects with hostname verification on.
            expect((await stack.outputs()).caCertificate).toBe(caBefore);
            expect((await listTopics(external, overTls(alice))).code).toBe(0);
        } finally {
            rmSync(clientDir, { recursive: true, force: true });
        }
    }, 20 * MINUTES);
});

const KRAFT_STACK = "e2e-secure-kraft";
const KRAFT_PORT_BASE = 28110;
const KRAFT_BROKERS = [1, 2];
const kraftScenario = scenarioSequence();

// Two brokers, so brokers authenticate to each other with the credential the
// controllers formatted in; three controllers, so they authenticate to each
// other on the CONTROLLER listener too (each is healthy only once the leader
// reports it caught up, which takes its fetches being let in).
const kraftSettings = (): StackSettings => ({
    metadataMode: "kraft",
    controllerCount: 3,
    brokerImage: TEST_IMAGES.kraftBroker,
    brokers: KRAFT_BROKERS.length,
    brokerHeapMb: 320,
    externalPortBase: KRAFT_PORT_BASE,
    uiEnabled: false,
    brokerProperties: { "offsets.topic.num.partitions": 3 },
    topics: {
        [ORDERS]: { partitions: 2, replicationFactor: 2 },
        [PAYMENTS]: { partitions: 1, replicationFactor: 2 },
    },
    security: {
        enabled: true,
        users: { alice: {} },
        acls: {
            alice: [
                { topic: ORDERS, operations: ["Write", "Read", "Describe"] },
                { group: ALICE_GROUP, operations: ["Read"] },
            ],
        },
    },
});

describe(`secured stack ${KRAFT_STACK} (KRaft, 3 controllers, 2 brokers)`, () => {
    beforeAll(async () => {
        admin = { username: "admin", password: secret("admin") };
        alice = { username: "alice", password: secret("alice") };
        caPem = "";
        stack = await E2eStack.create(KRAFT_STACK, kraftSettings());
        await stack.setSecretPaths({ "security.adminPassword": admin.password, "security.users.alice.password": alice.password });
        external = { kind: "external", bootstrap: KRAFT_BROKERS.map((id) => `127.0.0.1:${KRAFT_PORT_BASE + id - 1}`).join(",") };
        internal = { kind: "internal", network: stack.names.network, bootstrap: KRAFT_BROKERS.map((id) => `kafka-${id}:19092`).join(",") };
    }, 5 * MINUTES);

    afterAll(async () => {
        await stack?.dispose();
    }, 15 * MINUTES);

    kraftScenario("cold up: the controllers format the brokers' credential in and log in to each other with the PLAIN login, the admin's is written through the brokers, the provider creates users and ACLs as the admin; no password in docker inspect", async () => {
        const up = await stack.up();
        recordFigure("security.kraftColdUpSeconds", Math.round(up.seconds));
        const outputs = await stack.outputs();
        expect(outputs.externalSecurityProtocol).toBe("SASL_SSL");
        caPem = String(outputs.caCertificate);
        const { containers } = await stackObjects(KRAFT_STACK, stack.names.prefix);
        const inspected = (await Promise.all(containers.map((name) => docker("inspect", name)))).join("\n");
        expect(inspected).toContain("--add-scram");
        for (const login of [admin, alice]) {
            expect(inspected).not.toContain(login.password);
        }
    }, 15 * MINUTES);

    kraftScenario("unauthenticated clients and a wrong password are refused on both listeners", async () => {
        for (const [label, route, settings] of routes()) {
            const anonymous = await listTopics(route, settings);
            report(`KRaft ${label} without SASL: exit ${anonymous.code}: ${lastLine(anonymous)}`);
            expect(anonymous.code).not.toBe(0);
        }
        for (const [label, route, settings] of routes({ ...alice, password: "not-the-password" })) {
            const wrong = await listTopics(route, settings);
            report(`KRaft ${label} wrong password: exit ${wrong.code}: ${lastLine(wrong)}`);
            expect(said(wrong)).toMatch(/Authentication failed|SaslAuthenticationException/);
        }
    }, 5 * MINUTES);

    kraftScenario("the controller's CONTROLLER listener lets in only the controllers' PLAIN login: not an unauthenticated client, a wrong password or the admin's SCRAM login", async () => {
        // The login brokers and controllers use, read where the stack put it: the controller's JAAS file.
        const jaas = await docker("exec", stack.names.controller(1), "cat", CONTROLLER_JAAS_PATH);
        const password = /password="([^"]+)"/.exec(jaas)?.[1] ?? "";
        expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const { containers } = await stackObjects(KRAFT_STACK, stack.names.prefix);
        expect((await Promise.all(containers.map((name) => docker("inspect", name)))).join("\n")).not.toContain(password);
        const controllerLogin: Login = { username: "kafka-controller", password, mechanism: "PLAIN" };
        const route: Route = { kind: "controller", network: stack.names.network, bootstrap: "controller-1:9093" };
        const quorumStatus = (settings: ClientSettings) => kafkaClientTool(route, settings, "kafka-metadata-quorum.sh", ["describe", "--status"]);
        const refusals: [string, ClientSettings, RegExp][] = [
            // A PLAINTEXT client's first request after ApiVersions is not a SASL handshake: the controller drops the connection, every time.
            ["without SASL", overSasl(), /TimeoutException|disconnected|Timed out/],
            ["wrong password", overSasl({ ...controllerLogin, password: "not-the-password" }), /Authentication failed|SaslAuthenticationException/],
            ["the admin's SCRAM login", overSasl(admin), /UnsupportedSaslMechanismException|Unsupported SASL mechanism/],
        ];
        for (const [label, settings, why] of refusals) {
            const refused = await quorumStatus(settings);
            report(`KRaft CONTROLLER ${label}: exit ${refused.code}: ${lastLine(refused)}`);
            expect(refused.code).not.toBe(0);
            expect(said(refused)).toMatch(why);
        }
        const admitted = await quorumStatus(overSasl(controllerLogin));
        expect(`${admitted.code} ${admitted.code === 0 ? "" : said(admitted).slice(-400)}`).toBe("0 ");
        expect(admitted.stdout).toMatch(/LeaderId:\s+100[123]\b/);
    }, 5 * MINUTES);

    kraftScenario("alice produces and consumes orders, is refused payments and topic creation (authorized by the controller); the admin may", async () => {
        for (const [label, route, settings] of routes(alice)) {
            const produced = await produceLines(route, settings, ORDERS, [`kraft-${label}`]);
            expect(`${label}: ${produced.code} ${produced.code === 0 ? "" : said(produced).slice(-400)}`).toBe(`${label}: 0 `);
        }
        const consumed = await consumeLines(external, overTls(alice), ORDERS, ALICE_GROUP, 2);
        expect(consumed.stdout.split("\n").filter(Boolean).sort()).toEqual(["kraft-EXTERNAL (SASL_SSL)", "kraft-INTERNAL (SASL_PLAINTEXT)"]);
        const payments = await consumeLines(internal, overSasl(alice), PAYMENTS, ALICE_GROUP, 1);
        expect(said(payments)).toMatch(/Not authorized to access topics: \[payments\]|TopicAuthorizationException/);
        const create = await kafkaClientTool(external, overTls(alice), "kafka-topics.sh", ["--create", "--topic", "alices-own", "--partitions", "1", "--replication-factor", "2"]);
        report(`KRaft alice creating a topic: exit ${create.code}: ${lastLine(create)}`);
        expect(create.code).not.toBe(0);
        expect(said(create)).toMatch(/Authorization failed|AuthorizationException/);
        const byAdmin = await kafkaClientTool(external, overTls(admin), "kafka-topics.sh", ["--list"]);
        expect(byAdmin.stdout.split("\n")).toEqual(expect.arrayContaining([ORDERS, PAYMENTS]));
    }, 8 * MINUTES);

    kraftScenario("rotating the admin's password replaces only the step that writes it through the brokers", async () => {
        const before = await snapshot(KRAFT_STACK);
        const oldAdmin = admin;
        admin = { ...admin, password: secret("admin-rotated") };
        await stack.setSecretPaths({ "security.adminPassword": admin.password });
        const rotated = await stack.up();
        report(`KRaft admin rotation: ${describeSteps(rotated.changes)}`);
        expect(resourceChanges(rotated)).toEqual(["replace kafka-scram-bootstrap-container"]);
        expect(providerChanges(rotated).every((op) => op === "update")).toBe(true);
        const after = await snapshot(KRAFT_STACK);
        const unchanged = (snap: typeof before) => Object.fromEntries(Object.entries(snap.containers).filter(([name]) => !name.endsWith("-scram-bootstrap")));
        expect(unchanged(after)).toEqual(unchanged(before));
        // Brokers apply the new credential as the metadata log reaches them, within moments.
        const refused = await pollUntil(() => listTopics(internal, overSasl(oldAdmin)), (result) => result.code !== 0, { timeoutMs: 30_000, intervalMs: 2_000 });
        expect(said(refused)).toMatch(/Authentication failed|SaslAuthenticationException/);
        expect((await listTopics(external, overTls(admin))).code).toBe(0);
    }, 8 * MINUTES);
});

/** The line that says why a tool failed, for the report. */
function lastLine(result: CommandResult): string {
    return said(result).split("\n").map((line) => line.trim()).filter((line) => /Exception|Error|error/.test(line)).slice(-1)[0]?.slice(0, 240) ?? "";
}
