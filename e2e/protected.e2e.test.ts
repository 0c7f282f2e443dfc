// A protected stack refuses what would lose data: removing a topic and lowering a
// topic's partitions fail at preview and at up, before anything changes, and the
// topic keeps its messages. kafka-ui sits behind a login. One broker keeps the
// cold start short; protection does not depend on the broker count.
import { randomUUID } from "node:crypto";
import { containerId, stackObjects } from "./support/docker";
import { consumeAll, describeTopics, listTopics, messageIds, missingSummary, NONE_MISSING, produce } from "./support/kafka";
import { TEST_IMAGES } from "./support/paths";
import { report } from "./support/report";
import { scenarioSequence } from "./support/sequence";
import { describeSteps, E2eStack, failureText, StackSettings } from "./support/stack";
import { uiGet, uiTopics } from "./support/ui";

// No "protect" in the name: the refusal messages quote URNs, which carry it.
const STACK = "e2e-guarded";
// Below 32768, Linux's ephemeral range, like the cluster suite's ports.
const EXTERNAL_PORT_BASE = 23092;
const UI_PORT = 23080;
const MINUTES = 60_000;

const LEDGER = "ledger";
const NOTES = "notes";
const TOPICS = {
    [LEDGER]: { partitions: 3, replicationFactor: 1, config: { "retention.ms": 604800000 } },
    [NOTES]: { partitions: 1, replicationFactor: 1 },
};
const LOGIN = { username: "admin", password: `e2e-${randomUUID()}` };

const SETTINGS: StackSettings = {
    brokerImage: TEST_IMAGES.broker,
    zookeeperImage: TEST_IMAGES.zookeeper,
    uiImage: TEST_IMAGES.ui,
    brokers: 1,
    brokerHeapMb: 320,
    externalPortBase: EXTERNAL_PORT_BASE,
    uiPort: UI_PORT,
    protect: true,
    topics: TOPICS,
};

const scenario = scenarioSequence();
const external = [`127.0.0.1:${EXTERNAL_PORT_BASE}`];
const written = messageIds(`s7-${randomUUID().slice(0, 8)}`, 1_000);
let stack: E2eStack;

/** Container ids and topic names: "nothing changed" means none of them did. */
async function snapshot(): Promise<{ containers: Record<string, string>; topics: string[] }> {
    const { containers } = await stackObjects(STACK, stack.names.prefix);
    return {
        containers: Object.fromEntries(await Promise.all(containers.map(async (name) => [name, await containerId(name)]))),
        topics: (await listTopics(external)).filter((topic) => !topic.startsWith("__")),
    };
}

/** A config change the stack must refuse: preview and up both fail, naming why, and nothing moves. */
async function expectRefused(change: StackSettings["topics"], reason: RegExp, resource: string): Promise<void> {
    const before = await snapshot();
    await stack.configure({ ...SETTINGS, topics: change });
    try {
        for (const [operation, attempt] of [
            ["preview", () => stack.preview()],
            ["up", () => stack.up()],
        ] as const) {
            const text = await failureText(attempt);
            // The error text carries pulumi's stderr twice (as stderr and as the cause); report it once.
            const errors = [...new Set(text.split("\n").filter((line) => /^\s*error:/.test(line) || reason.test(line)))];
            report(`${operation} refused:\n  ${errors.map((line) => line.trim()).join("\n  ")}`);
            expect(errors.find((line) => reason.test(line))).toBeDefined();
            expect(text).toContain(resource);
        }
    } finally {
        await stack.configure(SETTINGS);
    }
    expect(await snapshot()).toEqual(before);
    const ledger = (await describeTopics(external, [LEDGER]))[LEDGER];
    expect(ledger?.partitions).toBe(3);
    const consumed = await consumeAll(external, LEDGER);
    const missing = written.filter((id) => !consumed.has(id));
    report(`${LEDGER} after the refused change: ${ledger?.partitions} partitions, ${written.length - missing.length} of ${written.length} messages read back`);
    expect(missingSummary(missing)).toEqual(NONE_MISSING);
}

beforeAll(async () => {
    stack = await E2eStack.create(STACK, SETTINGS, { uiPassword: LOGIN.password });
}, 5 * MINUTES);

afterAll(async () => {
    await stack?.dispose();
}, 15 * MINUTES);

describe(`protected stack ${STACK}`, () => {
    scenario("up; kafka-ui needs the login; messages written", async () => {
        await stack.up();
        const ui = `http://127.0.0.1:${UI_PORT}`;
        const anonymous = await uiGet(`${ui}/api/clusters/${stack.names.prefix}/topics`);
        report(`kafka-ui without credentials: HTTP ${anonymous.status}`);
        expect(anonymous.status).toBe(401);
        const signedIn = await uiTopics(ui, stack.names.prefix, LOGIN);
        report(`kafka-ui with credentials: HTTP ${signedIn.status} ${signedIn.body.slice(0, 200)}`);
        expect(signedIn.status).toBe(200);
        expect(signedIn.body).toContain(`"${LEDGER}"`);

        await produce(external, LEDGER, written);
    }, 15 * MINUTES);

    scenario("7a. removing a topic is refused and the topic stays", async () => {
        const { [NOTES]: _removed, ...withoutNotes } = TOPICS;
        await expectRefused(withoutNotes, /because it is protected/, `topics-${NOTES}`);
        expect(await listTopics(external)).toContain(NOTES);
    }, 15 * MINUTES);

    scenario("7b. lowering a topic's partitions is refused and its messages stay", async () => {
        // The program's own partition guard may refuse this before protection is reached; either names the reason.
        await expectRefused({ ...TOPICS, [LEDGER]: { ...TOPICS[LEDGER], partitions: 2 } }, /marked for protection|cannot remove partitions/, LEDGER);
    }, 15 * MINUTES);

    scenario("the refused changes left the stack as it was", async () => {
        const preview = await stack.preview({ refresh: true, expectNoChanges: true });
        expect(describeSteps(preview.changes)).toBe("");
    }, 15 * MINUTES);
});
