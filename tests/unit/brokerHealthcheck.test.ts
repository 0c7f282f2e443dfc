import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderBrokerHealthcheck } from "../../lib/render/brokerHealthcheck";
import { BROKER_HEALTHCHECK, BROKER_WAIT_SECONDS, UI_HEALTHCHECK, ZOOKEEPER_HEALTHCHECK } from "../../lib/render/healthchecks";
import { PROBE_SECONDS } from "../../lib/render/probeJvm";

// The rendered healthcheck runs under the real sh and awk, against a stand-in
// kafka-topics.sh that prints what Kafka 3.9 prints and records its arguments
// and JVM options, behind a stand-in `timeout` that records its limit.

let home: string;

beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), "broker-healthcheck-"));
    writeFileSync(
        path.join(home, "kafka-topics.sh"),
        [
            "#!/bin/sh",
            'printf "%s\\n" "$*" > "$(dirname "$0")/args"',
            'printf "%s|%s\\n" "$KAFKA_HEAP_OPTS" "$KAFKA_JVM_PERFORMANCE_OPTS" > "$(dirname "$0")/jvm"',
            'printf "%s" "$DESCRIBED"',
            'exit "${EXIT_CODE:-0}"',
            "",
        ].join("\n"),
        { mode: 0o755 },
    );
    writeFileSync(path.join(home, "timeout"), ['#!/bin/sh', 'printf "%s\\n" "$1" > "$(dirname "$0")/limit"', "shift", 'exec "$@"', ""].join("\n"), { mode: 0o755 });
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

function probe(brokerId: number, described: string, exitCode = 0): { status: number | null; output: string } {
    const script = path.join(home, `healthcheck-${brokerId}.sh`);
    writeFileSync(script, renderBrokerHealthcheck({ brokerId, kafkaBin: home }));
    const result = spawnSync("sh", [script], { env: { PATH: `${home}:${process.env.PATH}`, DESCRIBED: described, EXIT_CODE: String(exitCode) }, encoding: "utf8" });
    return { status: result.status, output: result.stdout + result.stderr };
}

/** Go's duration format, as Docker reports it back: 10s, 3m0s. */
function secondsOf(duration: string): number {
    const match = /^(?:(\d+)m)?(\d+)s$/.exec(duration);
    return match ? Number(match[1] ?? 0) * 60 + Number(match[2]) : Number.NaN;
}

function partition(topic: string, index: number, replicas: string, isr: string): string {
    return `\tTopic: ${topic}\tPartition: ${index}\tLeader: ${isr.split(",")[0]}\tReplicas: ${replicas}\tIsr: ${isr}\tElr: N/A\tLastKnownElr: N/A\n`;
}

describe("the broker healthcheck", () => {
    it("asks the broker's own INTERNAL listener for under-replicated partitions", () => {
        probe(1, "");
        expect(readFileSync(path.join(home, "args"), "utf8").trim()).toBe("--bootstrap-server 127.0.0.1:19092 --describe --under-replicated-partitions");
    });

    it("runs the client as a light JVM that is cut off before Docker's own timeout", () => {
        probe(1, "");
        expect(readFileSync(path.join(home, "jvm"), "utf8").trim()).toBe("-Xmx128m|-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true");
        expect(Number(readFileSync(path.join(home, "limit"), "utf8"))).toBe(PROBE_SECONDS);
        expect(PROBE_SECONDS).toBeLessThan(secondsOf(BROKER_HEALTHCHECK.timeout));
    });

    it("is healthy when no partition is under-replicated", () => {
        expect(probe(1, "")).toEqual({ status: 0, output: "" });
    });

    it("is healthy when other brokers are behind but this one is in sync", () => {
        expect(probe(1, partition("events", 0, "1,2,3", "1,3") + partition("events", 1, "2,3,4", "3,4")).status).toBe(0);
    });

    it("is unhealthy while this broker is catching up, naming the partitions", () => {
        const behind = [partition("events", 0, "1,2,3", "1,3"), partition("events", 1, "2,3,1", "3,1")];
        const result = probe(2, behind.join("") + partition("profiles", 0, "1,3", "1"));
        expect(result.status).toBe(1);
        expect(result.output).toBe(behind.map((line) => `catching up: ${line}`).join(""));
    });

    it("tells broker 1 from broker 11", () => {
        const described = partition("events", 0, "11,2,3", "2,3");
        expect(probe(1, described).status).toBe(0);
        expect(probe(11, described).status).toBe(1);
    });

    it("is unhealthy when the broker does not answer, with the client's last words", () => {
        const result = probe(1, "Error while executing topic command : Timed out waiting for a node assignment.", 1);
        expect(result.status).toBe(1);
        expect(result.output).toContain("not answering: Error while executing topic command : Timed out waiting for a node assignment.");
    });
});

describe("the broker healthcheck's timing", () => {
    it("writes every duration in Go's canonical form, so Docker's answer never reads as a change", () => {
        const canonical = (seconds: number) => (seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`);
        for (const check of [BROKER_HEALTHCHECK, ZOOKEEPER_HEALTHCHECK, UI_HEALTHCHECK]) {
            for (const duration of [check.interval, check.timeout, check.startPeriod]) {
                expect(duration).toBe(canonical(secondsOf(duration)));
            }
        }
    });

    it("turns a broker that was healthy unhealthy within 45 s of falling out of sync", () => {
        const worstCase = BROKER_HEALTHCHECK.retries * secondsOf(BROKER_HEALTHCHECK.interval);
        expect(worstCase).toBeLessThanOrEqual(45);
    });

    it("gives a starting broker at least two minutes before failed checks count", () => {
        expect(secondsOf(BROKER_HEALTHCHECK.startPeriod)).toBeGreaterThanOrEqual(120);
    });

    it("lets the container wait outlast the start period and the checks that follow it", () => {
        const lastVerdict = secondsOf(BROKER_HEALTHCHECK.startPeriod) + BROKER_HEALTHCHECK.retries * secondsOf(BROKER_HEALTHCHECK.interval);
        expect(lastVerdict).toBeLessThan(BROKER_WAIT_SECONDS);
    });
});
