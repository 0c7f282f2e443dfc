import { createArguments, startedByHand } from "../../e2e/baseline";
import { runProgram, TYPES } from "./support/program";

// The e2e baseline starts the program's own containers by hand; it refuses an
// input it cannot translate. This keeps that refusal from first surfacing in CI's
// e2e run, for every container kind a stack can declare.

describe("the docker-run baseline's translation of the program's containers", () => {
    it("translates every input of every container, including the Nginx pipeline's", async () => {
        const run = await runProgram({
            stack: "unit",
            config: {
                brokers: 3,
                nginxLogs: { enabled: true, instances: 1, topic: "nginx.access", shipperImage: "registry.example/nginx-log-shipper:1.0" },
                topics: { "nginx.access": { partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": 2 } } },
            },
        });
        const containers = run.ofType(TYPES.container).filter(startedByHand);
        expect(containers.length).toBeGreaterThanOrEqual(6);
        expect(containers.map((container) => container.inputs.name)).not.toContain("kafka-cluster-unit-zookeeper-answering");
        for (const container of containers) {
            const args = createArguments(container.inputs, "image:1");
            expect(args.slice(0, 2)).toEqual(["--name", container.inputs.name]);
            expect(args).toContain("image:1");
        }
    });

    it("refuses an input it does not know, naming it", () => {
        expect(() => createArguments({ name: "kafka-x", image: "id", privileged: true }, "image:1")).toThrow(
            "the baseline cannot start kafka-x by hand: it does not translate the input(s) privileged",
        );
    });

    it("turns ports, volumes and the healthcheck into the flags docker create takes", () => {
        const args = createArguments(
            {
                name: "kafka-1",
                image: "id",
                ports: [{ internal: 9092, external: 22092, ip: "127.0.0.1", protocol: "tcp" }],
                volumes: [{ volumeName: "data", containerPath: "/var/lib/kafka/data", readOnly: true }],
                healthcheck: { tests: ["CMD-SHELL", "true"], interval: "10s", timeout: "5s", retries: 3, startPeriod: "180s" },
                command: ["start.sh"],
                wait: true,
            },
            "image:1",
        );
        expect(args).toEqual([
            "--name", "kafka-1",
            "-v", "data:/var/lib/kafka/data:ro",
            "-p", "127.0.0.1:22092:9092/tcp",
            "--health-cmd", "true", "--health-interval", "10s", "--health-timeout", "5s", "--health-retries", "3", "--health-start-period", "180s",
            "image:1", "start.sh",
        ]);
    });
});
