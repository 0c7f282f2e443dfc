// Benchmark: how long the program takes to evaluate under Pulumi mocks as the
// cluster and its topic list grow. Each size runs in a fresh process; the figure
// that matters is the time per resource, which should stay flat as topics grow.
import { execFileSync } from "node:child_process";
import * as path from "node:path";

interface Sample {
    brokers: number;
    topics: number;
    resources: number;
    milliseconds: number;
    heapMb: number;
}

const BROKER_COUNTS = [1, 3, 9];
const TOPIC_COUNTS = [10, 100, 1000, 5000];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

function evaluate(brokers: number, topics: number): Sample {
    const output = execFileSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "evaluateOnce.ts"), String(brokers), String(topics)],
        { encoding: "utf8", maxBuffer: 1 << 26 },
    );
    return JSON.parse(output.trim().split("\n").pop() as string) as Sample;
}

/** The median of repeated runs, to damp a noisy machine. */
function median(samples: Sample[]): Sample {
    return [...samples].sort((a, b) => a.milliseconds - b.milliseconds)[Math.floor(samples.length / 2)];
}

const rows: Sample[] = [];
for (const brokers of BROKER_COUNTS) {
    for (const topics of TOPIC_COUNTS) {
        rows.push(median(Array.from({ length: REPEATS }, () => evaluate(brokers, topics))));
    }
}

console.log(`median of ${REPEATS} runs per size; per-topic cost relative to 10 topics with the same brokers\n`);
console.log("brokers  topics  resources   total ms   ms/resource   heap MB   per-topic ratio");
for (const row of rows) {
    const baseline = rows.find((candidate) => candidate.brokers === row.brokers && candidate.topics === TOPIC_COUNTS[0]) as Sample;
    const perTopic = (sample: Sample) => sample.milliseconds / sample.topics;
    console.log(
        [
            String(row.brokers).padStart(7),
            String(row.topics).padStart(7),
            String(row.resources).padStart(10),
            row.milliseconds.toFixed(0).padStart(10),
            (row.milliseconds / row.resources).toFixed(3).padStart(13),
            row.heapMb.toFixed(1).padStart(9),
            (perTopic(row) / perTopic(baseline)).toFixed(2).padStart(17),
        ].join(" "),
    );
}
