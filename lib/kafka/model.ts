import model39 from "./model/3.9.json";
import model44 from "./model/4.4.json";

// The Kafka config model: every broker and topic key of one Kafka minor
// version, generated from Kafka's own ConfigDefs by tools/kafka-model (never
// edited by hand). One file per supported minor version; the stack's broker
// image decides which one applies. 4.4 is the pinned Kafka 4 line
// (tools/kafka-model/README.md says why).

export type ConfigType = "boolean" | "string" | "int" | "short" | "long" | "double" | "list" | "class" | "password";

export type Validator =
    | { readonly kind: "range"; readonly min?: number; readonly max?: number; readonly orExactly?: number }
    | { readonly kind: "oneOf" | "oneOfIgnoreCase"; readonly values: readonly string[] }
    /** Kafka 4 lists say whether they may be empty; there, no values means any value. */
    | { readonly kind: "listOf"; readonly values: readonly string[]; readonly allowEmpty?: boolean }
    | { readonly kind: "nonNull" | "nonEmpty" | "nonEmptyWithoutControlChars" | "metadataVersion" | "throttledReplicas" }
    | { readonly kind: "all"; readonly of: readonly Validator[] }
    | { readonly kind: "opaque"; readonly class: string; readonly text: string };

export interface ConfigKey {
    readonly type: ConfigType;
    /** Kafka's default as text (ConfigDef.convertToString); null when the default is null. */
    readonly default?: string | null;
    readonly required?: true;
    readonly validator?: Validator;
    readonly importance: "high" | "medium" | "low";
    /** Internal configs: accepted by Kafka, left out of its documentation. */
    readonly internal?: true;
    /** Kafka's documentation calls it deprecated. */
    readonly deprecated?: true;
}

export interface TopicConfigKey extends ConfigKey {
    /** Broker properties that supply the cluster-wide default, most specific first. */
    readonly serverDefault?: readonly { readonly name: string; readonly multiplier?: number }[];
}

export interface KafkaModel {
    readonly kafkaVersion: string;
    readonly metadataVersions: readonly string[];
    readonly broker: Readonly<Record<string, ConfigKey>>;
    readonly topic: Readonly<Record<string, TopicConfigKey>>;
}

// The JSON's string fields are wider than the literal unions above; the generator guarantees them.
const MODELS: Readonly<Record<string, KafkaModel>> = {
    "3.9": model39 as unknown as KafkaModel,
    "4.4": model44 as unknown as KafkaModel,
};

/** The minor version of the default broker image, and the model used when an image's version is unknown. */
export const DEFAULT_KAFKA_MINOR = "3.9";

export const SUPPORTED_KAFKA_MINORS: readonly string[] = Object.keys(MODELS);

export function kafkaModel(minor: string = DEFAULT_KAFKA_MINOR): KafkaModel {
    const model = MODELS[minor];
    if (model === undefined) throw new Error(`no Kafka config model for ${minor}; supported: ${SUPPORTED_KAFKA_MINORS.join(", ")}`);
    return model;
}

const majorOf = (minor: string): number => Number(minor.split(".")[0]);

/**
 * The model of a Kafka version: its own minor's, else the newest model of the
 * same major (a 4.x image is judged by Kafka 4 rules, not 3.9's), else the
 * default one (config validation reports an unsupported image on its own).
 */
export function kafkaModelFor(version: { readonly major: number; readonly minor: number } | undefined): KafkaModel {
    if (version === undefined) return kafkaModel();
    const minor = `${version.major}.${version.minor}`;
    if (SUPPORTED_KAFKA_MINORS.includes(minor)) return kafkaModel(minor);
    const sameMajor = SUPPORTED_KAFKA_MINORS.filter((m) => majorOf(m) === version.major).sort(byVersion);
    return kafkaModel(sameMajor.at(-1) ?? DEFAULT_KAFKA_MINOR);
}

function byVersion(a: string, b: string): number {
    const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
    const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
    return aMajor - bMajor || aMinor - bMinor;
}

/** Kafka 4 removed ZooKeeper mode: every broker of a 4.x model runs KRaft. */
export function hasZooKeeperMode(model: KafkaModel): boolean {
    return Object.hasOwn(model.broker, "zookeeper.connect");
}

export interface RemovedKeys {
    /** The newest model of the previous major version, e.g. 3.9 for 4.4. */
    readonly since: KafkaModel;
    readonly broker: ReadonlySet<string>;
    readonly topic: ReadonlySet<string>;
}

const removedCache = new Map<KafkaModel, RemovedKeys | undefined>();

/**
 * Keys the previous major line has and this model lacks, found by diffing the
 * two generated models (never listed by hand). Undefined when no model of the
 * previous major is registered.
 */
export function removedKeys(model: KafkaModel): RemovedKeys | undefined {
    if (removedCache.has(model)) return removedCache.get(model);
    const major = majorOf(model.kafkaVersion);
    const previous = SUPPORTED_KAFKA_MINORS.filter((m) => majorOf(m) === major - 1).sort(byVersion).at(-1);
    const since = previous === undefined ? undefined : kafkaModel(previous);
    const missing = (from: Readonly<Record<string, unknown>>, to: Readonly<Record<string, unknown>>): Set<string> =>
        new Set(Object.keys(from).filter((key) => !Object.hasOwn(to, key)));
    const removed = since && { since, broker: missing(since.broker, model.broker), topic: missing(since.topic, model.topic) };
    removedCache.set(model, removed);
    return removed;
}


/** Own-property lookups, so names like "constructor" are never mistaken for configs. */
export function brokerKey(model: KafkaModel, name: string): ConfigKey | undefined {
    return Object.hasOwn(model.broker, name) ? model.broker[name] : undefined;
}

export function topicKey(model: KafkaModel, name: string): TopicConfigKey | undefined {
    return Object.hasOwn(model.topic, name) ? model.topic[name] : undefined;
}

/** "Kafka 3.9" for 3.9.1, as messages name the version. */
export function kafkaRelease(model: KafkaModel): string {
    return `Kafka ${model.kafkaVersion.split(".").slice(0, 2).join(".")}`;
}

/** The docs path segment is the minor version without the dot: /39/ for 3.9.1. */
export function docsUrl(model: KafkaModel, anchor: "brokerconfigs" | "topicconfigs"): string {
    const [major, minor] = model.kafkaVersion.split(".");
    return `https://kafka.apache.org/${major}${minor}/documentation/#${anchor}`;
}
