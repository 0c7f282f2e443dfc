// Where the program refuses what Kafka (3.9 or 4.x) accepts, on purpose. The
// differential test fails on any program-only rejection that matches none of
// these, and on any Kafka-only rejection. tools/kafka-model/README.md shows
// the same table for readers.

export interface StricterClass {
    readonly name: string;
    /** Matches the program's message for the case. */
    readonly message: RegExp;
    readonly reason: string;
    /** Kafka major versions whose checks leave this to the program; every version when unset. */
    readonly onlyKafka?: number;
}

export const STRICTER_CLASSES: readonly StricterClass[] = [
    {
        name: "program-owned broker key",
        message: /is managed by the program/,
        reason: "the program renders it (identity, listeners, ZooKeeper, storage); a user value would fight the program",
    },
    {
        name: "unknown or removed broker key",
        message: /is not a Kafka \d+\.\d+ broker config|is a topic-level config, not a Kafka|was removed in Kafka/,
        reason: "Kafka starts anyway and only logs a warning, so a typo or a key Kafka removed would be silently ignored",
    },
    {
        name: "internal broker key",
        message: /is an internal Kafka .* setting/,
        reason: "test and migration hooks absent from Kafka's documentation",
    },
    {
        name: "replication above the broker count",
        message: /but the cluster has \d+ brokers?|acks=all writes? .*would be refused/,
        reason: "Kafka starts, then cannot create internal topics or refuses every acks=all write",
    },
    {
        name: "tiered storage without a storage plugin",
        message: /remote storage plugin/,
        reason: "KafkaConfig accepts it, then the broker fails at start loading a remote storage manager class that is not set",
    },
    {
        name: "empty enumerated list",
        message: /is "" but must be one of|is \[\] but must be one of|is " *" but must be one of/,
        reason: "an empty cleanup.policy disables both deletion and compaction; never what a config map means",
    },
    {
        name: "non-finite or non-decimal double",
        message: /but must be a finite number/,
        reason: "Java also parses NaN, Infinity and hex floats; none is a sensible setting",
    },
    {
        name: "a topic that refuses every produce",
        message: /would refuse every produce|refuses every record whose timestamp/,
        reason: "Kafka creates the topic, then refuses every batch on append: below the smallest batch, or with a zero timestamp window",
    },
    {
        name: "a class list naming no Java class",
        message: /must be a list of fully qualified Java class names/,
        reason: "Kafka 4 parses metric.reporters as plain text, then the broker fails at start loading the class",
        onlyKafka: 4,
    },
    {
        name: "imprecise YAML number",
        message: /cannot hold exactly/,
        reason: "a JSON number beyond 2^53 already lost the digits the user wrote",
    },
];

/** The documented classes that apply to a Kafka major version. */
export function stricterClassesFor(kafkaMajor: number): readonly StricterClass[] {
    return STRICTER_CLASSES.filter((c) => c.onlyKafka === undefined || c.onlyKafka === kafkaMajor);
}

export function stricterClassOf(classes: readonly StricterClass[], message: string): StricterClass | undefined {
    return classes.find((c) => c.message.test(message));
}
