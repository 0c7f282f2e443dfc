import { hostForUrl } from "../config/addressWiring";

// The listener wiring of DESIGN.md §2, in one place. Each broker has two listeners:
// INTERNAL for everything on the Docker network (other brokers, kafka-ui, other
// containers), EXTERNAL for everything outside Docker (the laptop, other machines,
// the Pulumi Kafka provider). Getting the advertised half of this wrong is the
// classic "bootstrap works, then the client hangs" failure.

/** Port of the INTERNAL listener inside every broker container. */
export const INTERNAL_LISTENER_PORT = 19092;
/** Port of the EXTERNAL listener inside every broker container; published on the host. */
export const EXTERNAL_LISTENER_PORT = 9092;
/** Port ZooKeeper serves clients on, inside the network. */
export const ZOOKEEPER_CLIENT_PORT = 2181;
/** Port kafka-ui serves HTTP on inside its container. */
export const UI_CONTAINER_PORT = 8080;

export interface ListenerSettings {
    /** What clients outside Docker dial: 127.0.0.1 on a laptop, the LAN address for remote use. */
    readonly advertisedHost: string;
    /** Host port of broker 1's EXTERNAL listener; broker i gets externalPortBase + i - 1. */
    readonly externalPortBase: number;
}

export interface BrokerListeners {
    readonly brokerId: number;
    /** The broker's name on the Docker network. */
    readonly alias: string;
    /** Host port its EXTERNAL listener is published on. */
    readonly hostPort: number;
    /** `host:port` for clients on the Docker network. */
    readonly internalAddress: string;
    /** `host:port` for clients outside Docker. */
    readonly externalAddress: string;
    /** Value of `listeners` (what the broker binds inside its container). */
    readonly listeners: string;
    /** Value of `advertised.listeners` (what the broker tells clients to dial). */
    readonly advertisedListeners: string;
}

export function externalHostPort(brokerId: number, externalPortBase: number): number {
    return externalPortBase + brokerId - 1;
}

export function brokerListeners(brokerId: number, settings: ListenerSettings): BrokerListeners {
    const alias = `kafka-${brokerId}`;
    const hostPort = externalHostPort(brokerId, settings.externalPortBase);
    const internalAddress = `${alias}:${INTERNAL_LISTENER_PORT}`;
    const externalAddress = `${hostForUrl(settings.advertisedHost)}:${hostPort}`;
    return {
        brokerId,
        alias,
        hostPort,
        internalAddress,
        externalAddress,
        listeners: `INTERNAL://0.0.0.0:${INTERNAL_LISTENER_PORT},EXTERNAL://0.0.0.0:${EXTERNAL_LISTENER_PORT}`,
        advertisedListeners: `INTERNAL://${internalAddress},EXTERNAL://${externalAddress}`,
    };
}

/** Broker ids 1..count. */
export function brokerIds(count: number): number[] {
    return Array.from({ length: count }, (_, index) => index + 1);
}

/**
 * Clients need one reachable broker to bootstrap and learn the rest from metadata,
 * so bootstrap lists name at most the first three brokers. Adding a fourth broker
 * then changes neither kafka-ui's settings nor the Kafka provider's.
 */
export const BOOTSTRAP_BROKER_LIMIT = 3;

export function bootstrapBrokerIds(count: number): number[] {
    return brokerIds(Math.min(count, BOOTSTRAP_BROKER_LIMIT));
}
