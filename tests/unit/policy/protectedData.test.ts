import { container, topic, VOLUME, violations } from "./harness";

const POLICY = "protected-data";
const RULE = "every topic and data volume of a protected stack needs the resource option protect: true";
const PROTECTED = { protect: true };

const volume = (protect: boolean) => ({
    type: VOLUME,
    name: "kafka-cluster-prod-kafka-1-data",
    props: { name: "kafka-cluster-prod-kafka-1-data" },
    protect,
});

describe(POLICY, () => {
    it("accepts protected topics and volumes in a protected stack", async () => {
        expect(await violations(POLICY, topic("orders", {}, true), PROTECTED)).toEqual([]);
        expect(await violations(POLICY, volume(true), PROTECTED)).toEqual([]);
    });

    it("accepts unprotected data in an unprotected stack", async () => {
        expect(await violations(POLICY, topic("orders"), { protect: false })).toEqual([]);
    });

    it("rejects an unprotected topic in a protected stack", async () => {
        expect(await violations(POLICY, topic("orders"), PROTECTED)).toEqual([
            `Topic "orders" has protect: false in a protected stack (protect: true): ${RULE}`,
        ]);
    });

    it("rejects an unprotected data volume in a protected stack", async () => {
        expect(await violations(POLICY, volume(false), PROTECTED)).toEqual([
            `Volume "kafka-cluster-prod-kafka-1-data" has protect: false in a protected stack (protect: true): ${RULE}`,
        ]);
    });

    it("leaves containers alone", async () => {
        expect(await violations(POLICY, container("kafka-1"), PROTECTED)).toEqual([]);
    });

    it("refuses to run without the stack's protect fact", async () => {
        await expect(violations(POLICY, topic("orders"))).rejects.toThrow(
            'policy pack config has no "protect"; run the pack through scripts/preview.sh',
        );
    });
});
