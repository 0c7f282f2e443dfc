import { randomUUID } from "node:crypto";
import { Admin, ConfigResourceTypes, ConfigSource, Kafka, logLevel, Partitioners, Producer } from "kafkajs";

// A Kafka client on the host, dialling the EXTERNAL listeners as any client
// outside Docker does: metadata, configs and test data. Durability verdicts come
// from Kafka's own verifiable clients instead (verifiable.ts). Writes use acks=all with an idempotent producer; checks
// read every partition from the earliest offset up to the high watermark with a
// fresh group, and compare sets of message ids, so nothing depends on committed
// offsets.

export interface LiveTopic {
    readonly partitions: number;
    /** Replicas of every partition; one number when they all agree. */
    readonly replicationFactor: number | number[];
    /** Topic-level overrides only (what kafka-configs.sh --alter sets). */
    readonly config: Record<string, string>;
}

function client(brokers: readonly string[]): Kafka {
    return new Kafka({
        clientId: "kafka-cluster-e2e",
        brokers: [...brokers],
        logLevel: logLevel.NOTHING,
        connectionTimeout: 5_000,
        requestTimeout: 15_000,
        retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
}

async function withAdmin<T>(brokers: readonly string[], work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = client(brokers).admin();
    await admin.connect();
    try {
        return await work(admin);
    } finally {
        await admin.disconnect();
    }
}

export async function describeTopics(brokers: readonly string[], names: readonly string[]): Promise<Record<string, LiveTopic>> {
    return withAdmin(brokers, async (admin) => {
        const metadata = await admin.fetchTopicMetadata({ topics: [...names] });
        const configs = await admin.describeConfigs({
            includeSynonyms: false,
            resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
        });
        const topics: Record<string, LiveTopic> = {};
        for (const topic of metadata.topics) {
            const replicas = [...new Set(topic.partitions.map((partition) => partition.replicas.length))];
            const entries = configs.resources.find((resource) => resource.resourceName === topic.name)?.configEntries ?? [];
            topics[topic.name] = {
                partitions: topic.partitions.length,
                replicationFactor: replicas.length === 1 ? (replicas[0] ?? 0) : replicas,
                config: Object.fromEntries(
                    entries.filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG).map((entry) => [entry.configName, entry.configValue]),
                ),
            };
        }
        return topics;
    });
}

export async function listTopics(brokers: readonly string[]): Promise<string[]> {
    return withAdmin(brokers, async (admin) => (await admin.listTopics()).sort());
}

export async function brokerIds(brokers: readonly string[]): Promise<number[]> {
    return withAdmin(brokers, async (admin) => (await admin.describeCluster()).brokers.map((broker) => broker.nodeId).sort((a, b) => a - b));
}

function idempotentProducer(brokers: readonly string[]): Producer {
    return client(brokers).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
}

/** Ids `<tag>-0` .. `<tag>-(count-1)`; the tag keeps runs and scenarios apart. */
export function messageIds(tag: string, count: number): string[] {
    return Array.from({ length: count }, (_, index) => `${tag}-${index}`);
}

/** A short form of missing ids for assertions: thousands of ids would bury the failure. */
export function missingSummary(missing: readonly string[]): { missing: number; first: string[] } {
    return { missing: missing.length, first: missing.slice(0, 5) };
}

export const NONE_MISSING = { missing: 0, first: [] };

/**
 * Produces every id (as key and value) with acks=all; resolves once all are
 * acknowledged. Test data only, never a durability verdict (Kafka's verifiable
 * clients give those, see verifiable.ts). Each send goes to one partition:
 * kafkajs 2.2.4 can resolve a send spanning partitions led by different brokers
 * without having written all of it when a leader moves mid-send.
 */
export async function produce(brokers: readonly string[], topic: string, ids: readonly string[]): Promise<void> {
    const partitions = await withAdmin(brokers, async (admin) => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length ?? 1);
    const producer = idempotentProducer(brokers);
    await producer.connect();
    try {
        for (let start = 0, send = 0; start < ids.length; start += 500, send++) {
            const chunk = ids.slice(start, start + 500);
            const partition = send % partitions;
            await producer.send({ topic, acks: -1, messages: chunk.map((id) => ({ key: id, value: id, partition })) });
        }
    } finally {
        await producer.disconnect();
    }
}

/**
 * Every message value in the topic: reads each partition from its earliest offset
 * up to the high watermark taken at the start, with a group nobody used before.
 */
/** Where Kafka put a message: the acknowledgement's claim, or where a reader found it. */
export interface Position {
    readonly partition: number;
    readonly offset: string;
}

export async function consumeAll(brokers: readonly string[], topic: string, timeoutMs = 180_000): Promise<Map<string, Position>> {
    const kafka = client(brokers);
    const watermarks = await withAdmin(brokers, (admin) => admin.fetchTopicOffsets(topic));
    const remaining = new Map<number, bigint>();
    for (const { partition, high, low } of watermarks) {
        if (BigInt(high) > BigInt(low)) {
            remaining.set(partition, BigInt(high));
        }
    }
    const values = new Map<string, Position>();
    if (remaining.size === 0) {
        return values;
    }
    const consumer = kafka.consumer({ groupId: `kafka-cluster-e2e-verify-${randomUUID()}`, maxWaitTimeInMs: 500 });
    await consumer.connect();
    try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(
                () => reject(new Error(`reading ${topic} timed out after ${timeoutMs} ms with partitions ${[...remaining.keys()].join(",")} unfinished (${values.size} values read)`)),
                timeoutMs,
            );
            consumer
                .run({
                    autoCommit: false,
                    eachBatch: async ({ batch }) => {
                        for (const message of batch.messages) {
                            if (message.value) {
                                values.set(message.value.toString(), { partition: batch.partition, offset: message.offset });
                            }
                        }
                        const last = batch.messages[batch.messages.length - 1];
                        const target = remaining.get(batch.partition);
                        if (last && target !== undefined && BigInt(last.offset) + 1n >= target) {
                            remaining.delete(batch.partition);
                        }
                        if (remaining.size === 0) {
                            clearTimeout(timer);
                            resolve();
                        }
                    },
                })
                .catch((error: unknown) => {
                    clearTimeout(timer);
                    reject(error instanceof Error ? error : new Error(String(error)));
                });
        });
    } finally {
        await consumer.disconnect();
    }
    return values;
}
