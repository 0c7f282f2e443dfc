import { parseAddress } from "./addressWiring";
import { ConfigProblems, readInteger, readObject, readString, show } from "./problems";

// The Docker hosts a stack spreads over. Without `hosts` the stack runs on the one
// engine the default Docker provider reaches, exactly as before; with it, every
// host gets an explicit provider of its own and the containers are placed on them
// (lib/render/placement.ts) and wired over their published ports
// (lib/render/hostWiring.ts).

/** TLS material for a `tcp://` engine, PEM text; always handed to the provider as secrets. */
export interface HostTls {
    readonly ca: string;
    readonly cert: string;
    readonly key: string;
}

export interface DockerHostSpec {
    /** Short name; the brokers on this host get it as `broker.rack`. */
    readonly name: string;
    /** How the program reaches the engine: unix:///path, ssh://user@host[:port], tcp://host:port. */
    readonly endpoint: string;
    /** What other hosts and clients dial to reach ports published on this host. */
    readonly address: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly tls?: HostTls;
}

export interface MultiHostSpec {
    /** In declaration order. */
    readonly hosts: readonly DockerHostSpec[];
    /** Nodes of the ZooKeeper ensemble, each on a host of its own; 0 in KRaft mode. */
    readonly zookeeperNodes: number;
    /** KRaft controllers (controllerCount), each on a host of its own; 0 in ZooKeeper mode. */
    readonly controllers: number;
    /** Brokers pinned to a host by id; the others are placed by the stable rule. */
    readonly brokerHosts: ReadonlyMap<number, string>;
    /** Hosts of ZooKeeper nodes 1..n, when pinned. */
    readonly zookeeperHosts?: readonly string[];
    /** Hosts of KRaft controllers 1..n, when pinned. */
    readonly controllerHosts?: readonly string[];
    readonly uiHost: string;
    /** Host port of broker 1's INTERNAL listener on its host; broker i gets internalPortBase + i - 1. */
    readonly internalPortBase: number;
    /** Host ports of a ZooKeeper node: client, peer and election (base, base + 1, base + 2). */
    readonly zookeeperPortBase: number;
    /** Host port of a KRaft controller's CONTROLLER listener, on each host that runs one. */
    readonly controllerPort: number;
}

/** What `multiHost` holds unless set. */
export const MULTI_HOST_DEFAULTS = {
    /** Past the 50 EXTERNAL ports externalPortBase can take (MAX_BROKERS). */
    internalPortOffset: 50,
    zookeeperPortBase: 12181,
    controllerPort: 12093,
} as const;

const HOST_FIELDS = ["name", "endpoint", "address", "labels", "tls"];
const TLS_FIELDS = ["ca", "cert", "key"];
const MULTI_HOST_FIELDS = ["zookeeperNodes", "brokerHosts", "zookeeperHosts", "controllerHosts", "uiHost", "internalPortBase", "zookeeperPortBase", "controllerPort"];
/** Settings that place or wire one metadata service only. */
const ZOOKEEPER_FIELDS = ["zookeeperNodes", "zookeeperHosts", "zookeeperPortBase"];
const CONTROLLER_FIELDS = ["controllerHosts", "controllerPort"];
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const ENDPOINT = /^(unix:\/\/\/\S+|ssh:\/\/[^@\s/]+@[^\s/:]+(:\d+)?|tcp:\/\/[^\s/:]+:\d+)$/;
/** ZooKeeper needs a majority: 3 nodes survive one lost host, 5 survive two. */
const ZOOKEEPER_ENSEMBLE_SIZES = [1, 3, 5, 7];

export interface HostsContext {
    readonly stack: string;
    /** Whether the stack file holds `hosts` encrypted (needed once it carries TLS keys). */
    readonly hostsStoredSecret: boolean;
    readonly brokerCount: number | undefined;
    /** multiHost.internalPortBase defaults to this plus MULTI_HOST_DEFAULTS.internalPortOffset. */
    readonly externalPortBase: number | undefined;
    /** KRaft mode: the controllers to place, one per host; undefined in ZooKeeper mode. */
    readonly controllerCount: number | undefined;
}

