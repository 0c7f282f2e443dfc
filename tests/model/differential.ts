import { spawnSync } from "child_process";
import * as path from "path";
import { type KafkaSettings, parseKafkaSettings } from "../../lib/config/kafkaSettings";
import { brokerListeners } from "../../lib/render/listeners";
import { hasZooKeeperMode, kafkaModel, type KafkaModel, SUPPORTED_KAFKA_MINORS } from "../../lib/kafka/model";
import { ConfigProblems } from "../../lib/config/problems";
import { type MetadataQuorum, renderServerProperties } from "../../lib/render/serverProperties";
import { allCases, type Case, type Props } from "./cases";
import { stricterClassesFor, stricterClassOf } from "./stricter";

// The differential test: the program's validation (parseKafkaSettings, what
// parseConfig runs on brokerProperties and topics) and Kafka's own
// (tools/kafka-model/oracle.sh: the pinned jars, KafkaConfig.fromProps and
// the create-topic checks, one JVM per Kafka version) give a verdict on the
// same inputs. Kafka-only rejections must be 0; program-only rejections must
// each fall in a documented class (./stricter.ts).
// Usage: npm run test:model [-- <minor> <seed> <cases per kind>]; without a minor, every supported one.

const [minorArg = "all", seedText = "20261129", perKindText = "2000"] = process.argv.slice(2);
const BROKERS = 3;
/** The quorum a future KRaft stack's brokers dial; three dedicated controllers, as outside dev. */
const KRAFT_CONTROLLERS = 3;
const repo = path.resolve(__dirname, "../..");

interface Verdict {
    readonly ok: boolean;
    readonly problems: readonly string[];
}

function programVerdict(model: KafkaModel, raw: { brokerProperties: Props; topics?: unknown }): { verdict: Verdict; settings?: KafkaSettings } {
    const problems = new ConfigProblems();
    const settings = parseKafkaSettings(problems, { brokerProperties: raw.brokerProperties, topics: raw.topics ?? {} }, { brokerCount: BROKERS, model });
    return problems.list.length > 0 ? { verdict: { ok: false, problems: problems.list } } : { verdict: { ok: true, problems: [] }, settings };
}

const asStrings = (props: Props): Record<string, string> => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, String(v)]));

/**
 * What the last broker (the highest id) would be started with: in ZooKeeper
 * mode as today, on Kafka 4 as a KRaft broker (process.roles=broker) of a
 * static controller quorum.
 */
function serverProperties(model: KafkaModel, userProperties: Readonly<Record<string, string>>): string {
    const listeners = brokerListeners(BROKERS, { advertisedHost: "127.0.0.1", externalPortBase: 19092 });
    const metadata: MetadataQuorum = hasZooKeeperMode(model) ? { mode: "zookeeper" } : { mode: "kraft", controllerCount: KRAFT_CONTROLLERS };
    return renderServerProperties({ listeners, brokerCount: BROKERS, userProperties, metadata });
}

const propertiesText = (props: Readonly<Record<string, string>>): string =>
    Object.entries(props).map(([k, v]) => `${k}=${v.replace(/\\/g, "\\\\").replace(/^\s/, (s) => `\\${s}`)}`).join("\n");

const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/** The program's verdict and the oracle input line for one case. */
function prepare(model: KafkaModel, c: Case, id: number): { verdict: Verdict; line: string } {
    if (c.kind === "broker") {
        const { verdict, settings } = programVerdict(model, { brokerProperties: c.brokerProperties });
        // Accepted: exactly the file the broker gets. Refused: what it would get had the program passed the values on.
        const file = serverProperties(model, settings ? settings.brokerProperties.properties : asStrings(c.brokerProperties));
        return { verdict, line: `${id}\tbroker\t${b64(file)}` };
    }
    const broker = programVerdict(model, { brokerProperties: c.brokerProperties });
    if (broker.settings === undefined) throw new Error(`case ${c.label}: its broker settings are invalid: ${broker.verdict.problems.join("; ")}`);
    const file = serverProperties(model, broker.settings.brokerProperties.properties);
    const topics = { t: { partitions: 1, replicationFactor: BROKERS, config: c.config } };
    const { verdict, settings } = programVerdict(model, { brokerProperties: c.brokerProperties, topics });
    const topicConfig = settings ? (settings.topics[0]?.config ?? {}) : asStrings(c.config);
    return { verdict, line: `${id}\ttopic\t${b64(file)}\t${b64(propertiesText(topicConfig))}` };
}

