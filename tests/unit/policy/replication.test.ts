import { container, topic, violations } from "./harness";

const POLICY = "replication-within-brokers";
const RULE = "a topic's replicationFactor may not exceed the broker count";

describe(POLICY, () => {
    it("accepts a replication factor up to the broker count", async () => {
        expect(await violations(POLICY, topic("orders", { replicationFactor: 3 }), { brokers: 3 })).toEqual([]);
        expect(await violations(POLICY, topic("scratch", { replicationFactor: 1 }), { brokers: 1 })).toEqual([]);
    });

    it("rejects more replicas than brokers", async () => {
        expect(await violations(POLICY, topic("orders", { replicationFactor: 3 }), { brokers: 1 })).toEqual([
            `Topic "orders" has replicationFactor 3 but the stack runs 1 broker: ${RULE}`,
        ]);
        expect(await violations(POLICY, topic("orders", { replicationFactor: 4 }), { brokers: 3 })).toEqual([
            `Topic "orders" has replicationFactor 4 but the stack runs 3 brokers: ${RULE}`,
        ]);
    });

    it("leaves containers alone", async () => {
        expect(await violations(POLICY, container("kafka-1"), { brokers: 1 })).toEqual([]);
    });

    it("refuses to run without the broker count", async () => {
        await expect(violations(POLICY, topic("orders"))).rejects.toThrow('policy pack config has no "brokers"');
    });
});
