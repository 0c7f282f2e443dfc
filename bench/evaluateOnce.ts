// One evaluation of the program under Pulumi mocks, in a process of its own so
// every run starts from the same cold module cache. Prints one JSON line.
import { runProgram } from "../tests/unit/support/program";

const [brokers, topicCount] = process.argv.slice(2).map(Number);

function topics(count: number, replicationFactor: number): Record<string, unknown> {
    const entries: Record<string, unknown> = {};
    for (let index = 1; index <= count; index++) {
        entries[`topic-${String(index).padStart(5, "0")}`] = {
            partitions: 3,
            replicationFactor,
            config: { "retention.ms": 604800000, "cleanup.policy": "delete" },
        };
    }
    return entries;
}

async function main(): Promise<void> {
    const config = { brokers, topics: topics(topicCount, Math.min(3, brokers)) };
    // Compile and load the program's modules before the clock starts: the figure
    // is the cost of evaluating the program, not of transpiling it.
    require("../config");
    require("../components/kafkaCluster");
    require("../components/clusterTopics");
    const heapBefore = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    // The unit tests' mocks, so the bench evaluates the program exactly as they do.
    const run = await runProgram({ stack: "bench", config });
    const milliseconds = Number(process.hrtime.bigint() - start) / 1e6;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    process.stdout.write(`${JSON.stringify({ brokers, topics: topicCount, resources: run.resources.length, milliseconds, heapMb })}\n`);
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
