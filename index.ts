// A Kafka cluster on a Docker host: ZooKeeper, N brokers with INTERNAL and EXTERNAL
// listeners, kafka-ui, the stack's topics with their configs, and optionally Nginx
// with its access logs shipped into one of those topics.
import { ClusterTopics } from "./components/clusterTopics";
import { KafkaCluster } from "./components/kafkaCluster";
import { NginxLogPipeline } from "./components/nginxLogPipeline";
import { checkAgainstRecordedState, loadConfig } from "./config";
import { publishedHost } from "./lib/addresses";
import { dockerLabels, dockerNames } from "./lib/names";

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

    const logTopic = config.nginxLogs && topics.byName.get(config.nginxLogs.topic);
    const nginxLogs =
        config.nginxLogs &&
        new NginxLogPipeline("nginx-logs", {
            spec: config.nginxLogs,
            names: dockerNames(config.project, config.stack),
            bootstrapServers: cluster.networkBootstrapServers,
            bindAddress: config.bindAddress,
            networkName: cluster.networkName,
            labels: (role, extra) => dockerLabels(config.stack, role, extra),
            protect: config.protect,
            keepDataOnDestroy: config.keepDataOnDestroy,
            startShipperAfter: [...cluster.brokersReady, ...(logTopic ? [logTopic] : [])],
            urlHost: publishedHost(config),
        });

    return {
        externalBootstrapServers: cluster.externalBootstrapServers,
        internalBootstrapServers: cluster.internalBootstrapServers,
        brokers: cluster.brokers,
        kafkaUiUrl: cluster.kafkaUiUrl,
        zookeeperConnect: cluster.zookeeperConnect,
        networkName: cluster.networkName,
        topics: topics.summary,
        nginxUrls: nginxLogs?.urls,
        nginxLogTopic: config.nginxLogs?.topic,
    };
};
