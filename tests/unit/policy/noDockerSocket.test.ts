import { container, violations } from "./harness";

const POLICY = "no-docker-socket";
const RULE = "no container may mount the Docker socket, it gives root on the host";

describe(POLICY, () => {
    it("accepts named data volumes and unrelated bind mounts", async () => {
        const broker = container("kafka-1", {
            volumes: [{ volumeName: "kafka-cluster-dev-kafka-1-data", containerPath: "/var/lib/kafka/data" }],
            mounts: [
                { type: "bind", source: "/srv/kafka/config", target: "/opt/kafka/config/custom" },
                { type: "volume", source: "docker.sock", target: "/data" },
            ],
        });
        expect(await violations(POLICY, broker)).toEqual([]);
    });

    it("rejects the socket as a volume host path", async () => {
        const ui = container("kafka-ui", {
            volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }],
        });
        expect(await violations(POLICY, ui)).toEqual([
            `Container "kafka-ui" mounts the Docker socket through volumes[0].hostPath "/var/run/docker.sock": ${RULE}`,
            `Container "kafka-ui" mounts the Docker socket through volumes[0].containerPath "/var/run/docker.sock": ${RULE}`,
        ]);
    });

    it("rejects a bind mount of /run/docker.sock, however it is spelled", async () => {
        const ui = container("kafka-ui", { mounts: [{ type: "bind", source: "//run//docker.sock/", target: "/sock" }] });
        expect(await violations(POLICY, ui)).toEqual([
            `Container "kafka-ui" mounts the Docker socket through mounts[0].source "//run//docker.sock/": ${RULE}`,
        ]);
    });

    it("rejects a host directory that contains the socket", async () => {
        const ui = container("kafka-ui", {
            volumes: [
                { hostPath: "/var/run/", containerPath: "/host-run" },
                { hostPath: "/", containerPath: "/host" },
            ],
        });
        expect(await violations(POLICY, ui)).toEqual([
            `Container "kafka-ui" mounts the Docker socket through volumes[0].hostPath "/var/run/" (it contains /var/run/docker.sock): ${RULE}`,
            `Container "kafka-ui" mounts the Docker socket through volumes[1].hostPath "/" (it contains /var/run/docker.sock): ${RULE}`,
        ]);
    });
});
