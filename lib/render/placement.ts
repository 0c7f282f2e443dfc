import type { MultiHostSpec } from "../config/hostsConfig";
import { brokerIds } from "./listeners";

// Which host runs which container. The rule must be stable: a broker that moves
// is a new container with an empty volume on another host, re-replicating every
// partition it held, a ZooKeeper node that moves changes the ensemble, and a
// KRaft controller that moves would rejoin a static quorum on an empty log. So a
// container stays where the stack last recorded it; only containers the stack has
// never created are placed, each on the host with the fewest of its kind (ties go
// to the host declared first). On a first `up` that is round-robin; a host added
// later takes the next brokers, and no existing broker ever moves unless pinned
// elsewhere by hand (multiHost.brokerHosts).

export interface Placement {
    /** Broker id to host name. */
    readonly brokers: ReadonlyMap<number, string>;
    /** Host of ZooKeeper node k at index k - 1; every one a different host. Empty in KRaft mode. */
    readonly zookeeper: readonly string[];
    /** Host of KRaft controller k at index k - 1; every one a different host. Empty in ZooKeeper mode. */
    readonly controllers: readonly string[];
    readonly ui: string;
}

/** The `placement` output a stack records, as read back (anything may be missing or malformed). */
export interface RecordedPlacement {
    readonly brokers?: unknown;
    readonly zookeeper?: unknown;
    readonly controllers?: unknown;
}

export interface PlacementVerdict {
    readonly placement: Placement;
    readonly errors: string[];
    readonly warnings: string[];
}

export function placeCluster(spec: MultiHostSpec, brokerCount: number, recorded?: RecordedPlacement): PlacementVerdict {
    const hosts = spec.hosts.map((host) => host.name);
    const errors: string[] = [];
    const warnings: string[] = [];
    const recordedBrokers = readRecordedBrokers(recorded?.brokers);

    const brokers = new Map<number, string>();
    for (const id of brokerIds(brokerCount)) {
        const pinned = spec.brokerHosts.get(id);
        const before = recordedBrokers.get(id);
        if (pinned !== undefined) {
            if (before !== undefined && before !== pinned) {
                warnings.push(
                    `multiHost.brokerHosts.${id} moves broker ${id} from host ${before} to ${pinned}: it starts there with an empty volume and copies every partition it holds from the other replicas`,
                );
            }
            brokers.set(id, pinned);
        } else if (before !== undefined) {
            if (hosts.includes(before)) {
                brokers.set(id, before);
            } else {
                errors.push(
                    `hosts no longer declares ${JSON.stringify(before)}, where broker ${id} runs; keep the host, or pin the broker elsewhere with multiHost.brokerHosts.${id} (it then re-replicates its partitions there)`,
                );
            }
        }
    }
    for (const id of brokerIds(brokerCount).filter((candidate) => !brokers.has(candidate) && !recordedBrokers.has(candidate))) {
        brokers.set(id, leastLoaded(hosts, [...brokers.values()]));
    }

    const zookeeper = placeZooKeeper(spec, hosts, recorded?.zookeeper, warnings);
    const controllers = placeControllers(spec, hosts, recorded?.controllers, errors);
    return { placement: { brokers: new Map([...brokers].sort(([a], [b]) => a - b)), zookeeper, controllers, ui: spec.uiHost }, errors, warnings };
}

/** The host with the fewest of `taken`, the first declared among equals. */
function leastLoaded(hosts: readonly string[], taken: readonly string[]): string {
    const load = (host: string) => taken.filter((candidate) => candidate === host).length;
    return hosts.reduce((best, host) => (load(host) < load(best) ? host : best));
}

function readRecordedHosts(raw: unknown): string[] {
    return Array.isArray(raw) && raw.every((host) => typeof host === "string") ? (raw as string[]) : [];
}

