// A Kafka cluster on a Docker host: ZooKeeper, N brokers with INTERNAL and EXTERNAL
// listeners, kafka-ui, and the stack's topics with their configs.
import { ClusterTopics } from "./components/clusterTopics";
import { KafkaCluster } from "./components/kafkaCluster";
import { loadConfig } from "./config";

const config = loadConfig();

const cluster = new KafkaCluster("kafka", config);

const clusterTopics = new ClusterTopics("topics", {
    bootstrapServers: cluster.providerBootstrapServers,
    topics: config.topics,
    protect: config.protect,
    brokersReady: cluster.brokersReady,
});

export const externalBootstrapServers = cluster.externalBootstrapServers;
export const internalBootstrapServers = cluster.internalBootstrapServers;
export const brokers = cluster.brokers;
export const kafkaUiUrl = cluster.kafkaUiUrl;
export const zookeeperConnect = cluster.zookeeperConnect;
export const networkName = cluster.networkName;
export const topics = clusterTopics.summary;