/** Reads `hosts` and `multiHost`; undefined when no hosts are declared (the single local engine). */
export function parseHosts(problems: ConfigProblems, raw: { hosts: unknown; multiHost: unknown }, context: HostsContext): MultiHostSpec | undefined {
    const list = readHostList(problems, raw.hosts);
    const settings = readObject(problems, "multiHost", raw.multiHost) ?? {};
    if (list === undefined || list.length === 0) {
        if (Object.keys(settings).length > 0) {
            problems.add(`multiHost is ${show(settings)} but hosts is empty; multiHost only places containers on declared hosts`);
        }
        return undefined;
    }
    const hosts = list.map((entry, index) => readHost(problems, entry, index, context)).filter((host): host is DockerHostSpec => host !== undefined);
    if (hosts.length !== list.length) {
        return undefined;
    }
    checkDistinct(problems, hosts, "name");
    checkDistinct(problems, hosts, "address");
    checkDistinct(problems, hosts, "endpoint");
    if (hosts.length > 1) {
        for (const [index, host] of hosts.entries()) {
            const parsed = parseAddress(host.address);
            if (!("problem" in parsed) && parsed.loopback) {
                problems.add(`hosts[${index}].address is ${show(host.address)} but other hosts cannot reach a loopback address; use the address this host has on the network the hosts share`);
            }
        }
    }
    for (const key of Object.keys(settings).filter((field) => !MULTI_HOST_FIELDS.includes(field))) {
        problems.add(`multiHost.${key} is not a setting; the settings are ${MULTI_HOST_FIELDS.join(", ")}`);
    }
    const names = hosts.map((host) => host.name);
    const kraft = context.controllerCount !== undefined;
    const otherMode = kraft ? ZOOKEEPER_FIELDS : CONTROLLER_FIELDS;
    for (const key of Object.keys(settings).filter((field) => otherMode.includes(field))) {
        problems.add(`multiHost.${key} is set but metadataMode is ${kraft ? "kraft" : "zookeeper"}, which runs ${kraft ? "KRaft controllers, not ZooKeeper" : "ZooKeeper, not KRaft controllers"}; remove it`);
    }
    const zookeeperNodes = kraft ? 0 : readZooKeeperNodes(problems, settings.zookeeperNodes, hosts.length);
    const controllers = context.controllerCount ?? 0;
    if (controllers > hosts.length) {
        problems.add(
            `controllerCount is ${controllers} but only ${hosts.length === 1 ? "1 host is" : `${hosts.length} hosts are`} declared; two KRaft controllers on one host would both go with it, so declare at least ${controllers} hosts`,
        );
    }
    return {
        hosts,
        zookeeperNodes: zookeeperNodes ?? 1,
        controllers,
        brokerHosts: readBrokerHosts(problems, settings.brokerHosts, names, context.brokerCount),
        zookeeperHosts: kraft ? undefined : readQuorumHosts(problems, "multiHost.zookeeperHosts", "ZooKeeper node", settings.zookeeperHosts, names, zookeeperNodes, "multiHost.zookeeperNodes"),
        controllerHosts: kraft ? readQuorumHosts(problems, "multiHost.controllerHosts", "KRaft controller", settings.controllerHosts, names, controllers, "controllerCount") : undefined,
        uiHost: settings.uiHost === undefined ? (names[0] ?? "") : (readHostName(problems, "multiHost.uiHost", settings.uiHost, names) ?? ""),
        internalPortBase:
            readInteger(problems, "multiHost.internalPortBase", settings.internalPortBase ?? (context.externalPortBase ?? 0) + MULTI_HOST_DEFAULTS.internalPortOffset, {
                min: 1024,
                max: 65535,
            }) ?? 0,
        zookeeperPortBase: readInteger(problems, "multiHost.zookeeperPortBase", settings.zookeeperPortBase ?? MULTI_HOST_DEFAULTS.zookeeperPortBase, { min: 1024, max: 65533 }) ?? 0,
        controllerPort: readInteger(problems, "multiHost.controllerPort", settings.controllerPort ?? MULTI_HOST_DEFAULTS.controllerPort, { min: 1024, max: 65535 }) ?? 0,
    };
}

function readHostList(problems: ConfigProblems, raw: unknown): unknown[] | undefined {
    let parsed = raw;
    if (typeof raw === "string") {
        try {
            parsed = JSON.parse(raw);
        } catch {
            parsed = raw;
        }
    }
    if (!Array.isArray(parsed)) {
        problems.add(`hosts is ${show(raw)} but must be a list of Docker hosts, each with name, endpoint and address`);
        return undefined;
    }
    return parsed;
}

