import { appendFileSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { docker, kafkaToolOnNetwork, run } from "./docker";
import { RESULTS_DIR, TEST_IMAGES } from "./paths";
import { pollUntil } from "./poll";
import { recordFigure, report, seconds } from "./report";
import { awaitAcknowledged, Placement, startVerifiableProducer, verdictOf } from "./verifiable";
import { Verdict } from "./verdict";

// One fault under continuous acks=all load: a fresh topic with the settings a
// careful user picks, Kafka's verifiable producer writing to it, the fault, the
// wait until every partition is fully replicated again, and the verdict read
// back with the verifiable consumer. Every run's figures go to figures.json and
// to a line of KC_FAULT_RUNS_FILE, which `npm run soak` sums up.

export const FAULT_RUNS_FILE = process.env.KC_FAULT_RUNS_FILE ?? path.join(RESULTS_DIR, "fault-runs.jsonl");

/** Replication 3, min.insync.replicas 2, unclean leader election off. */
export const CAREFUL_TOPIC = ["--partitions", "6", "--replication-factor", "3", "--config", "min.insync.replicas=2", "--config", "unclean.leader.election.enable=false"];

export interface FaultFigures extends Verdict {
    readonly scenario: string;
    readonly idempotence: boolean;
    readonly placement: Placement["kind"];
    readonly recordsInTopic: number;
    /** Records the consumer did not reach before its timeout; above 0, `missing` is not a loss figure. */
    readonly unreadRecords: number;
    /** From the start of the fault until no partition of any topic is under-replicated. */
    readonly recoverySeconds: number;
}

export interface Cluster {
    readonly network: string;
    /** INTERNAL bootstrap servers, for tools on the network. */
    readonly internal: string;
    /** EXTERNAL bootstrap servers, for tools on the host. */
    readonly external: string;
    readonly namePrefix: string;
}

export function placementOf(cluster: Cluster, kind: Placement["kind"]): Placement {
    return kind === "network" ? { kind, network: cluster.network, bootstrap: cluster.internal, namePrefix: cluster.namePrefix } : { kind, bootstrap: cluster.external };
}

/** Partitions (of every topic) that lack an in-sync replica; empty when all are fully replicated. */
export async function underReplicated(cluster: Cluster): Promise<string> {
    const result = await run("docker", [
        "run", "--rm", "--network", cluster.network, "-e", "KAFKA_HEAP_OPTS=-Xmx128m", TEST_IMAGES.broker,
        "/opt/kafka/bin/kafka-topics.sh", "--bootstrap-server", cluster.internal, "--describe", "--under-replicated-partitions",
    ]);
    return result.code === 0 ? result.stdout.trim() : `kafka-topics.sh failed: ${result.stderr.trim().split("\n").slice(-2).join(" ")}`;
}

/** Polls until every partition is fully replicated; returns the seconds since `since` (ms). */
export async function awaitFullyReplicated(cluster: Cluster, since: number, timeoutMs = 6 * 60_000): Promise<number> {
    const last = await pollUntil(() => underReplicated(cluster), (text) => text === "", { timeoutMs, intervalMs: 2_000 });
    if (last !== "") {
        throw new Error(`still not fully replicated after ${timeoutMs / 1000} s:\n${last.split("\n").slice(0, 10).join("\n")}`);
    }
    return (Date.now() - since) / 1000;
}

export async function createCarefulTopic(cluster: Cluster, topic: string): Promise<void> {
    await kafkaToolOnNetwork(cluster.network, "kafka-topics.sh", "--bootstrap-server", cluster.internal, "--create", "--topic", topic, ...CAREFUL_TOPIC);
}

/** The broker leading `partition` of `topic`, by id. */
export async function leaderOf(cluster: Cluster, topic: string, partition = 0): Promise<number> {
    const described = await kafkaToolOnNetwork(cluster.network, "kafka-topics.sh", "--bootstrap-server", cluster.internal, "--describe", "--topic", topic);
    const line = described.split("\n").find((candidate) => new RegExp(`Partition: ${partition}\\s`).test(candidate));
    const leader = /Leader: (-?\d+)/.exec(line ?? "")?.[1];
    if (leader === undefined || Number(leader) < 0) {
        throw new Error(`no leader for ${topic}-${partition}: ${line ?? described}`);
    }
    return Number(leader);
}

/** The address a container holds on `network` ("" when it is not attached). */
export async function addressOn(container: string, network: string): Promise<string> {
    return docker("inspect", "-f", `{{with index .NetworkSettings.Networks "${network}"}}{{.IPAddress}}{{end}}`, container);
}

export interface FaultRun {
    readonly scenario: string;
    readonly topic: string;
    readonly idempotence: boolean;
    readonly placement: Placement["kind"];
    /** Messages a second. */
    readonly throughput?: number;
    /** Brings the fault on and, where the program is the remedy, runs it. */
    readonly fault: () => Promise<void>;
}

/** Runs one fault under load and returns its figures (asserting is left to the scenario). */
export async function underLoad(cluster: Cluster, spec: FaultRun): Promise<FaultFigures> {
    await createCarefulTopic(cluster, spec.topic);
    const placement = placementOf(cluster, spec.placement);
    const producer = await startVerifiableProducer(placement, { topic: spec.topic, throughput: spec.throughput ?? 300, idempotence: spec.idempotence });
    let recoverySeconds = Number.NaN;
    let figures: FaultFigures | undefined;
    try {
        await awaitAcknowledged(producer, 300);
        const started = Date.now();
        await spec.fault();
        recoverySeconds = await awaitFullyReplicated(cluster, started);
        // Some load on the recovered cluster, so the verdict covers the way back too.
        await awaitAcknowledged(producer, producer.acknowledged() + 600);
    } finally {
        // Judged even when the fault or the recovery failed: the figures say how far it got.
        const verdict = await verdictOf(placement, producer, spec.topic);
        figures = { scenario: spec.scenario, idempotence: spec.idempotence, placement: spec.placement, ...verdict, recoverySeconds: seconds(recoverySeconds) };
        keepFigures(figures);
    }
    return figures;
}

function keepFigures(figures: FaultFigures): void {
    report(
        `${figures.scenario}: acknowledged ${figures.acknowledged}, consumed ${figures.consumed}, missing ${figures.missing}` +
            `${figures.unreadRecords ? ` (the consumer stopped with ${figures.unreadRecords} records unread: not a loss figure)` : ""}` +
            `${figures.missing ? ` (e.g. ${figures.missingExamples.join(", ")})` : ""}, duplicates ${figures.duplicates}, failed sends ${figures.failedSends}, ` +
            `longest window without an ack ${figures.longestAckGapSeconds} s, fully replicated again after ${figures.recoverySeconds} s`,
    );
    recordFigure(`fault: ${figures.scenario}`, { ...figures });
    mkdirSync(path.dirname(FAULT_RUNS_FILE), { recursive: true });
    appendFileSync(FAULT_RUNS_FILE, `${JSON.stringify({ ...figures, at: new Date().toISOString() })}\n`);
}
