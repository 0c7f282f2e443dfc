import { container, topic, violations } from "./harness";

const POLICY = "loopback-ports";
const RULE = "published ports must bind to a loopback address unless the stack sets allowPublicBind";
const STRICT = { allowPublicBind: false };

describe(POLICY, () => {
    it("accepts ports bound to loopback addresses", async () => {
        const broker = container("kafka-1", {
            ports: [
                { internal: 9092, external: 19092, ip: "127.0.0.1" },
                { internal: 9093, external: 19093, ip: "127.0.0.2" },
                { internal: 9094, external: 19094, ip: "::1" },
            ],
        });
        expect(await violations(POLICY, broker, STRICT)).toEqual([]);
    });

    it("rejects an unset ip, which Docker binds to every interface", async () => {
        const broker = container("kafka-1", { ports: [{ internal: 9092, external: 19092 }] });
        expect(await violations(POLICY, broker, STRICT)).toEqual([
            `Container "kafka-1" publishes container port 9092 on 0.0.0.0:19092 (ports[0].ip is unset, which means every interface): ${RULE}`,
        ]);
    });

    it("rejects LAN and wildcard addresses", async () => {
        const ui = container("kafka-ui", {
            ports: [
                { internal: 8080, external: 18080, ip: "192.168.1.20" },
                { internal: 8081, ip: "::" },
            ],
        });
        expect(await violations(POLICY, ui, STRICT)).toEqual([
            `Container "kafka-ui" publishes container port 8080 on 192.168.1.20:18080: ${RULE}`,
            `Container "kafka-ui" publishes container port 8081 on [::] (random host port): ${RULE}`,
        ]);
    });

    it("accepts public binds in a stack that allows them", async () => {
        const broker = container("kafka-1", { ports: [{ internal: 9092, external: 19092, ip: "0.0.0.0" }] });
        expect(await violations(POLICY, broker, { allowPublicBind: true })).toEqual([]);
    });

    it("treats missing pack config as the strict default", async () => {
        const broker = container("kafka-1", { ports: [{ internal: 9092, external: 19092, ip: "0.0.0.0" }] });
        expect(await violations(POLICY, broker)).toHaveLength(1);
    });

    it("leaves other resource types alone", async () => {
        expect(await violations(POLICY, topic("orders"), STRICT)).toEqual([]);
    });
});