function readHost(problems: ConfigProblems, raw: unknown, index: number, context: HostsContext): DockerHostSpec | undefined {
    const at = `hosts[${index}]`;
    const fields = readObject(problems, at, raw);
    if (fields === undefined) {
        return undefined;
    }
    for (const key of Object.keys(fields).filter((field) => !HOST_FIELDS.includes(field))) {
        problems.add(`${at}.${key} is not a host setting; a host has ${HOST_FIELDS.join(", ")}`);
    }
    const name = readString(problems, `${at}.name`, fields.name);
    if (name !== undefined && !HOST_NAME.test(name)) {
        problems.add(`${at}.name is ${show(name)} but must be 1 to 32 lower-case letters, digits and dashes (it becomes broker.rack and part of resource names)`);
    }
    const endpoint = readString(problems, `${at}.endpoint`, fields.endpoint);
    if (endpoint !== undefined && !ENDPOINT.test(endpoint)) {
        problems.add(`${at}.endpoint is ${show(endpoint)} but must be unix:///path/to/docker.sock, ssh://user@host[:port] or tcp://host:port`);
    }
    const address = readString(problems, `${at}.address`, fields.address);
    const parsed = address === undefined ? undefined : parseAddress(address);
    if (parsed !== undefined && "problem" in parsed) {
        problems.add(`${at}.address is ${show(address)} but ${parsed.problem}`);
    } else if (parsed?.kind === "ip" && parsed.unspecified) {
        problems.add(`${at}.address is ${show(address)} but clients cannot dial it; give the address other hosts reach this one on`);
    }
    const labels = fields.labels === undefined ? {} : readLabels(problems, `${at}.labels`, fields.labels);
    const tls = fields.tls === undefined ? undefined : readTls(problems, `${at}.tls`, fields.tls, context);
    if (endpoint?.startsWith("tcp://") && tls === undefined && fields.tls === undefined) {
        problems.add(`${at}.endpoint is ${show(endpoint)} without ${at}.tls; an engine on plain TCP gives root on the host to anyone who reaches the port, so give tls { ca, cert, key }`);
    }
    if (endpoint !== undefined && !endpoint.startsWith("tcp://") && fields.tls !== undefined) {
        problems.add(`${at}.tls is set but ${at}.endpoint is ${show(endpoint)}; TLS material applies to tcp:// endpoints only`);
    }
    if (name === undefined || endpoint === undefined || address === undefined || labels === undefined) {
        return undefined;
    }
    return { name, endpoint, address, labels, ...(tls ? { tls } : {}) };
}

function readLabels(problems: ConfigProblems, key: string, raw: unknown): Record<string, string> | undefined {
    const labels = readObject(problems, key, raw);
    if (labels === undefined) {
        return undefined;
    }
    const wrong = Object.entries(labels).filter(([, value]) => typeof value !== "string");
    wrong.forEach(([label, value]) => problems.add(`${key}.${label} is ${show(value)} but must be a string`));
    return wrong.length === 0 ? (labels as Record<string, string>) : undefined;
}

function readTls(problems: ConfigProblems, key: string, raw: unknown, context: HostsContext): HostTls | undefined {
    const fields = readObject(problems, key, raw);
    if (fields === undefined) {
        return undefined;
    }
    for (const field of Object.keys(fields).filter((candidate) => !TLS_FIELDS.includes(candidate))) {
        problems.add(`${key}.${field} is not a TLS setting; give ca, cert and key (PEM text)`);
    }
    const [ca, cert, pemKey] = TLS_FIELDS.map((field) => {
        const value = fields[field];
        if (typeof value !== "string" || !value.includes("-----BEGIN ")) {
            problems.add(`${key}.${field} is ${value === undefined ? "missing" : "not PEM text"} but must be the PEM text of the ${field === "ca" ? "CA certificate" : field === "cert" ? "client certificate" : "client key"}`);
            return undefined;
        }
        return value;
    });
    if (!context.hostsStoredSecret) {
        problems.add(
            `${key} holds a private key, but hosts is stored in plain text in Pulumi.${context.stack}.yaml; store it encrypted: pulumi config set --secret --path '${key}.key' <pem> --stack ${context.stack}`,
        );
    }
    return ca && cert && pemKey ? { ca, cert, key: pemKey } : undefined;
}

