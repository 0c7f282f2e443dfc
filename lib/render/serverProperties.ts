import { controllerAlias, CONTROLLER_LISTENER_NAME, CONTROLLER_LISTENER_PORT, controllerQuorumVoters } from "./controllerQuorum";
import { BrokerListeners, ZOOKEEPER_CLIENT_PORT } from "./listeners";
import { networkAliases } from "./names";
import { escapePropertyValue } from "./properties";
import { BrokerSecurity, brokerSecurityProperties, controllerSecurityProperties, listenerProtocols } from "./security";

// server.properties is rendered from the typed model under Kafka's own property
// names, so every line can be looked up in the Kafka docs and the same file works
// on any image that ships a Kafka distribution.

/** Where each broker keeps its partitions; a named volume is mounted here. */
export const BROKER_DATA_DIR = "/var/lib/kafka/data";
/** Where the rendered file is uploaded into the broker container. */
export const SERVER_PROPERTIES_PATH = "/etc/kafka-cluster/server.properties";

/**
 * Replication settings of Kafka's internal topics (__consumer_offsets,
 * __transaction_state). Kafka's defaults (3, 3, 2) silently break consumer groups
 * and transactions on clusters of fewer than three brokers. They depend on the
 * broker count only up to three, so growing a cluster past three brokers leaves
 * every existing broker's file unchanged.
 */
export function internalTopicDefaults(brokerCount: number): Record<string, string> {
    const replicationFactor = Math.min(3, brokerCount);
    return {
        "offsets.topic.replication.factor": String(replicationFactor),
        "transaction.state.log.replication.factor": String(replicationFactor),
        "transaction.state.log.min.isr": String(replicationFactor >= 3 ? 2 : 1),
    };
}

/**
 * Everything in server.properties apart from the program's identity, listener
 * and storage keys: the program's defaults overridden by the user's keys.
 * Kafka's start-up checks run on exactly this at preview.
 */
export function tunableBrokerProperties(brokerCount: number, userProperties: Readonly<Record<string, string>>): Record<string, string> {
    return {
        // Kafka's default, stated so nobody mistakes its absence for an oversight.
        "unclean.leader.election.enable": "false",
        ...internalTopicDefaults(brokerCount),
        ...userProperties,
    };
}

/** Where brokers keep cluster metadata: the stack's ZooKeeper, or a KRaft controller quorum. */
export type MetadataQuorum =
    /** `connect` lists an ensemble spread over hosts; absent, the stack's one ZooKeeper on its network. */
    | { readonly mode: "zookeeper"; readonly connect?: string }
    | { readonly mode: "kraft"; readonly controllerCount: number };

export interface ServerPropertiesInput {
    readonly listeners: BrokerListeners;
    /** @default { mode: "zookeeper" } */
    readonly metadata?: MetadataQuorum;
    readonly brokerCount: number;
    /** `broker.rack`: the broker's host when the stack spans hosts, so replicas spread over them. */
    readonly rack?: string;
    /** Users' pass-through properties, already validated and rendered as strings. */
    readonly userProperties: Readonly<Record<string, string>>;
    /** SASL on both listeners, ACLs, TLS on EXTERNAL; absent means every listener is PLAINTEXT. */
    readonly security?: BrokerSecurity;
}

/**
 * The broker's identity and where it finds cluster metadata. A KRaft broker
 * (Kafka 4) is a broker only: the controllers are separate containers, reached
 * over the CONTROLLER listener, which the broker dials but does not bind.
 */
function metadataProperties(brokerId: number, metadata: MetadataQuorum): Record<string, string> {
    if (metadata.mode === "zookeeper") {
        return { "broker.id": String(brokerId), "zookeeper.connect": metadata.connect ?? `${networkAliases.zookeeper}:${ZOOKEEPER_CLIENT_PORT}` };
    }
    return {
        "process.roles": "broker",
        "node.id": String(brokerId),
        "controller.quorum.voters": controllerQuorumVoters(metadata.controllerCount),
        "controller.listener.names": CONTROLLER_LISTENER_NAME,
    };
}

