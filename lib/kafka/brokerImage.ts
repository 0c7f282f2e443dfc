// What a broker image holds, as far as the program can tell before pulling it:
// the Kafka version (from the tag of the images people use) and where the Kafka
// distribution sits. Both decide whether `up` can work: Kafka 4 has no ZooKeeper
// mode, and the broker's command is `<kafkaHome>/bin/kafka-server-start.sh`.

export interface KafkaVersion {
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
}

interface KnownImage {
    /** Where the image keeps bin/kafka-server-start.sh; undefined when it has no such layout. */
    readonly kafkaHome: string | undefined;
    /** Kafka's version for one of the repository's tags. */
    readonly kafkaVersion: (tag: string) => KafkaVersion | undefined;
}

const SEMVER = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+_.].*)?$/;

function semver(tag: string): KafkaVersion | undefined {
    const match = SEMVER.exec(tag);
    return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) } : undefined;
}

/** Confluent Platform 7.x ships Kafka 3.x, 8.x ships 4.x: same minor. */
function confluentPlatform(tag: string): KafkaVersion | undefined {
    const platform = semver(tag);
    return platform && platform.major >= 7 ? { major: platform.major - 4, minor: platform.minor, patch: 0 } : undefined;
}

/** Repositories whose tag is the Kafka version and whose layout is known. */
const KNOWN_IMAGES: Readonly<Record<string, KnownImage>> = {
    "apache/kafka": { kafkaHome: "/opt/kafka", kafkaVersion: semver },
    "docker.io/apache/kafka": { kafkaHome: "/opt/kafka", kafkaVersion: semver },
    "bitnami/kafka": { kafkaHome: "/opt/bitnami/kafka", kafkaVersion: semver },
    "docker.io/bitnami/kafka": { kafkaHome: "/opt/bitnami/kafka", kafkaVersion: semver },
    // Confluent's images start Kafka through /usr/bin/kafka-server-start (no .sh, no distribution directory).
    "confluentinc/cp-kafka": { kafkaHome: undefined, kafkaVersion: confluentPlatform },
    "confluentinc/cp-server": { kafkaHome: undefined, kafkaVersion: confluentPlatform },
    // The offline test stand-in, laid out like apache/kafka.
    "kafka-cluster-test/kafka": { kafkaHome: "/opt/kafka", kafkaVersion: semver },
};

export interface BrokerImageFacts {
    readonly repository: string;
    /** Undefined when the image is not one whose tags the program knows. */
    readonly kafkaVersion?: KafkaVersion;
    /** Set for known repositories: their distribution directory, or null when they have no kafka-server-start.sh layout. */
    readonly kafkaHome?: string | null;
}

export function brokerImageFacts(reference: string): BrokerImageFacts {
    const withoutDigest = reference.split("@")[0] ?? reference;
    const colon = withoutDigest.lastIndexOf(":");
    const hasTag = colon > withoutDigest.lastIndexOf("/");
    const repository = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
    const tag = hasTag ? withoutDigest.slice(colon + 1) : "";
    const known = KNOWN_IMAGES[repository];
    if (!known) {
        return { repository };
    }
    return { repository, kafkaVersion: known.kafkaVersion(tag), kafkaHome: known.kafkaHome ?? null };
}

export function formatVersion(version: KafkaVersion): string {
    return `${version.major}.${version.minor}`;
}