function checkDistinct(problems: ConfigProblems, hosts: readonly DockerHostSpec[], field: "name" | "address" | "endpoint"): void {
    const seen = new Map<string, number>();
    for (const [index, host] of hosts.entries()) {
        const value = host[field].toLowerCase();
        const first = seen.get(value);
        if (first !== undefined) {
            const why = field === "address" ? "; two hosts on one address would publish the same ports and clients could not tell them apart" : "";
            problems.add(`hosts[${index}].${field} is ${show(host[field])}, the same as hosts[${first}].${field}${why}`);
        } else {
            seen.set(value, index);
        }
    }
}

function readZooKeeperNodes(problems: ConfigProblems, raw: unknown, hostCount: number): number | undefined {
    if (raw === undefined) {
        // The most nodes up to 3 that fit one per host and keep the count odd.
        return hostCount >= 3 ? 3 : 1;
    }
    const nodes = readInteger(problems, "multiHost.zookeeperNodes", raw, { min: 1, max: 7 });
    if (nodes === undefined) {
        return undefined;
    }
    if (!ZOOKEEPER_ENSEMBLE_SIZES.includes(nodes)) {
        problems.add(
            `multiHost.zookeeperNodes is ${nodes} but must be odd (${ZOOKEEPER_ENSEMBLE_SIZES.join(", ")}); an even ensemble needs the same majority as the next odd size, so it survives no more lost hosts and adds a node that can fail`,
        );
        return undefined;
    }
    if (nodes > hostCount) {
        problems.add(`multiHost.zookeeperNodes is ${nodes} but only ${hostCount} hosts are declared; two ZooKeeper nodes on one host would both go with it, so declare at least ${nodes} hosts`);
        return undefined;
    }
    return nodes;
}

function readHostName(problems: ConfigProblems, key: string, raw: unknown, names: readonly string[]): string | undefined {
    if (typeof raw !== "string" || !names.includes(raw)) {
        problems.add(`${key} is ${show(raw)} but must be the name of a declared host (${names.join(", ")})`);
        return undefined;
    }
    return raw;
}

function readBrokerHosts(problems: ConfigProblems, raw: unknown, names: readonly string[], brokerCount: number | undefined): ReadonlyMap<number, string> {
    const pinned = new Map<number, string>();
    const entries = raw === undefined ? {} : (readObject(problems, "multiHost.brokerHosts", raw) ?? {});
    for (const [id, host] of Object.entries(entries)) {
        const brokerId = Number(id);
        if (!/^\d+$/.test(id) || (brokerCount !== undefined && (brokerId < 1 || brokerId > brokerCount))) {
            problems.add(`multiHost.brokerHosts has the key ${show(id)} but keys must be broker ids from 1 to ${brokerCount ?? "brokers"}`);
            continue;
        }
        const name = readHostName(problems, `multiHost.brokerHosts.${id}`, host, names);
        if (name !== undefined) {
            pinned.set(brokerId, name);
        }
    }
    return pinned;
}

/** The hosts of a quorum's nodes, pinned by hand: one per node, never two on one host. */
function readQuorumHosts(
    problems: ConfigProblems,
    key: string,
    node: string,
    raw: unknown,
    names: readonly string[],
    nodes: number | undefined,
    countKey: string,
): readonly string[] | undefined {
    if (raw === undefined) {
        return undefined;
    }
    if (!Array.isArray(raw)) {
        problems.add(`${key} is ${show(raw)} but must be a list of host names, one per ${node}`);
        return undefined;
    }
    const hosts = raw.map((host, index) => readHostName(problems, `${key}[${index}]`, host, names));
    if (nodes !== undefined && raw.length !== nodes) {
        problems.add(`${key} names ${raw.length} hosts but ${countKey} is ${nodes}; name one host per node`);
    }
    const repeated = hosts.find((host, index) => host !== undefined && hosts.indexOf(host) !== index);
    if (repeated !== undefined) {
        problems.add(`${key} names ${show(repeated)} twice; two ${node}s on one host would both go with it`);
    }
    return hosts.every((host): host is string => host !== undefined) ? hosts : undefined;
}
