// A Kafka cluster on a Docker host: ZooKeeper or a KRaft controller quorum, N brokers with INTERNAL and EXTERNAL
// listeners, kafka-ui, the stack's topics with their configs, and optionally Nginx
// with its access logs shipped into one of those topics.
import * as pulumi from "@pulumi/pulumi";
import { ClusterTopics } from "./components/clusterTopics";
import { KafkaAccess } from "./components/kafkaAccess";
import { KafkaAdmin } from "./components/kafkaAdmin";
import { KafkaCluster } from "./components/kafkaCluster";
import { NginxLogPipeline } from "./components/nginxLogPipeline";
import { checkAgainstRecordedState, loadConfig } from "./config";
import { publishedUrlHost } from "./lib/config/addressWiring";
import { uiGrants } from "./lib/kafka/acls";
import { dockerLabels, dockerNames } from "./lib/render/names";
import { INTER_BROKER_MECHANISM, INTER_BROKER_USERNAME } from "./lib/render/security";
import { definedOnly } from "./lib/stackOutputs";

export = async () => {
    const config = loadConfig();
    const recorded = await checkAgainstRecordedState(config);

    const cluster = new KafkaCluster("kafka", {
        ...config,
        controllersRunning: recorded.controllersRunning,
        hosts: config.multiHost && recorded.hosted && { spec: config.multiHost, plan: recorded.hosted },
    });

    const admin = new KafkaAdmin("kafka-admin", {
        bootstrapServers: cluster.providerBootstrapServers,
        brokersReady: cluster.brokersReady,
        // Stacks created before the admin connection had a component of its own
        // recorded the provider inside the topics component.
        providerAliases: [{ name: "topics-provider", parent: pulumi.createUrn("topics", "kafka-cluster:index:ClusterTopics") }],
        security: config.security && {
            username: config.security.adminUsername,
            password: pulumi.secret(config.security.adminPassword),
            caCertPem: cluster.caCertPem,
        },
    });

    const security = config.security;
    if (security) {
        new KafkaAccess("kafka-access", {
            provider: admin.provider,
            users: security.users,
            acls: [...security.acls, ...(security.uiUser ? uiGrants(security.uiUser, config.ui.readOnly) : [])],
            // As the brokers' own super user, whose password never changes with the
            // admin's: an admin rotation then leaves the inventory alone, and its
            // refresh never holds a password Kafka does not know yet (or any more).
            inventoryLogin: {
                bootstrapServers: cluster.providerBootstrapServers,
                username: INTER_BROKER_USERNAME,
                password: pulumi.secret(cluster.brokerPassword ?? ""),
                mechanism: INTER_BROKER_MECHANISM,
                caCertPem: cluster.caCertPem,
            },
            managedElsewhere: [security.adminUsername, INTER_BROKER_USERNAME],
        });
    }

    const topics = new ClusterTopics("topics", {
        provider: admin.provider,
        topics: config.topics,
        protect: config.protect,
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
            urlHost: publishedUrlHost(config),
        });

    return definedOnly({
        externalBootstrapServers: cluster.externalBootstrapServers,
        internalBootstrapServers: cluster.internalBootstrapServers,
        brokers: cluster.brokers,
        kafkaUiUrl: cluster.kafkaUiUrl,
        zookeeperConnect: cluster.zookeeperConnect,
        controllerQuorumVoters: cluster.controllerQuorumVoters,
        // The migration phase this run left the stack in: the next run may only move one phase on.
        kraftMigration: config.metadata.mode === "zookeeper" ? config.metadata.migration?.phase : undefined,
        networkName: cluster.networkName,
        topics: topics.summary,
        nginxUrls: nginxLogs?.urls,
        nginxLogTopic: config.nginxLogs?.topic,
        placement: cluster.placement,
        externalSecurityProtocol: cluster.externalSecurityProtocol,
        caCertificate: cluster.caCertPem,
    });
};
