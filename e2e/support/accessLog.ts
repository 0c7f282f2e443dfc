import { ACCESS_LOG_FIELDS } from "../../lib/render/nginxConf";
import { kafkaToolOnNetwork } from "./docker";
import { pollUntil } from "./poll";

// The access-log topic read the tutorial's way: Kafka's console consumer in a
// container of the broker image on the stack's network, from the earliest offset
// of each partition, with each record's timestamp. The topic keeps LogAppendTime, so a record's timestamp
// is when a broker appended it, and minus the request's own time (`msec`) it is
// the line's delivery lag from Nginx to Kafka.

export interface AccessLogRecord {
    /** When a broker appended the line (LogAppendTime), ms since the epoch. */
    readonly appendedMs: number;
    readonly line: string;
}

const RECORD = /^(?:LogAppendTime|CreateTime):(\d+)\t(.*)$/;

/**
 * Every record of every partition, each partition read by its own consumer that is
 * assigned the partition (no consumer group, no coordinator, nothing committed) and
 * stops once nothing new has come for a few seconds.
 */
export async function readAccessLogTopic(network: string, bootstrap: string, topic: string, partitions: number): Promise<AccessLogRecord[]> {
    const outputs = await Promise.all(
        Array.from({ length: partitions }, (_, partition) =>
            kafkaToolOnNetwork(
                network,
                "kafka-console-consumer.sh",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--partition",
                String(partition),
                "--offset",
                "earliest",
                "--timeout-ms",
                "6000",
                "--consumer-property",
                "enable.auto.commit=false",
                "--property",
                "print.timestamp=true",
            ),
        ),
    );
    const records: AccessLogRecord[] = [];
    for (const text of outputs.join("\n").split("\n")) {
        const match = RECORD.exec(text);
        if (match?.[1] && match[2] !== undefined) {
            records.push({ appendedMs: Number(match[1]), line: match[2] });
        }
    }
    return records;
}

export interface DeliveryReport {
    /** Records in the whole topic at the time of reading. */
    readonly topicRecords: number;
    readonly requested: number;
    readonly delivered: number;
    readonly missing: number;
    /** Extra copies of requested ids (at-least-once allows them; they are reported). */
    readonly duplicates: number;
    /** Lines of these requests that are not a JSON object with every declared field. */
    readonly malformed: number;
    /** Broker append time minus request time, over the requested ids, in ms. */
    readonly lagMs: { readonly p50: number; readonly p99: number; readonly max: number };
    /** The last append among the requested ids, ms since the epoch. */
    readonly lastAppendedMs: number;
}

/** How the ids a client got back from Nginx show up in the topic. */
export function deliveryReport(records: readonly AccessLogRecord[], ids: readonly string[]): DeliveryReport {
    const wanted = new Set(ids);
    const copies = new Map<string, number>();
    const lags: number[] = [];
    let malformed = 0;
    let lastAppendedMs = 0;
    for (const record of records) {
        const parsed = parseLine(record.line);
        const id = parsed?.request_id ?? /"request_id":"([0-9a-f]+)"/.exec(record.line)?.[1];
        if (typeof id !== "string" || !wanted.has(id)) {
            continue;
        }
        if (!parsed || !hasDeclaredFields(parsed)) {
            malformed += 1;
        }
        const seen = copies.get(id) ?? 0;
        copies.set(id, seen + 1);
        if (seen === 0 && parsed && typeof parsed.msec === "number") {
            lags.push(record.appendedMs - parsed.msec * 1000);
        }
        lastAppendedMs = Math.max(lastAppendedMs, record.appendedMs);
    }
    const delivered = copies.size;
    const duplicates = [...copies.values()].reduce((sum, count) => sum + count - 1, 0);
    lags.sort((a, b) => a - b);
    const at = (quantile: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(quantile * lags.length))] ?? NaN);
    return {
        topicRecords: records.length,
        requested: wanted.size,
        delivered,
        missing: wanted.size - delivered,
        duplicates,
        malformed,
        lagMs: { p50: at(0.5), p99: at(0.99), max: Math.round(lags[lags.length - 1] ?? NaN) },
        lastAppendedMs,
    };
}

/** Reads the topic until every id is there or the time is up, and reports on the last read. */
export async function awaitDelivery(
    where: { network: string; bootstrap: string; topic: string; partitions: number },
    ids: readonly string[],
    timeoutMs: number,
): Promise<DeliveryReport> {
    return pollUntil(
        async () => deliveryReport(await readAccessLogTopic(where.network, where.bootstrap, where.topic, where.partitions), ids),
        (report) => report.missing === 0,
        { timeoutMs, intervalMs: 2000 },
    );
}

function parseLine(line: string): Record<string, unknown> | undefined {
    try {
        const value: unknown = JSON.parse(line);
        return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

function hasDeclaredFields(entry: Record<string, unknown>): boolean {
    return ACCESS_LOG_FIELDS.every(({ field, type }) => typeof entry[field] === type);
}
