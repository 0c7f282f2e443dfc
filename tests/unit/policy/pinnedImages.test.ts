import { container, IMAGE_ID, REMOTE_IMAGE, topic, violations } from "./harness";

const POLICY = "pinned-images";
const PIN = "pin a version tag (apache/kafka:3.9.1) or an @sha256: digest";

describe(POLICY, () => {
    it.each([
        "apache/kafka:3.9.1",
        "zookeeper:3.9.5",
        "ghcr.io/kafbat/kafka-ui:v1.4.2",
        "localhost:5000/kafka-cluster/kafka:3.9.1-test",
        IMAGE_ID,
        `apache/kafka@sha256:${"0f".repeat(32)}`,
        `apache/kafka:3.9.1@sha256:${"0f".repeat(32)}`,
    ])("accepts a container running %s", async (image) => {
        expect(await violations(POLICY, container("kafka-1", { image }))).toEqual([]);
    });

    it("rejects :latest", async () => {
        expect(await violations(POLICY, container("kafka-1", { image: "apache/kafka:latest" }))).toEqual([
            `Container "kafka-1" image "apache/kafka:latest" is not pinned: :latest moves to whatever the registry serves next; ${PIN}`,
        ]);
    });

    it("rejects an untagged name, even behind a registry port", async () => {
        expect(await violations(POLICY, container("kafka-1", { image: "localhost:5000/kafka" }))).toEqual([
            `Container "kafka-1" image "localhost:5000/kafka" is not pinned: an untagged name means :latest; ${PIN}`,
        ]);
    });

    it("rejects a malformed digest", async () => {
        expect(await violations(POLICY, container("ui", { image: "ghcr.io/kafbat/kafka-ui@sha256:abc" }))).toEqual([
            `Container "ui" image "ghcr.io/kafbat/kafka-ui@sha256:abc" is not pinned: the @ digest is not sha256: followed by 64 hex digits; ${PIN}`,
        ]);
    });

    it("checks the name a RemoteImage pulls", async () => {
        const pinned = { type: REMOTE_IMAGE, name: "zookeeper-image", props: { name: "zookeeper:3.9.5", keepLocally: true } };
        const moving = { type: REMOTE_IMAGE, name: "zookeeper-image", props: { name: "zookeeper", keepLocally: true } };
        expect(await violations(POLICY, pinned)).toEqual([]);
        expect(await violations(POLICY, moving)).toEqual([
            `RemoteImage "zookeeper-image" name "zookeeper" is not pinned: an untagged name means :latest; ${PIN}`,
        ]);
    });

    it("leaves other resource types alone", async () => {
        expect(await violations(POLICY, topic("orders", { name: "latest" }))).toEqual([]);
    });
});
