import { parseKafkaSettings } from "../../lib/config/kafkaSettings";
import { ConfigProblems } from "../../lib/config/problems";
import { checkBrokerProperty, programOwnedBrokerKeys } from "../../lib/kafka/brokerConfig";
import { brokerImageFacts } from "../../lib/kafka/brokerImage";
import { kafkaModel, kafkaModelFor, removedKeys } from "../../lib/kafka/model";
import { checkTopicConfig } from "../../lib/kafka/topicConfig";

// The Kafka 4 model next to 3.9's: which one a version gets, the keys Kafka 4
// removed (found by diffing the two generated models) and the keys the
// program owns in KRaft mode. 3.9's rules are covered by kafkaModel.test.ts.

const kafka4 = kafkaModel("4.4");
const kafka39 = kafkaModel("3.9");

function problemsOf(model: typeof kafka4, brokerProperties: Record<string, unknown>, topics: Record<string, unknown> = {}): readonly string[] {
    const problems = new ConfigProblems();
    parseKafkaSettings(problems, { brokerProperties, topics }, { brokerCount: 3, model });
    return problems.list;
}

describe("the Kafka 4 model", () => {
    it("is picked for every 4.x version, 3.9's for 3.9", () => {
        expect(kafka4.kafkaVersion).toBe("4.4.0");
        expect(kafkaModelFor(brokerImageFacts("apache/kafka:4.4.0").kafkaVersion)).toBe(kafka4);
        expect(kafkaModelFor({ major: 4, minor: 1 })).toBe(kafka4);
        expect(kafkaModelFor({ major: 3, minor: 9 })).toBe(kafka39);
    });

    it("finds the removed keys by diffing against 3.9", () => {
        const removed = removedKeys(kafka4);
        expect(removed?.since).toBe(kafka39);
        const zookeeperKeys = Object.keys(kafka39.broker).filter((key) => key.startsWith("zookeeper."));
        expect(zookeeperKeys.length).toBeGreaterThan(10);
        for (const key of zookeeperKeys) expect(removed?.broker.has(key)).toBe(true);
        // Kept keys are not removed, and 3.9 has no earlier major to compare with.
        expect(removed?.broker.has("num.partitions")).toBe(false);
        expect(removed?.topic).toEqual(new Set(Object.keys(kafka39.topic).filter((key) => kafka4.topic[key] === undefined)));
        expect(removedKeys(kafka39)).toBeUndefined();
    });
});

describe("keys removed in Kafka 4", () => {
    it.each([
        ["zookeeper.session.timeout.ms", 18000, 'brokerProperties."zookeeper.session.timeout.ms" was removed in Kafka 4.0 with ZooKeeper mode'],
        ["zookeeper.connect", "zk:2181", 'brokerProperties."zookeeper.connect" was removed in Kafka 4.0 with ZooKeeper mode'],
        ["reserved.broker.max.id", 1000, 'brokerProperties."reserved.broker.max.id" was removed in Kafka 4.0 with ZooKeeper mode'],
        [
            "log.message.format.version",
            "3.0",
            'brokerProperties."log.message.format.version" was removed in Kafka 4 (Kafka 3.9 has it, Kafka 4.4 does not); every log is written in record format v2',
        ],
        ["offsets.commit.required.acks", -1, 'brokerProperties."offsets.commit.required.acks" was removed in Kafka 4 (Kafka 3.9 has it, Kafka 4.4 does not)'],
    ])("broker property %s", (key, value, message) => {
        expect(checkBrokerProperty(kafka4, key, value)).toBe(message);
    });

    it("refuses a removed topic config with the reason, and 3.9 still takes it", () => {
        expect(checkTopicConfig(kafka4, "topics.orders", "message.format.version", "3.0")).toBe(
            'topics.orders.config."message.format.version" was removed in Kafka 4 (Kafka 3.9 has it, Kafka 4.4 does not); every log is written in record format v2',
        );
        expect(checkTopicConfig(kafka39, "topics.orders", "message.format.version", "3.0")).toBeUndefined();
    });

    it("leaves 3.9's messages as they were", () => {
        expect(checkBrokerProperty(kafka39, "zookeeper.connect", "zk:2181")).toBe('brokerProperties."zookeeper.connect" is managed by the program: brokers always connect to the ZooKeeper container the program runs');
        expect(checkBrokerProperty(kafka39, "node.id", 1)).toBe('brokerProperties."node.id" is managed by the program: this cluster runs in ZooKeeper mode, where KRaft settings do not apply');
    });
});

describe("keys the program owns in KRaft mode", () => {
    it.each(["process.roles", "node.id", "broker.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers", "controller.listener.names", "listeners", "advertised.listeners", "log.dirs", "metadata.log.dir"])(
        "%s",
        (key) => {
            expect(programOwnedBrokerKeys(kafka4).has(key)).toBe(true);
            expect(checkBrokerProperty(kafka4, key, "x")).toMatch(new RegExp(`^brokerProperties\\."${key.replace(/\./g, "\\.")}" is managed by the program: `));
        },
    );

    it("owns no ZooKeeper key on Kafka 4, and keeps 3.9's list", () => {
        expect([...programOwnedBrokerKeys(kafka4).keys()].filter((key) => key.startsWith("zookeeper."))).toEqual([]);
        expect(programOwnedBrokerKeys(kafka39).get("zookeeper.connect")).toBe("brokers always connect to the ZooKeeper container the program runs");
    });
});

describe("Kafka 4's start-up checks", () => {
    it("takes the consumer rebalance protocol, which 3.9 on ZooKeeper refuses", () => {
        expect(problemsOf(kafka4, { "group.coordinator.rebalance.protocols": "classic,consumer" })).toEqual([]);
        expect(problemsOf(kafka39, { "group.coordinator.rebalance.protocols": "classic,consumer" })).toHaveLength(1);
    });

    it("refuses a quorum setting only controllers take", () => {
        expect(problemsOf(kafka4, { "controller.quorum.auto.join.enable": true })).toEqual([
            'brokerProperties."controller.quorum.auto.join.enable" is true but only controllers join the quorum, and these nodes are brokers (process.roles=broker); Kafka refuses to start',
        ]);
    });

    it("keeps room for a session per member of the largest share group", () => {
        expect(problemsOf(kafka4, { "group.share.max.share.sessions": 1 })).toEqual([
            "group.share.max.size (Kafka's default) is 200 but must be at most brokerProperties.\"group.share.max.share.sessions\" (1), or Kafka refuses to start",
        ]);
    });
});