/** The first `count` distinct hosts, starting from those already taken, in declaration order. */
function fillDistinct(taken: readonly string[], hosts: readonly string[], count: number): string[] {
    const nodes = taken.slice(0, count);
    for (const host of hosts) {
        if (nodes.length < count && !nodes.includes(host)) {
            nodes.push(host);
        }
    }
    return nodes;
}

function placeZooKeeper(spec: MultiHostSpec, hosts: readonly string[], recordedRaw: unknown, warnings: string[]): string[] {
    const recordedHosts = readRecordedHosts(recordedRaw);
    const recorded = recordedHosts.every((host) => hosts.includes(host)) ? recordedHosts : [];
    if (spec.zookeeperHosts !== undefined) {
        if (recorded.length > 0 && recorded.join(",") !== spec.zookeeperHosts.join(",")) {
            warnings.push(
                `multiHost.zookeeperHosts changes the ZooKeeper ensemble from ${recorded.join(", ")} to ${spec.zookeeperHosts.join(", ")}; every node restarts with the new server list`,
            );
        }
        return [...spec.zookeeperHosts];
    }
    if (recorded.length > 0 && recorded.length !== spec.zookeeperNodes) {
        warnings.push(`multiHost.zookeeperNodes changes the ZooKeeper ensemble from ${recorded.length} to ${spec.zookeeperNodes} nodes; every node restarts with the new server list`);
    }
    return fillDistinct(recorded, hosts, spec.zookeeperNodes);
}

/**
 * Controllers never move: in a static quorum a controller started on another
 * host has an empty metadata log, which could elect a leader missing committed
 * metadata. So a recorded controller stays, and pinning it elsewhere or dropping
 * its host is an error, not a warning. (Their count cannot change either;
 * lib/config/metadataModeChange.ts refuses that.)
 */
function placeControllers(spec: MultiHostSpec, hosts: readonly string[], recordedRaw: unknown, errors: string[]): string[] {
    const recorded = readRecordedHosts(recordedRaw);
    recorded.forEach((host, index) => {
        const pinned = spec.controllerHosts?.[index];
        if (pinned !== undefined && pinned !== host) {
            errors.push(
                `multiHost.controllerHosts[${index}] is ${JSON.stringify(pinned)} but controller ${index + 1} runs on host ${host}; a KRaft controller moved to another host starts on an empty metadata log, which a static quorum must never do, so keep it on ${host}`,
            );
        } else if (!hosts.includes(host)) {
            errors.push(`hosts no longer declares ${JSON.stringify(host)}, where KRaft controller ${index + 1} runs; a static quorum cannot move a controller, so keep the host`);
        }
    });
    // A host no longer declared has no engine to run on; the error above refuses the run.
    return recorded.length > 0 ? recorded.slice(0, spec.controllers).filter((host) => hosts.includes(host)) : fillDistinct(spec.controllerHosts ?? [], hosts, spec.controllers);
}

function readRecordedBrokers(raw: unknown): ReadonlyMap<number, string> {
    const brokers = new Map<number, string>();
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
        for (const [id, host] of Object.entries(raw)) {
            if (/^\d+$/.test(id) && typeof host === "string") {
                brokers.set(Number(id), host);
            }
        }
    }
    return brokers;
}

/** The `placement` output, in the shape placeCluster reads back on the next run: the metadata service's nodes under its own key. */
export function recordablePlacement(placement: Placement): { brokers: Record<string, string>; zookeeper?: string[]; controllers?: string[]; ui: string } {
    return {
        brokers: Object.fromEntries([...placement.brokers].map(([id, host]) => [String(id), host])),
        ...(placement.zookeeper.length > 0 ? { zookeeper: [...placement.zookeeper] } : {}),
        ...(placement.controllers.length > 0 ? { controllers: [...placement.controllers] } : {}),
        ui: placement.ui,
    };
}

/** How many racks (hosts holding a broker) the brokers spread over. */
export function rackCount(placement: Placement): number {
    return new Set(placement.brokers.values()).size;
}
