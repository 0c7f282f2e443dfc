import model39 from "./model/3.9.json";

// The Kafka config model: every broker and topic key of one Kafka minor
// version, generated from Kafka's own ConfigDefs by tools/kafka-model (never
// edited by hand). One file per supported minor version; the stack's broker
// image decides which one applies.

export type ConfigType = "boolean" | "string" | "int" | "short" | "long" | "double" | "list" | "class" | "password";

export type Validator =
    | { readonly kind: "range"; readonly min?: number; readonly max?: number; readonly orExactly?: number }
    | { readonly kind: "oneOf" | "oneOfIgnoreCase" | "listOf"; readonly values: readonly string[] }
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
const MODELS: Readonly<Record<string, KafkaModel>> = { "3.9": model39 as unknown as KafkaModel };

/** The minor version of the default broker image, and the model used when an image's version is unknown. */
export const DEFAULT_KAFKA_MINOR = "3.9";

export const SUPPORTED_KAFKA_MINORS: readonly string[] = Object.keys(MODELS);


export function kafkaModel(minor: string = DEFAULT_KAFKA_MINOR): KafkaModel {
    const model = MODELS[minor];
    if (model === undefined) throw new Error(`no Kafka config model for ${minor}; supported: ${SUPPORTED_KAFKA_MINORS.join(", ")}`);
    return model;
}

/**
 * The model of a Kafka version, or the default one when the version is unknown
 * or has no model (config validation reports an unsupported image on its own).
 */
export function kafkaModelFor(version: { readonly major: number; readonly minor: number } | undefined): KafkaModel {
    const minor = version === undefined ? undefined : `${version.major}.${version.minor}`;
    return kafkaModel(minor !== undefined && SUPPORTED_KAFKA_MINORS.includes(minor) ? minor : DEFAULT_KAFKA_MINOR);
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
