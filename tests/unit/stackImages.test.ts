import { imagesOf, standInFor } from "../../scripts/stack-images";
import { TEST_IMAGES } from "../../offline/images/standIns";

// scripts/local-up.sh asks this which images a stack runs, and which stand-in
// to build and set when an image cannot be pulled.

describe("the images a local stack runs", () => {
    it("a ZooKeeper stack: the 3.9 broker, ZooKeeper and kafka-ui, each standing in as itself", () => {
        const images = imagesOf({});
        expect([...images]).toEqual([
            ["brokerImage", "apache/kafka:3.9.1"],
            ["zookeeperImage", "zookeeper:3.9.4"],
            ["uiImage", "ghcr.io/kafbat/kafka-ui:v1.5.0"],
        ]);
        expect(standInFor("brokerImage", "apache/kafka:3.9.1")).toBe(TEST_IMAGES.broker);
    });

    it("a KRaft stack: the Kafka 4 broker and its stand-in, and no ZooKeeper image", () => {
        const images = imagesOf({ "kafka-cluster:metadataMode": "kraft", "kafka-cluster:uiEnabled": false });
        expect([...images]).toEqual([["brokerImage", "apache/kafka:4.4.0"]]);
        expect(standInFor("brokerImage", "apache/kafka:4.4.0")).toBe(TEST_IMAGES.kraftBroker);
    });
});
