// The durability verdict, computed the way Kafka's own replication tests compute
// it: from the JSON events of its VerifiableProducer (one per acknowledged or
// failed send) and VerifiableConsumer (one per record read, with --verbose).
// Pure functions, so the arithmetic is unit-tested apart from any cluster.

/** One line of a verifiable tool's stdout; other lines (log output) are not events. */
export interface ToolEvent {
    readonly name: string;
    /** Milliseconds since the epoch, on the tool's clock. */
    readonly timestamp: number;
    readonly value?: string;
    readonly partition?: number;
    readonly offset?: number;
}

/** Events in the order printed; anything that is not a JSON object with a name is skipped. */
export function parseToolEvents(text: string): ToolEvent[] {
    const events: ToolEvent[] = [];
    for (const line of text.split("\n")) {
        const trimmed = line.trim();
        if (!trimmed.startsWith("{")) {
            continue;
        }
        try {
            const parsed = JSON.parse(trimmed) as Partial<ToolEvent>;
            if (typeof parsed.name === "string") {
                events.push({ ...parsed, name: parsed.name, timestamp: Number(parsed.timestamp ?? 0) });
            }
        } catch {
            // A log line that happens to start with a brace.
        }
    }
    return events;
}

export interface Verdict {
    /** Distinct values the producer saw acknowledged. */
    readonly acknowledged: number;
    /** Sends the producer gave up on (never acknowledged). */
    readonly failedSends: number;
    /** Acknowledged values the consumer read. */
    readonly consumed: number;
    /** Acknowledged values the consumer never read: must be 0. */
    readonly missing: number;
    /** Up to five missing values with the partition/offset their acknowledgement named. */
    readonly missingExamples: string[];
    /** Records read beyond the first copy of a value (retries that Kafka wrote twice). */
    readonly duplicates: number;
    /** Values read that were never acknowledged: failed sends that had in fact been written. */
    readonly readButUnacknowledged: number;
    /** Longest stretch with no acknowledgement, from the producer's start to its end. */
    readonly longestAckGapSeconds: number;
}

/** The counts a scenario's figure records from its verdict (figures.json). */
export function verdictCounts(verdict: Verdict): Pick<Verdict, "acknowledged" | "consumed" | "missing" | "duplicates" | "failedSends" | "longestAckGapSeconds"> {
    const { acknowledged, consumed, missing, duplicates, failedSends, longestAckGapSeconds } = verdict;
    return { acknowledged, consumed, missing, duplicates, failedSends, longestAckGapSeconds };
}

export function computeVerdict(producerEvents: readonly ToolEvent[], consumerEvents: readonly ToolEvent[]): Verdict {
    const acked = new Map<string, ToolEvent>();
    let failedSends = 0;
    for (const event of producerEvents) {
        if (event.name === "producer_send_success" && event.value !== undefined) {
            acked.set(event.value, event);
        } else if (event.name === "producer_send_error") {
            failedSends += 1;
        }
    }
    const reads = new Map<string, number>();
    for (const event of consumerEvents) {
        if (event.name === "record_data" && event.value !== undefined) {
            reads.set(event.value, (reads.get(event.value) ?? 0) + 1);
        }
    }
    const missing = [...acked.values()].filter((event) => event.value !== undefined && !reads.has(event.value));
    let duplicates = 0;
    let readButUnacknowledged = 0;
    for (const [value, count] of reads) {
        duplicates += count - 1;
        if (!acked.has(value)) {
            readButUnacknowledged += 1;
        }
    }
    return {
        acknowledged: acked.size,
        failedSends,
        consumed: acked.size - missing.length,
        missing: missing.length,
        missingExamples: missing.slice(0, 5).map((event) => `${event.value}@${event.partition}/${event.offset}`),
        duplicates,
        readButUnacknowledged,
        longestAckGapSeconds: longestAckGapSeconds(producerEvents),
    };
}

/**
 * The longest time between two acknowledgements, counting the stretch from the
 * producer's start to its first ack and from its last ack to its shutdown: a
 * producer that never recovered shows the whole tail as unavailability.
 */
export function longestAckGapSeconds(events: readonly ToolEvent[]): number {
    const boundaries = events.filter((event) => ["startup_complete", "producer_send_success", "shutdown_complete"].includes(event.name)).map((event) => event.timestamp)
        .sort((a, b) => a - b);
    let longest = 0;
    for (let index = 1; index < boundaries.length; index++) {
        longest = Math.max(longest, (boundaries[index] ?? 0) - (boundaries[index - 1] ?? 0));
    }
    return Math.round(longest / 100) / 10;
}

/**
 * The longest time without an acknowledgement between `fromMs` and `toMs` (the
 * window of one operation while a producer runs across several): a stall
 * spanning the window's edge counts up to the edge.
 */
export function longestAckGapWithin(events: readonly ToolEvent[], fromMs: number, toMs: number): number {
    const acks = events.filter((event) => event.name === "producer_send_success" && event.timestamp > fromMs && event.timestamp < toMs).map((event) => event.timestamp);
    const boundaries = [fromMs, ...acks.sort((a, b) => a - b), toMs];
    let longest = 0;
    for (let index = 1; index < boundaries.length; index++) {
        longest = Math.max(longest, (boundaries[index] ?? 0) - (boundaries[index - 1] ?? 0));
    }
    return Math.round(longest / 100) / 10;
}

/** Records a topic holds: the sum of `kafka-get-offsets.sh` lines `topic:partition:offset`. */
export function totalOffsets(text: string, topic: string): number {
    let total = 0;
    for (const line of text.split("\n")) {
        const match = /^(.+):(\d+):(\d+)$/.exec(line.trim());
        if (match && match[1] === topic) {
            total += Number(match[3]);
        }
    }
    return total;
}
