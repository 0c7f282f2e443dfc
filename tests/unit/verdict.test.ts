import { computeVerdict, longestAckGapSeconds, longestAckGapWithin, parseToolEvents, ToolEvent, totalOffsets } from "../../e2e/support/verdict";

// The arithmetic behind every durability figure of the e2e suite, on event lines
// shaped as Kafka 3.9's VerifiableProducer and VerifiableConsumer print them.

const acked = (value: string, timestamp: number, partition = 0, offset = Number(value)): ToolEvent => ({ name: "producer_send_success", timestamp, value, partition, offset });
const read = (value: string): ToolEvent => ({ name: "record_data", timestamp: 0, value });

describe("parseToolEvents", () => {
    it("keeps the JSON events and skips log lines", () => {
        const text = [
            '{"timestamp":1000,"name":"startup_complete"}',
            "[2026-11-29 22:00:00,000] WARN [Producer clientId=producer-1] Connection to node 2 could not be established.",
            '{"timestamp":1010,"name":"producer_send_success","key":"7","value":"7","topic":"t","partition":2,"offset":41}',
            "{not json",
            '{"timestamp":1020,"name":"producer_send_error","exception":"class org.apache.kafka.common.errors.TimeoutException","message":"Expiring 1 record(s)","topic":"t","key":"8","value":"8"}',
            "",
        ].join("\n");
        expect(parseToolEvents(text)).toEqual([
            { timestamp: 1000, name: "startup_complete" },
            { timestamp: 1010, name: "producer_send_success", key: "7", value: "7", topic: "t", partition: 2, offset: 41 },
            expect.objectContaining({ timestamp: 1020, name: "producer_send_error", value: "8" }),
        ]);
    });
});

describe("computeVerdict", () => {
    it("finds nothing missing when every acknowledged value was read", () => {
        const verdict = computeVerdict([acked("0", 1000), acked("1", 1100)], [read("0"), read("1")]);
        expect(verdict).toMatchObject({ acknowledged: 2, consumed: 2, missing: 0, duplicates: 0, readButUnacknowledged: 0, failedSends: 0 });
    });

    it("names acknowledged values nobody read, with where Kafka said it put them", () => {
        const verdict = computeVerdict([acked("0", 1000), acked("1", 1100, 2, 17), acked("2", 1200)], [read("0"), read("2")]);
        expect(verdict).toMatchObject({ acknowledged: 3, consumed: 2, missing: 1, missingExamples: ["1@2/17"] });
    });

    it("counts duplicates and failed sends that were written after all, without hiding them", () => {
        const producer = [acked("0", 1000), { name: "producer_send_error", timestamp: 1100, value: "1" }, acked("2", 1200)];
        const verdict = computeVerdict(producer, [read("0"), read("0"), read("1"), read("2"), read("2"), read("2")]);
        expect(verdict).toMatchObject({ acknowledged: 2, failedSends: 1, missing: 0, duplicates: 3, readButUnacknowledged: 1 });
    });
});

describe("longestAckGapSeconds", () => {
    it("measures the longest stretch without an acknowledgement, start and shutdown included", () => {
        const events: ToolEvent[] = [{ name: "startup_complete", timestamp: 0 }, acked("0", 500), acked("1", 4_700), acked("2", 5_000), { name: "shutdown_complete", timestamp: 5_100 }];
        expect(longestAckGapSeconds(events)).toBe(4.2);
    });

    it("counts a producer that never recovered as unavailable until it stopped", () => {
        const events: ToolEvent[] = [{ name: "startup_complete", timestamp: 0 }, acked("0", 100), { name: "shutdown_complete", timestamp: 60_100 }];
        expect(longestAckGapSeconds(events)).toBe(60);
    });
});

describe("longestAckGapWithin", () => {
    it("measures only inside the window, counting a stall that crosses its edges up to the edges", () => {
        const events: ToolEvent[] = [acked("0", 0), acked("1", 9_000), acked("2", 10_500), acked("3", 11_000), acked("4", 30_000)];
        // Window 10 s to 20 s: acks at 10.5 and 11, then nothing until the window's end.
        expect(longestAckGapWithin(events, 10_000, 20_000)).toBe(9);
        expect(longestAckGapWithin(events, 10_000, 11_500)).toBe(0.5);
        // No ack at all inside: the whole window was a stall.
        expect(longestAckGapWithin(events, 12_000, 15_000)).toBe(3);
    });
});

describe("totalOffsets", () => {
    it("sums the end offsets kafka-get-offsets.sh prints for the topic", () => {
        expect(totalOffsets("faults-a:0:120\nfaults-a:1:95\nfaults-ab:0:7\nfaults-a:2:0\n", "faults-a")).toBe(215);
    });
});
