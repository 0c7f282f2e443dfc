import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import { TopicSpec } from "../lib/config/topicSpecs";

export interface ClusterTopicsArgs {
    /** The stack's Kafka admin connection (KafkaAdmin). */
    readonly provider: kafka.Provider;
    readonly topics: readonly TopicSpec[];
    /** Protect topics: removing one or lowering its partitions fails instead of deleting data. */
    readonly protect: boolean;
    /**
     * Where Kafka records the topics (ZooKeeper's data volume). When the stack is
     * destroyed, topics are not deleted one by one through Kafka: they go with this
     * volume, or, when the volume is kept, stay in it with their messages.
     */
    readonly metadata: pulumi.Resource;
    /**
     * Take over topics that already exist in Kafka instead of creating them: after a
     * destroy that kept the data, or for topics made by hand before this stack.
     */
    readonly adopt: boolean;
}

export interface TopicSummary {
    partitions: number;
    replicationFactor: number;
    config: Record<string, string>;
}

/** The stack's topics, through the stack's Kafka provider. */
export class ClusterTopics extends pulumi.ComponentResource {
    /** Each topic's partitions, replication factor and config, keyed by name. */
    public readonly summary: pulumi.Output<Record<string, TopicSummary>>;
    /** Each topic resource by name, for what must wait until its topic exists. */
    public readonly byName: ReadonlyMap<string, pulumi.Resource>;

    constructor(name: string, args: ClusterTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:ClusterTopics", name, {}, opts);
        const provider = args.provider;
        const byName = new Map<string, pulumi.Resource>();
        const summaries = args.topics.map((topic) => {
            const resource = new kafka.Topic(
                `${name}-${topic.name}`,
                {
                    // Explicit, so the topic is never auto-named and a rename is a visible delete and create.
                    name: topic.name,
                    partitions: topic.partitions,
                    replicationFactor: topic.replicationFactor,
                    config: { ...topic.config },
                },
                {
                    parent: this,
                    provider,
                    // In a protected stack even a manual `pulumi state unprotect` followed by a
                    // removal leaves the topic and its messages in Kafka.
                    protect: args.protect,
                    retainOnDelete: args.protect,
                    // Removing a topic from the config still deletes it; destroying the stack
                    // leaves it to the volume, so kept data comes back with its topics.
                    deletedWith: args.metadata,
                    // Import checks that the live topic matches the declaration, so adopting
                    // never changes a topic silently.
                    import: args.adopt ? topic.name : undefined,
                },
            );
            byName.set(topic.name, resource);
            return pulumi
                .all([resource.name, resource.partitions, resource.replicationFactor, resource.config])
                .apply(([topicName, partitions, replicationFactor, config]) => [topicName, { partitions, replicationFactor, config: config ?? {} }] as const);
        });
        this.byName = byName;
        this.summary = pulumi.all(summaries).apply((entries) => Object.fromEntries(entries));
        this.registerOutputs({ summary: this.summary });
    }
}
