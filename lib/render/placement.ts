import type { MultiHostSpec } from "../config/hostsConfig";
import { brokerIds } from "./listeners";

// Which host runs which container. The rule must be stable: a broker that moves
// is a new container with an empty volume on another host, re-replicating every
// partition it held, and a ZooKeeper node that moves changes the ensemble. So a
// container stays where the stack last recorded it; only containers the stack has
// never created are placed, each on the host with the fewest of its kind (ties go
// to the host declared first). On a first `up` that is round-robin; a host added
// later takes the next brokers, and no existing broker ever moves unless pinned
// elsewhere by hand (multiHost.brokerHosts).

export interface Placement {
    /** Broker id to host name. */
    readonly brokers: ReadonlyMap<number, string>;
    /** Host of ZooKeeper node k at index k - 1; every one a different host. */
    readonly zookeeper: readonly string[];
    readonly ui: string;
}

/** The `placement` output a stack records, as read back (anything may be missing or malformed). */
export interface RecordedPlacement {
    readonly brokers?: unknown;
    readonly zookeeper?: unknown;
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
    return { placement: { brokers: new Map([...brokers].sort(([a], [b]) => a - b)), zookeeper, ui: spec.uiHost }, errors, warnings };
}

/** The host with the fewest of `taken`, the first declared among equals. */
function leastLoaded(hosts: readonly string[], taken: readonly string[]): string {
    const load = (host: string) => taken.filter((candidate) => candidate === host).length;
    return hosts.reduce((best, host) => (load(host) < load(best) ? host : best));
}

function placeZooKeeper(spec: MultiHostSpec, hosts: readonly string[], recordedRaw: unknown, warnings: string[]): string[] {
    const recorded = Array.isArray(recordedRaw) && recordedRaw.every((host) => typeof host === "string" && hosts.includes(host)) ? (recordedRaw as string[]) : [];
    if (spec.zookeeperHosts !== undefined) {
        if (recorded.length > 0 && recorded.join(",") !== spec.zookeeperHosts.join(",")) {
            warnings.push(
                `multiHost.zookeeperHosts changes the ZooKeeper ensemble from ${recorded.join(", ")} to ${spec.zookeeperHosts.join(", ")}; every node restarts with the new server list`,
            );
        }
        return [...spec.zookeeperHosts];
    }
    const nodes = recorded.slice(0, spec.zookeeperNodes);
    if (recorded.length > 0 && recorded.length !== spec.zookeeperNodes) {
        warnings.push(`multiHost.zookeeperNodes changes the ZooKeeper ensemble from ${recorded.length} to ${spec.zookeeperNodes} nodes; every node restarts with the new server list`);
    }
    for (const host of hosts) {
        if (nodes.length < spec.zookeeperNodes && !nodes.includes(host)) {
            nodes.push(host);
        }
    }
    return nodes;
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

/** The `placement` output, in the shape placeCluster reads back on the next run. */
export function recordablePlacement(placement: Placement): { brokers: Record<string, string>; zookeeper: string[]; ui: string } {
    return { brokers: Object.fromEntries([...placement.brokers].map(([id, host]) => [String(id), host])), zookeeper: [...placement.zookeeper], ui: placement.ui };
}

/** How many racks (hosts holding a broker) the brokers spread over. */
export function rackCount(placement: Placement): number {
    return new Set(placement.brokers.values()).size;
}