export function renderServerProperties(input: ServerPropertiesInput): string {
    const { listeners } = input;
    const kraft = input.metadata?.mode === "kraft";
    const protocols = listenerProtocols(input.security);
    const owned: Record<string, string> = {
        ...metadataProperties(listeners.brokerId, input.metadata ?? { mode: "zookeeper" }),
        ...(input.rack === undefined ? {} : { "broker.rack": input.rack }),
        listeners: listeners.listeners,
        "advertised.listeners": listeners.advertisedListeners,
        "listener.security.protocol.map": `INTERNAL:${protocols.INTERNAL},EXTERNAL:${protocols.EXTERNAL}${kraft ? `,${CONTROLLER_LISTENER_NAME}:PLAINTEXT` : ""}`,
        "inter.broker.listener.name": "INTERNAL",
        "log.dirs": BROKER_DATA_DIR,
        // Topics come only from the program; a typo in a client must not create one.
        "auto.create.topics.enable": "false",
    };
    const tunable = tunableBrokerProperties(input.brokerCount, input.userProperties);
    return [
        `# Broker ${listeners.brokerId}. Rendered from the stack configuration; edit that, not this file.`,
        "",
        "# Identity, listeners and storage (owned by the program)",
        ...propertyLines(owned),
        "",
        ...(input.security ? ["# Authentication, authorization and TLS (stack config: security); credentials live in files, not here", ...propertyLines(brokerSecurityProperties(input.security, kraft ? "kraft" : "zookeeper")), ""] : []),
        "# Internal topics and pass-through settings (stack config: brokerProperties)",
        ...propertyLines(sortedByKey(tunable)),
        "",
    ].join("\n");
}

export interface ControllerPropertiesInput {
    readonly controllerId: number;
    readonly controllerCount: number;
    readonly brokerCount: number;
    /** The brokers' pass-through properties: a KRaft controller creates topics with them (defaults, min.insync.replicas). */
    readonly userProperties: Readonly<Record<string, string>>;
    /** A secured stack: the controller authorizes what brokers forward to it. */
    readonly security?: BrokerSecurity;
}

/**
 * A dedicated KRaft controller (process.roles=controller). Its only listener is
 * CONTROLLER, bound inside the container and never published: brokers and the
 * other controllers reach it on the stack's network. It keeps the metadata log
 * in the same data directory a broker uses, on its own named volume.
 */
export function renderControllerProperties(input: ControllerPropertiesInput): string {
    const owned: Record<string, string> = {
        "process.roles": "controller",
        "node.id": String(input.controllerId),
        "controller.quorum.voters": controllerQuorumVoters(input.controllerCount),
        "controller.listener.names": CONTROLLER_LISTENER_NAME,
        listeners: `${CONTROLLER_LISTENER_NAME}://0.0.0.0:${CONTROLLER_LISTENER_PORT}`,
        // Advertised (KIP-853), so admin clients using --bootstrap-controller can find every controller.
        "advertised.listeners": `${CONTROLLER_LISTENER_NAME}://${controllerAlias(input.controllerId)}:${CONTROLLER_LISTENER_PORT}`,
        "listener.security.protocol.map": `${CONTROLLER_LISTENER_NAME}:PLAINTEXT`,
        "log.dirs": BROKER_DATA_DIR,
    };
    return [
        `# Controller ${input.controllerId}. Rendered from the stack configuration; edit that, not this file.`,
        "",
        "# Identity, quorum, listener and storage (owned by the program)",
        ...propertyLines(owned),
        "",
        ...(input.security ? ["# Authorization (stack config: security)", ...propertyLines(controllerSecurityProperties(input.security)), ""] : []),
        "# Internal topics and pass-through settings (stack config: brokerProperties)",
        ...propertyLines(sortedByKey(tunableBrokerProperties(input.brokerCount, input.userProperties))),
        "",
    ].join("\n");
}

function propertyLines(properties: Record<string, string>): string[] {
    return Object.entries(properties).map(([key, value]) => `${key}=${escapePropertyValue(value)}`);
}

function sortedByKey(properties: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b)));
}
