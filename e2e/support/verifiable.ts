import { ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { docker, run } from "./docker";
import { RESULTS_DIR, TEST_IMAGES } from "./paths";
import { report } from "./report";
import { computeVerdict, parseToolEvents, ToolEvent, totalOffsets, Verdict } from "./verdict";

// Kafka's VerifiableProducer and VerifiableConsumer, the clients its own
// replication system tests trust, run either in a container of the broker image
// on the stack's network (INTERNAL listeners) or as a JVM on the host through
// the EXTERNAL listeners, on this machine or inside a network namespace that
// stands for another machine. kafkajs plays no part in any verdict computed here.

/** Where a tool runs and which bootstrap servers it dials from there. */
export type Placement =
    /**
     * `engine`: the Docker engine to run on (`docker -H`), when not the default one.
     * `clientDir`: a secured cluster's client settings (secureClient.ts clientDirectory),
     * mounted read-only at /client; its client.properties is merged into each tool's.
     */
    | { readonly kind: "network"; readonly network: string; readonly bootstrap: string; readonly namePrefix: string; readonly engine?: string; readonly clientDir?: string }
    /** `netns`: a network namespace to run the JVM in (`ip netns exec`), another machine with no Docker of its own. */
    | { readonly kind: "host"; readonly bootstrap: string; readonly netns?: string };

export interface LoadOptions {
    readonly topic: string;
    /** Messages a second; the tool paces itself. */
    readonly throughput: number;
    readonly idempotence: boolean;
    /** Values become `<prefix>.<n>`: producers sharing a topic stay apart. */
    readonly valuePrefix?: number;
    /** Stop after this many sends (default: until stopped). */
    readonly maxMessages?: number;
    /**
     * "1" only to show what it costs: the leader acknowledges before any follower has the message.
     * @default "all"
     */
    readonly acks?: "all" | "1";
}

/** The producer settings a careful user runs with: acks=all, retries on, batches spanning partitions. */
export function producerProperties(idempotence: boolean, acks: "all" | "1" = "all"): string[] {
    if (idempotence && acks !== "all") {
        throw new Error(`an idempotent producer needs acks=all, not acks=${acks}`);
    }
    return [
        `acks=${acks}`,
        `enable.idempotence=${idempotence}`,
        "retries=2147483647",
        // Long enough to ride out a broker restart; what still fails is counted as a failed send.
        "delivery.timeout.ms=120000",
        "request.timeout.ms=15000",
        // Several partitions' batches in every request, the shape the kafkajs bug needed.
        "linger.ms=20",
        "max.in.flight.requests.per.connection=5",
    ];
}

let hostLibs: string | undefined;

/** The image's Kafka distribution (libs and config), copied out once for JVMs on the host. */
async function hostDistribution(): Promise<string> {
    if (hostLibs && existsSync(hostLibs)) {
        return hostLibs;
    }
    const target = path.join(RESULTS_DIR, "kafka-dist");
    if (!existsSync(path.join(target, "libs"))) {
        mkdirSync(target, { recursive: true });
        const id = await docker("create", TEST_IMAGES.broker);
        try {
            await docker("cp", `${id}:/opt/kafka/libs`, path.join(target, "libs"));
            await docker("cp", `${id}:/opt/kafka/config`, path.join(target, "config"));
        } finally {
            await docker("rm", id);
        }
    }
    hostLibs = target;
    return target;
}

/** `java` with its arguments, inside network namespace `netns` when given: the files are this machine's, the network that machine's. */
function javaCommand(netns: string | undefined, args: string[]): [string, string[]] {
    return netns === undefined ? ["java", args] : ["ip", ["netns", "exec", netns, "java", ...args]];
}

/** One of Kafka's CLI tools as a JVM on the host (its main class), dialling the EXTERNAL listeners as any client outside Docker. */
export async function kafkaToolOnHost(mainClass: string, ...args: string[]): Promise<string> {
    return kafkaToolIn(undefined, mainClass, ...args);
}

/** kafkaToolOnHost, in network namespace `netns` (another machine) when given. */
export async function kafkaToolIn(netns: string | undefined, mainClass: string, ...args: string[]): Promise<string> {
    const dist = await hostDistribution();
    const result = await run(...javaCommand(netns, ["-Xmx128m", `-Dlog4j.configuration=file:${path.join(dist, "config", "tools-log4j.properties")}`, "-cp", `${path.join(dist, "libs")}/*`, mainClass, ...args]));
    if (result.code !== 0) {
        throw new Error(`${mainClass} exited with ${result.code}: ${result.stderr.slice(-1000)}`);
    }
    return result.stdout;
}

let toolCount = 0;

function engineArgs(placement: Placement & { kind: "network" }): string[] {
    return placement.engine ? ["-H", placement.engine] : [];
}

function clientMount(placement: Placement & { kind: "network" }): string[] {
    return placement.clientDir ? ["-v", `${placement.clientDir}:/client:ro`] : [];
}

/** Starts one tool; the handle collects its stdout and stops it with SIGTERM (its shutdown hook flushes). */
async function startTool(placement: Placement, tool: "producer" | "consumer", mainClass: string, script: string, args: string[], properties: string[]): Promise<RunningTool> {
    toolCount += 1;
    if (placement.kind === "network") {
        const name = `${placement.namePrefix}-${tool}-${process.pid}-${toolCount}`;
        const engine = engineArgs(placement);
        let command: string;
        if (placement.clientDir) {
            // The login stays in a mounted file: a command line would show it in docker inspect.
            const file = `${tool}-${process.pid}-${toolCount}.properties`;
            const security = readFileSync(path.join(placement.clientDir, "client.properties"), "utf8").trimEnd();
            writeFileSync(path.join(placement.clientDir, file), `${security}\n${properties.join("\n")}\n`, { mode: 0o644 });
            command = `exec /opt/kafka/bin/${script} --${tool}.config /client/${file} ${args.map((arg) => `'${arg}'`).join(" ")}`;
        } else {
            const write = `printf '%s\\n' ${properties.map((line) => `'${line}'`).join(" ")} > /tmp/client.properties`;
            command = `${write} && exec /opt/kafka/bin/${script} --${tool}.config /tmp/client.properties ${args.map((arg) => `'${arg}'`).join(" ")}`;
        }
        const child = spawn("docker", [...engine, "run", "--rm", "--name", name, "--network", placement.network, ...clientMount(placement), "-e", "KAFKA_HEAP_OPTS=-Xmx256m", TEST_IMAGES.broker, "sh", "-c", command]);
        return new RunningTool(child, async () => {
            await run("docker", [...engine, "stop", "-t", "30", name]);
        });
    }
    const dist = await hostDistribution();
    const config = path.join(RESULTS_DIR, `host-${tool}-${process.pid}-${toolCount}.properties`);
    writeFileSync(config, `${properties.join("\n")}\n`);
    // `ip netns exec` execs the JVM in place, so the signal below reaches the JVM itself.
    const child = spawn(
        ...javaCommand(placement.netns, [
            "-Xmx256m",
            `-Dlog4j.configuration=file:${path.join(dist, "config", "tools-log4j.properties")}`,
            "-cp",
            `${path.join(dist, "libs")}/*`,
            mainClass,
            `--${tool}.config`,
            config,
            ...args,
        ]),
    );
    return new RunningTool(child, async () => {
        child.kill("SIGTERM");
    });
}

export class RunningTool {
    private readonly chunks: string[] = [];
    private readonly errors: string[] = [];
    readonly exited: Promise<number | null>;

    constructor(
        private readonly child: ChildProcess,
        private readonly terminate: () => Promise<void>,
    ) {
        child.stdout?.setEncoding("utf8").on("data", (chunk: string) => this.chunks.push(chunk));
        child.stderr?.setEncoding("utf8").on("data", (chunk: string) => this.errors.push(chunk));
        this.exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
    }

    events(): ToolEvent[] {
        return parseToolEvents(this.chunks.join(""));
    }

    /** Acknowledgements so far, to wait for the load to be flowing. */
    acknowledged(): number {
        return this.events().filter((event) => event.name === "producer_send_success").length;
    }

    stderrTail(): string {
        return this.errors.join("").split("\n").slice(-15).join("\n");
    }

    async stop(): Promise<ToolEvent[]> {
        if (this.child.exitCode === null) {
            await this.terminate();
        }
        await this.exited;
        return this.events();
    }
}

/** Continuous load (acks=all unless asked otherwise); the value prefix keeps this producer's values apart from any other's. */
export async function startVerifiableProducer(placement: Placement, options: LoadOptions): Promise<RunningTool> {
    const producer = await startTool(
        placement,
        "producer",
        "org.apache.kafka.tools.VerifiableProducer",
        "kafka-verifiable-producer.sh",
        [
            "--bootstrap-server", placement.bootstrap,
            "--topic", options.topic,
            "--throughput", String(options.throughput),
            "--max-messages", String(options.maxMessages ?? -1),
            // Keys cycle over many values, so every request carries batches for several partitions.
            "--repeating-keys", "100",
            ...(options.valuePrefix === undefined ? [] : ["--value-prefix", String(options.valuePrefix)]),
        ],
        producerProperties(options.idempotence, options.acks),
    );
    return producer;
}

/** Waits until the producer has had `count` acknowledgements (or fails with its stderr). */
export async function awaitAcknowledged(producer: RunningTool, count: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (producer.acknowledged() < count) {
        if (Date.now() > deadline) {
            throw new Error(`the verifiable producer had ${producer.acknowledged()} acknowledgements after ${timeoutMs} ms; stderr:\n${producer.stderrTail()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
}

/** Records in `topic` now: the sum of its partitions' end offsets, read with Kafka's own tool. */
async function recordsIn(placement: Placement, topic: string): Promise<number> {
    const args = ["--bootstrap-server", placement.bootstrap, "--topic", topic, "--time", "-1"];
    if (placement.kind === "network") {
        const secured = placement.clientDir ? ["--command-config", "/client/client.properties"] : [];
        const out = await docker(...engineArgs(placement), "run", "--rm", "--network", placement.network, ...clientMount(placement), "-e", "KAFKA_HEAP_OPTS=-Xmx128m", TEST_IMAGES.broker, "/opt/kafka/bin/kafka-get-offsets.sh", ...args, ...secured);
        return totalOffsets(out, topic);
    }
    return totalOffsets(await kafkaToolIn(placement.netns, "org.apache.kafka.tools.GetOffsetShell", ...args), topic);
}

/**
 * Reads the whole topic from the earliest offset with a group nobody used
 * before, until it has read as many records as the topic holds (every record,
 * duplicates included), then returns the consumer's events.
 */
export async function consumeEverything(placement: Placement, topic: string, timeoutMs = 240_000): Promise<{ events: ToolEvent[]; records: number; unread: number }> {
    const records = await recordsIn(placement, topic);
    const consumer = await startTool(
        placement,
        "consumer",
        "org.apache.kafka.tools.VerifiableConsumer",
        "kafka-verifiable-consumer.sh",
        [
            "--bootstrap-server", placement.bootstrap,
            "--topic", topic,
            "--group-id", `verify-${topic}-${Date.now()}`,
            "--reset-policy", "earliest",
            "--max-messages", String(records),
            "--verbose",
        ],
        [],
    );
    const timer = setTimeout(() => void consumer.stop(), timeoutMs);
    try {
        await consumer.exited;
    } finally {
        clearTimeout(timer);
    }
    const events = await consumer.stop();
    const read = events.filter((event) => event.name === "record_data").length;
    if (read < records) {
        report(`verifiable consumer read ${read} of ${records} records of ${topic}; stderr:\n${consumer.stderrTail()}`);
    }
    return { events, records, unread: Math.max(0, records - read) };
}

/**
 * Stops the producer, reads the topic back and judges. `unreadRecords` above 0
 * means the consumer gave up before the end of the topic (a timeout): `missing`
 * then counts what it never reached, not what the cluster lost.
 */
export async function verdictOf(placement: Placement, producer: RunningTool, topic: string): Promise<Verdict & { recordsInTopic: number; unreadRecords: number }> {
    const produced = await producer.stop();
    const { events, records, unread } = await consumeEverything(placement, topic);
    return { ...computeVerdict(produced, events), recordsInTopic: records, unreadRecords: unread };
}
