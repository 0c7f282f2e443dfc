// A Kafka cluster on a Docker host: ZooKeeper, N brokers with INTERNAL and EXTERNAL
// listeners, kafka-ui, and the stack's topics with their configs.
import * as pulumi from "@pulumi/pulumi";
import { ClusterTopics } from "./components/clusterTopics";
import { KafkaAdmin } from "./components/kafkaAdmin";
import { KafkaCluster } from "./components/kafkaCluster";
import { checkAgainstRecordedState, loadConfig } from "./config";

export = async () => {
    const config = loadConfig();
    await checkAgainstRecordedState(config);

    const cluster = new KafkaCluster("kafka", config);

    const admin = new KafkaAdmin("kafka-admin", {
        bootstrapServers: cluster.providerBootstrapServers,
        brokersReady: cluster.brokersReady,
        // Stacks created before the admin connection had a component of its own
        // recorded the provider inside the topics component.
        providerAliases: [{ name: "topics-provider", parent: pulumi.createUrn("topics", "kafka-cluster:index:ClusterTopics") }],
    });

    const topics = new ClusterTopics("topics", {
        provider: admin.provider,
        topics: config.topics,
        protect: config.protect,
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
