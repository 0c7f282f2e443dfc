import { hostForUrl, isIpAddress } from "../config/addressWiring";
import type { DockerHostSpec, MultiHostSpec } from "../config/hostsConfig";
import { CONTROLLER_ID_BASE, CONTROLLER_LISTENER_PORT } from "./controllerQuorum";
import { BrokerListeners, EXTERNAL_LISTENER_PORT, externalHostPort, INTERNAL_LISTENER_PORT, UI_CONTAINER_PORT, ZOOKEEPER_CLIENT_PORT } from "./listeners";
import { networkAliases } from "./names";
import { placeCluster, Placement, RecordedPlacement } from "./placement";

// Wiring across hosts. A Docker network exists on one engine only, so everything
// that crosses hosts goes through ports published on each host's address: a
// broker advertises INTERNAL (other brokers, kafka-ui) and EXTERNAL (clients) as
// its host's address and a host port of its own, ZooKeeper peers dial each
// other's published quorum ports, and KRaft controllers each other's (and the
// brokers every controller's) published CONTROLLER port.
//
// Host ports per host (each range only on the hosts that run the container):
//   externalPortBase + id - 1    broker id's EXTERNAL listener (as on one host)
//   internalPortBase + id - 1    broker id's INTERNAL listener
//   zookeeperPortBase + 0/1/2    that host's ZooKeeper node: client, peer, election
//   controllerPort               that host's KRaft controller (CONTROLLER listener)
//   uiPort                       kafka-ui

/** ZooKeeper's quorum ports inside its container (the image's defaults). */
export const ZOOKEEPER_PEER_PORT = 2888;
export const ZOOKEEPER_ELECTION_PORT = 3888;

export interface HostPort {
    readonly internal: number;
    readonly external: number;
    readonly ip: string;
    readonly protocol: "tcp";
}

/** A host's address to publish on: itself when it is an IP, every interface when it is a name. */
export function hostBindAddress(host: DockerHostSpec): string {
    return isIpAddress(host.address) ? host.address : "0.0.0.0";
}

export interface HostedBrokerListeners extends BrokerListeners {
    readonly host: string;
    /** Host port the INTERNAL listener is published on. */
    readonly internalHostPort: number;
}

export function hostedBrokerListeners(brokerId: number, host: DockerHostSpec, ports: { externalPortBase: number; internalPortBase: number }): HostedBrokerListeners {
    const hostPort = externalHostPort(brokerId, ports.externalPortBase);
    const internalHostPort = externalHostPort(brokerId, ports.internalPortBase);
    const address = hostForUrl(host.address);
    const internalAddress = `${address}:${internalHostPort}`;
    const externalAddress = `${address}:${hostPort}`;
    return {
        brokerId,
        host: host.name,
        alias: networkAliases.broker(brokerId),
        hostPort,
        internalHostPort,
        internalAddress,
        externalAddress,
        listeners: `INTERNAL://0.0.0.0:${INTERNAL_LISTENER_PORT},EXTERNAL://0.0.0.0:${EXTERNAL_LISTENER_PORT}`,
        advertisedListeners: `INTERNAL://${internalAddress},EXTERNAL://${externalAddress}`,
    };
}

export function zookeeperHostPorts(host: DockerHostSpec, zookeeperPortBase: number): HostPort[] {
    const ip = hostBindAddress(host);
    return [ZOOKEEPER_CLIENT_PORT, ZOOKEEPER_PEER_PORT, ZOOKEEPER_ELECTION_PORT].map((internal, offset) => ({ internal, external: zookeeperPortBase + offset, ip, protocol: "tcp" }));
}

/**
 * zoo.cfg's server list as node `self` sees it: every other node at its host's
 * published quorum ports, itself on 0.0.0.0 so it binds inside its container,
 * where its host's address does not exist.
 */
export function zookeeperServerLines(self: number, zookeeperHosts: readonly DockerHostSpec[], zookeeperPortBase: number): string[] {
    return zookeeperHosts.map((host, index) => {
        const id = index + 1;
        return id === self
            ? `server.${id}=0.0.0.0:${ZOOKEEPER_PEER_PORT}:${ZOOKEEPER_ELECTION_PORT}`
            : `server.${id}=${hostForUrl(host.address)}:${zookeeperPortBase + 1}:${zookeeperPortBase + 2}`;
    });
}

/** What brokers put in zookeeper.connect: every node at its host's published client port. */
export function zookeeperConnect(zookeeperHosts: readonly DockerHostSpec[], zookeeperPortBase: number): string {
    return zookeeperHosts.map((host) => `${hostForUrl(host.address)}:${zookeeperPortBase}`).join(",");
}

