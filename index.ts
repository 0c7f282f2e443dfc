// A Kafka cluster on a Docker host: ZooKeeper, N brokers with INTERNAL and EXTERNAL
// listeners, kafka-ui, and the stack's topics with their configs.
import { ClusterTopics } from "./components/clusterTopics";
import { KafkaCluster } from "./components/kafkaCluster";
import { checkAgainstRecordedState, loadConfig } from "./config";

export = async () => {
    const config = loadConfig();
    await checkAgainstRecordedState(config);

    const cluster = new KafkaCluster("kafka", config);

    const topics = new ClusterTopics("topics", {
        bootstrapServers: cluster.providerBootstrapServers,
        topics: config.topics,
        protect: config.protect,
        brokersReady: cluster.brokersReady,
        metadata: cluster.topicMetadata,
        adopt: config.adoptTopics,
    });

    return {
        externalBootstrapServers: cluster.externalBootstrapServers,
        internalBootstrapServers: cluster.internalBootstrapServers,
        brokers: cluster.brokers,
        kafkaUiUrl: cluster.kafkaUiUrl,
        zookeeperConnect: cluster.zookeeperConnect,
        networkName: cluster.networkName,
        topics: topics.summary,
    };
};
