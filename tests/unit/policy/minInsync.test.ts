import { container, topic, violations } from "./harness";

const POLICY = "min-insync-below-replication";
const BELOW = "min.insync.replicas must be below the replication factor so that acks=all writes go on with one broker down";
const DEV = { brokerMinInsyncReplicas: 1, protect: false };
const PROD = { brokerMinInsyncReplicas: 2, protect: true };

describe(POLICY, () => {
    it("accepts min.insync.replicas below the replication factor", async () => {
        const own = topic("orders", { replicationFactor: 3, config: { "min.insync.replicas": "2" } }, true);
        const inherited = topic("payments", { replicationFactor: 3 }, true);
        expect(await violations(POLICY, own, PROD)).toEqual([]);
        expect(await violations(POLICY, inherited, PROD)).toEqual([]);
    });

    it("accepts a single-replica topic in an unprotected stack", async () => {
        const scratch = topic("scratch", { replicationFactor: 1, config: { "min.insync.replicas": "1" } });
        expect(await violations(POLICY, scratch, DEV)).toEqual([]);
    });

    it("rejects min.insync.replicas equal to the replication factor", async () => {
        const orders = topic("orders", { replicationFactor: 2, config: { "min.insync.replicas": "2" } });
        expect(await violations(POLICY, orders, DEV)).toEqual([
            `Topic "orders" has min.insync.replicas 2 (topic config) and replicationFactor 2: ${BELOW}`,
        ]);
    });

    it("rejects a broker default that reaches the replication factor", async () => {
        expect(await violations(POLICY, topic("orders", { replicationFactor: 2 }), PROD)).toEqual([
            `Topic "orders" has min.insync.replicas 2 (broker default) and replicationFactor 2: ${BELOW}`,
        ]);
    });

    it("rejects a single-replica topic in a protected stack", async () => {
        const scratch = topic("scratch", { replicationFactor: 1, config: { "min.insync.replicas": "1" } }, true);
        expect(await violations(POLICY, scratch, PROD)).toEqual([
            'Topic "scratch" has min.insync.replicas 1 (topic config) and replicationFactor 1 in a protected stack: a single-replica topic is lost with its broker; protected stacks need replicationFactor 2 or more with min.insync.replicas below it',
        ]);
    });

    it("rejects a value that is not a positive integer", async () => {
        const orders = topic("orders", { replicationFactor: 3, config: { "min.insync.replicas": "two" } });
        expect(await violations(POLICY, orders, DEV)).toEqual([
            'Topic "orders" has min.insync.replicas "two" (topic config): min.insync.replicas must be a positive integer',
        ]);
    });

    it("leaves containers alone", async () => {
        expect(await violations(POLICY, container("kafka-1"), DEV)).toEqual([]);
    });
});
