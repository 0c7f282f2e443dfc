// Does kafkajs 2.2.4 lose acknowledged messages when a send spans partitions led
// by different brokers and a leader moves mid-send? Two kafkajs producers (the
// shape the suite's bulk helper once had: 500 keyed messages a send, spread over
// every partition; one idempotent, one not) write while brokers are restarted one
// at a time, then Kafka's VerifiableConsumer reads the topic back. An id that
// send() resolved for but that the topic does not hold was lost by the client.
// It also counts sends whose result has no entry for a partition they carried,
// the signature of the response map kept across retries in sendMessages.js.
//
// Not part of CI: it needs a 3-broker cluster and a way to restart a broker.
//   KC_REPRO_BOOTSTRAP  host:port,...  of the brokers (reached from this host)
//   KC_REPRO_RESTART    shell command restarting broker {id} (stop, wait, start)
//   KC_REPRO_LIBS       directory of the Kafka jars (for the VerifiableConsumer)
//   KC_REPRO_ROUNDS     rounds of restarting every broker (default 3)
//   npx ts-node --transpile-only e2e/repro/kafkajsLeaderMove.ts
import { execFileSync, spawnSync } from "node:child_process";
import { Kafka, logLevel, Partitioners, Producer } from "kafkajs";
import { computeVerdict, parseToolEvents, ToolEvent } from "../support/verdict";

const bootstrap = required("KC_REPRO_BOOTSTRAP").split(",");
const restart = required("KC_REPRO_RESTART");
const libs = required("KC_REPRO_LIBS");
const rounds = Number(process.env.KC_REPRO_ROUNDS ?? 3);
const topic = `kafkajs-repro-${Date.now()}`;
const PARTITIONS = 6;

function required(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set; see the head of this file`);
    }
    return value;
}

const kafka = new Kafka({ clientId: "kafkajs-repro", brokers: bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 } });

interface ProducerRecord {
    readonly name: string;
    /** Ids whose send() resolved, as VerifiableProducer-style events for the shared verdict. */
    readonly acked: ToolEvent[];
    sends: number;
    failedSends: number;
    /** Sends that resolved without a result for some partition they carried. */
    resolvedShort: number;
    /** Ids of those sends in the partitions the result left out. */
    readonly unanswered: Set<string>;
}

async function producerLoop(record: ProducerRecord, producer: Producer, stop: () => boolean): Promise<void> {
    await producer.connect();
    let batch = 0;
    while (!stop()) {
        const ids = Array.from({ length: 500 }, (_, index) => `${record.name}-${batch}-${index}`);
        batch += 1;
        try {
            const results = await producer.send({ topic, acks: -1, messages: ids.map((id) => ({ key: id, value: id })) });
            record.sends += 1;
            const answered = new Set(results.map((result) => result.partition));
            const carried = new Set(ids.map((id) => partitionOf(id)));
            if ([...carried].some((partition) => !answered.has(partition))) {
                record.resolvedShort += 1;
                ids.filter((id) => !answered.has(partitionOf(id))).forEach((id) => record.unanswered.add(id));
            }
            const now = Date.now();
            record.acked.push(...ids.map((value) => ({ name: "producer_send_success", timestamp: now, value })));
        } catch {
            record.failedSends += 1;
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
    }
    await producer.disconnect();
}

/** The partition kafkajs' default partitioner gives a keyed message. */
const partitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [], isr: [] }));
function partitionOf(key: string): number {
    return partitioner({ topic, partitionMetadata, message: { key, value: key } });
}

function java(mainClass: string, args: string[]): string {
    const result = spawnSync("java", ["-Xmx256m", "-cp", `${libs}/*`, mainClass, ...args], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    if (result.status !== 0) {
        throw new Error(`${mainClass} exited with ${result.status}: ${result.stderr.slice(-1500)}`);
    }
    return result.stdout;
}

async function main(): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 3, configEntries: [{ name: "min.insync.replicas", value: "2" }] }], waitForLeaders: false });
    // KRaft brokers learn of a new topic a moment after the create returns.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await admin.disconnect();

    let stopped = false;
    const records: ProducerRecord[] = ["idempotent", "plain"].map((name) => ({ name, acked: [], sends: 0, failedSends: 0, resolvedShort: 0, unanswered: new Set<string>() }));
    const loops = [
        producerLoop(records[0]!, kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner }), () => stopped),
        producerLoop(records[1]!, kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }), () => stopped),
    ];
    const started = Date.now();
    for (let round = 1; round <= rounds; round++) {
        for (const id of [1, 2, 3]) {
            await new Promise((resolve) => setTimeout(resolve, 10_000));
            process.stderr.write(`round ${round}: restarting broker ${id}\n`);
            execFileSync("sh", ["-c", restart.replaceAll("{id}", String(id))], { stdio: "inherit" });
        }
    }
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    stopped = true;
    await Promise.all(loops);

    const offsets = java("org.apache.kafka.tools.GetOffsetShell", ["--bootstrap-server", bootstrap.join(","), "--topic", topic, "--time", "-1"]);
    const total = offsets.split("\n").reduce((sum, line) => sum + Number(line.split(":")[2] ?? 0), 0);
    const consumed = parseToolEvents(
        java("org.apache.kafka.tools.VerifiableConsumer", ["--bootstrap-server", bootstrap.join(","), "--topic", topic, "--group-id", `${topic}-verify`, "--max-messages", String(total), "--verbose"]),
    );
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(`topic ${topic}: ${rounds} rounds of restarting 3 brokers over ${minutes} min; ${total} records in the topic`);
    for (const record of records) {
        const verdict = computeVerdict(record.acked, consumed);
        const read = new Set(consumed.map((event) => event.value));
        const missingIds = record.acked.map((event) => event.value ?? "").filter((id) => !read.has(id));
        console.log(
            JSON.stringify({
                producer: record.name,
                sends: record.sends,
                failedSends: record.failedSends,
                sendsResolvedWithoutSomePartition: record.resolvedShort,
                acknowledged: verdict.acknowledged,
                missing: verdict.missing,
                // The bug's signature: every lost id sat in a partition its send's result left out.
                idsInPartitionsLeftOut: record.unanswered.size,
                missingOutsideThem: missingIds.filter((id) => !record.unanswered.has(id)).length,
                missingExamples: missingIds.slice(0, 5),
            }),
        );
    }
}

void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
