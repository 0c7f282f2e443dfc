import { KraftMigration, phaseLayout } from "../config/kraftMigration";
import { controllerAddress, CONTROLLER_LISTENER_NAME, CONTROLLER_LISTENER_PORT, controllerQuorumVoters } from "./controllerQuorum";
import { BrokerListeners, ZOOKEEPER_CLIENT_PORT } from "./listeners";
import { networkAliases } from "./names";
import { escapePropertyValue } from "./properties";
import { BrokerSecurity, brokerSecurityProperties, controllerListenerProtocol, controllerSecurityProperties, listenerProtocols } from "./security";

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
    /**
     * `connect` lists an ensemble spread over hosts; absent, the stack's one ZooKeeper on its network.
     * `migration`: the stack is moving to KRaft (lib/config/kraftMigration.ts), in that phase.
     */
    | { readonly mode: "zookeeper"; readonly connect?: string; readonly migration?: KraftMigration }
    /** `onHosts`: each controller's `address:port` when spread over hosts; absent, their aliases on the stack's network. */
    | { readonly mode: "kraft"; readonly controllerCount: number; readonly onHosts?: ReadonlyMap<number, string> };

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

/** What a broker runs as: a ZooKeeper broker, one migrating (talking to both), or a KRaft broker of a quorum of controllerCount. */
export type BrokerRole = { readonly kind: "zookeeper"; readonly connect: string } | { readonly kind: "migrating"; readonly connect: string; readonly controllerCount: number } | { readonly kind: "kraft"; readonly controllerCount: number; readonly onHosts?: ReadonlyMap<number, string> };

export function brokerRole(metadata: MetadataQuorum): BrokerRole {
    if (metadata.mode === "kraft") {
        return { kind: "kraft", controllerCount: metadata.controllerCount, onHosts: metadata.onHosts };
    }
    const connect = metadata.connect ?? `${networkAliases.zookeeper}:${ZOOKEEPER_CLIENT_PORT}`;
    const migration = metadata.migration;
    const brokers = migration ? phaseLayout(migration.phase).brokers : "zookeeper";
    if (!migration || brokers === "zookeeper") {
        return { kind: "zookeeper", connect };
    }
    return brokers === "migrating" ? { kind: "migrating", connect, controllerCount: migration.controllerCount } : { kind: "kraft", controllerCount: migration.controllerCount };
}

/** How a node dials the controller quorum. */
function quorumProperties(controllerCount: number, onHosts?: ReadonlyMap<number, string>): Record<string, string> {
    return { "controller.quorum.voters": controllerQuorumVoters(controllerCount, onHosts), "controller.listener.names": CONTROLLER_LISTENER_NAME };
}

/**
 * The broker's identity and where it finds cluster metadata. A KRaft broker
 * (Kafka 4) is a broker only: the controllers are separate containers, reached
 * over the CONTROLLER listener, which the broker dials but does not bind. A
 * migrating broker keeps its broker.id and ZooKeeper and dials the controllers
 * too; migrated, its node.id is the broker.id it had, so its partitions stay its own.
 */
function metadataProperties(brokerId: number, role: BrokerRole): Record<string, string> {
    switch (role.kind) {
        case "zookeeper":
            return { "broker.id": String(brokerId), "zookeeper.connect": role.connect };
        case "migrating":
            return { "broker.id": String(brokerId), "zookeeper.connect": role.connect, "zookeeper.metadata.migration.enable": "true", ...quorumProperties(role.controllerCount) };
        case "kraft":
            return { "process.roles": "broker", "node.id": String(brokerId), ...quorumProperties(role.controllerCount, role.onHosts) };
    }
}