/** A KRaft controller's CONTROLLER listener, published on its host's address: the one port other hosts reach it on. */
export function controllerHostPort(host: DockerHostSpec, controllerPort: number): HostPort {
    return { internal: CONTROLLER_LISTENER_PORT, external: controllerPort, ip: hostBindAddress(host), protocol: "tcp" };
}

/** Where controller k (node id 1000 + k) is reached from any host: its host's address and the published CONTROLLER port. */
export function controllerAddressesOnHosts(controllerHosts: readonly DockerHostSpec[], controllerPort: number): ReadonlyMap<number, string> {
    return new Map(controllerHosts.map((host, index) => [CONTROLLER_ID_BASE + index + 1, `${hostForUrl(host.address)}:${controllerPort}`]));
}

export const uiHostPort = (host: DockerHostSpec, uiPort: number): HostPort => ({ internal: UI_CONTAINER_PORT, external: uiPort, ip: hostBindAddress(host), protocol: "tcp" });

/** Every host port each host publishes, with what publishes it and the key that sets it. */
export function publishedPortsByHost(
    spec: MultiHostSpec,
    placement: Placement,
    stack: { externalPortBase: number; ui?: { port: number } },
): Map<string, { port: number; what: string }[]> {
    const ports = new Map<string, { port: number; what: string }[]>(spec.hosts.map((host) => [host.name, []]));
    const add = (host: string, port: number, what: string) => ports.get(host)?.push({ port, what });
    for (const [id, host] of placement.brokers) {
        add(host, externalHostPort(id, stack.externalPortBase), `broker ${id}'s EXTERNAL listener (externalPortBase)`);
        add(host, externalHostPort(id, spec.internalPortBase), `broker ${id}'s INTERNAL listener (multiHost.internalPortBase)`);
    }
    placement.zookeeper.forEach((host, index) =>
        ["client", "peer", "election"].forEach((role, offset) => add(host, spec.zookeeperPortBase + offset, `ZooKeeper node ${index + 1}'s ${role} port (multiHost.zookeeperPortBase)`)),
    );
    placement.controllers.forEach((host, index) => add(host, spec.controllerPort, `KRaft controller ${index + 1}'s CONTROLLER listener (multiHost.controllerPort)`));
    if (stack.ui) {
        add(placement.ui, stack.ui.port, "kafka-ui (uiPort)");
    }
    return ports;
}

/** Two things publishing one port on one host: Docker would refuse the second container. */
export function portCollisions(byHost: Map<string, { port: number; what: string }[]>): string[] {
    const problems: string[] = [];
    for (const [host, ports] of byHost) {
        const seen = new Map<number, string>();
        for (const { port, what } of ports) {
            const first = seen.get(port);
            if (first !== undefined) {
                problems.push(`host ${host} would publish port ${port} twice: for ${first} and for ${what}; move one of the port bases`);
            } else {
                seen.set(port, what);
            }
        }
    }
    return problems;
}

export interface HostedCluster {
    readonly placement: Placement;
    /** By broker id, from 1. */
    readonly brokers: readonly HostedBrokerListeners[];
    /** Host of ZooKeeper node k at index k - 1; none in KRaft mode. */
    readonly zookeeperHosts: readonly DockerHostSpec[];
    readonly zookeeperConnect: string;
    /** Host of KRaft controller k at index k - 1; none in ZooKeeper mode. */
    readonly controllerHosts: readonly DockerHostSpec[];
    /** Controller node id to `address:port`, as brokers and the other controllers dial it. */
    readonly controllerAddresses: ReadonlyMap<number, string>;
    /** Placement that contradicts what the stack recorded, and what it costs. */
    readonly errors: readonly string[];
    readonly warnings: readonly string[];
}

/** Where everything runs and how it is wired, keeping what the stack last recorded in place. */
export function planHostedCluster(spec: MultiHostSpec, stack: { brokerCount: number; externalPortBase: number }, recorded?: RecordedPlacement): HostedCluster {
    const { placement, errors, warnings } = placeCluster(spec, stack.brokerCount, recorded);
    const byName = new Map(spec.hosts.map((host) => [host.name, host]));
    const hostOf = (name: string): DockerHostSpec => {
        const host = byName.get(name);
        if (!host) throw new Error(`placement chose the undeclared host ${name}`);
        return host;
    };
    const ports = { externalPortBase: stack.externalPortBase, internalPortBase: spec.internalPortBase };
    const zookeeperHosts = placement.zookeeper.map(hostOf);
    const controllerHosts = placement.controllers.map(hostOf);
    return {
        placement,
        brokers: [...placement.brokers].map(([id, host]) => hostedBrokerListeners(id, hostOf(host), ports)),
        zookeeperHosts,
        zookeeperConnect: zookeeperConnect(zookeeperHosts, spec.zookeeperPortBase),
        controllerHosts,
        controllerAddresses: controllerAddressesOnHosts(controllerHosts, spec.controllerPort),
        errors,
        warnings,
    };
}