/** Runs one Kafka version's differential; true when it passes. */
function differential(minor: string): boolean {
    const started = Date.now();
    const model = kafkaModel(minor);
    const cases = allCases(minor, Number(seedText), Number(perKindText));
    const prepared = cases.map((c, id) => prepare(model, c, id));
    const oracle = spawnSync(path.join(repo, "tools/kafka-model/oracle.sh"), [model.kafkaVersion], {
        input: prepared.map((p) => p.line).join("\n") + "\n",
        maxBuffer: 256 * 1024 * 1024,
        encoding: "utf8",
    });
    if (oracle.status !== 0) throw new Error(`oracle failed (${oracle.status}): ${oracle.stderr}`);
    const kafka = new Map<number, Verdict>();
    for (const line of oracle.stdout.split("\n").filter((l) => l !== "")) {
        const [id, verdict, message = ""] = line.split("\t");
        kafka.set(Number(id), { ok: verdict === "ok", problems: [message] });
    }

    let agreed = 0;
    const kafkaOnly: string[] = [];
    const undocumented: string[] = [];
    const stricter = stricterClassesFor(Number(model.kafkaVersion.split(".")[0]));
    const byClass = new Map<string, number>(stricter.map((c) => [c.name, 0]));
    const perKind = { broker: 0, topic: 0 };
    cases.forEach((c, id) => {
        perKind[c.kind]++;
        const ours = prepared[id]?.verdict;
        const theirs = kafka.get(id);
        if (ours === undefined || theirs === undefined) throw new Error(`no verdict for case ${id} (${c.label})`);
        const show = `${c.kind} ${c.label} ${JSON.stringify(c.kind === "topic" ? { broker: c.brokerProperties, topic: c.config } : c.brokerProperties)}`;
        if (ours.ok === theirs.ok) {
            agreed++;
        } else if (ours.ok) {
            kafkaOnly.push(`${show}\n      Kafka: ${theirs.problems.join("; ")}`);
        } else {
            const classes = ours.problems.map((problem) => stricterClassOf(stricter, problem));
            if (classes.some((cls) => cls === undefined)) {
                undocumented.push(`${show}\n      program: ${ours.problems.join("; ")}`);
            } else {
                const name = classes[0]?.name ?? "";
                byClass.set(name, (byClass.get(name) ?? 0) + 1);
            }
        }
    });

    const programOnly = [...byClass.values()].reduce((a, b) => a + b, 0) + undocumented.length;
    console.log(`Kafka ${model.kafkaVersion} differential (seed ${seedText}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`  cases:                    ${cases.length} (${perKind.broker} broker property sets, ${perKind.topic} topic configs)`);
    console.log(`  agreed:                   ${agreed}`);
    console.log(`  program-only rejections:  ${programOnly}`);
    for (const [name, count] of byClass) console.log(`    ${String(count).padStart(5)}  ${name}`);
    if (undocumented.length > 0) console.log(`    ${String(undocumented.length).padStart(5)}  UNDOCUMENTED`);
    console.log(`  Kafka-only rejections:    ${kafkaOnly.length}`);
    for (const line of [...kafkaOnly, ...undocumented].slice(0, 40)) console.log(`    - ${line}`);
    // A documented class no case reaches is a claim the test no longer proves.
    const unexercised = [...byClass].filter(([, count]) => count === 0).map(([name]) => name);
    if (unexercised.length > 0) console.log(`  documented classes no case reached: ${unexercised.join(", ")}`);
    return kafkaOnly.length === 0 && undocumented.length === 0 && unexercised.length === 0;
}

const minors = minorArg === "all" ? SUPPORTED_KAFKA_MINORS : [minorArg];
// Every version runs even when one fails, so one CI log shows them all.
const failed = minors.filter((minor) => !differential(minor));
if (failed.length > 0) {
    console.log(`failed for Kafka ${failed.join(", ")}`);
    process.exit(1);
}