export function renderServerProperties(input: ServerPropertiesInput): string {
    const { listeners } = input;
    const role = brokerRole(input.metadata ?? { mode: "zookeeper" });
    const dialsControllers = role.kind !== "zookeeper";
    const protocols = listenerProtocols(input.security);
    const owned: Record<string, string> = {
        ...metadataProperties(listeners.brokerId, role),
        ...(input.rack === undefined ? {} : { "broker.rack": input.rack }),
        listeners: listeners.listeners,
        "advertised.listeners": listeners.advertisedListeners,
        "listener.security.protocol.map": `INTERNAL:${protocols.INTERNAL},EXTERNAL:${protocols.EXTERNAL}${dialsControllers ? `,${CONTROLLER_LISTENER_NAME}:${controllerListenerProtocol(input.security)}` : ""}`,
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
        ...(input.security ? ["# Authentication, authorization and TLS (stack config: security); credentials live in files, not here", ...propertyLines(brokerSecurityProperties(input.security, role.kind === "kraft" ? "kraft" : "zookeeper")), ""] : []),
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
    /** Every controller's `address:port` when spread over hosts; absent, their aliases on the stack's network. */
    readonly onHosts?: ReadonlyMap<number, string>;
    /**
     * A controller of a migration from ZooKeeper (phases 1-3): it also reads and
     * writes ZooKeeper at `zookeeperConnect`, and sends the ZooKeeper-mode brokers
     * their metadata over their INTERNAL listener, as their controller did.
     * @default none (a KRaft controller only)
     */
    readonly migratingFrom?: { readonly zookeeperConnect: string };
    /** A secured stack: SASL/PLAIN on CONTROLLER, and the controller authorizes what brokers forward to it. */
    readonly security?: BrokerSecurity;
}

/** What a migrating controller adds (Kafka 3.9 docs, "Provisioning the KRaft controller quorum"). */
function migrationControllerProperties(zookeeperConnect: string): Record<string, string> {
    return {
        "zookeeper.metadata.migration.enable": "true",
        "zookeeper.connect": zookeeperConnect,
        // The listener it reaches ZooKeeper-mode brokers on; the map below names its protocol.
        "inter.broker.listener.name": "INTERNAL",
    };
}

/**
 * A dedicated KRaft controller (process.roles=controller). Its only listener is
 * CONTROLLER, bound inside the container: on one host never published, brokers
 * and the other controllers reach it on the stack's network; spread over hosts,
 * published on its host's address, which it advertises. It keeps the metadata log
 * in the same data directory a broker uses, on its own named volume.
 */
export function renderControllerProperties(input: ControllerPropertiesInput): string {
    const owned: Record<string, string> = {
        "process.roles": "controller",
        "node.id": String(input.controllerId),
        "controller.quorum.voters": controllerQuorumVoters(input.controllerCount, input.onHosts),
        "controller.listener.names": CONTROLLER_LISTENER_NAME,
        listeners: `${CONTROLLER_LISTENER_NAME}://0.0.0.0:${CONTROLLER_LISTENER_PORT}`,
        // Advertised (KIP-853), so admin clients using --bootstrap-controller can find every controller.
        "advertised.listeners": `${CONTROLLER_LISTENER_NAME}://${controllerAddress(input.controllerId, input.onHosts)}`,
        // Migrating stacks are unsecured (config refuses security with kraftMigration), so INTERNAL is PLAINTEXT.
        "listener.security.protocol.map": `${CONTROLLER_LISTENER_NAME}:${controllerListenerProtocol(input.security)}${input.migratingFrom ? ",INTERNAL:PLAINTEXT" : ""}`,
        "log.dirs": BROKER_DATA_DIR,
        ...(input.migratingFrom ? migrationControllerProperties(input.migratingFrom.zookeeperConnect) : {}),
    };
    return [
        `# Controller ${input.controllerId}. Rendered from the stack configuration; edit that, not this file.`,
        "",
        "# Identity, quorum, listener and storage (owned by the program)",
        ...propertyLines(owned),
        "",
        ...(input.security ? ["# Authentication and authorization (stack config: security); credentials live in files, not here", ...propertyLines(controllerSecurityProperties(input.security)), ""] : []),
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
