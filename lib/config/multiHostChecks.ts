import { portCollisions, publishedPortsByHost } from "../render/hostWiring";
import { placeCluster, rackCount } from "../render/placement";
import type { MultiHostSpec } from "./hostsConfig";
import { ConfigProblems } from "./problems";
import type { TopicSpec } from "./topicSpecs";

// Rules that hold only once the stack spans hosts: what the placement of a first
// `up` would publish on each host, and whether losing one whole host keeps every
// topic writable. Kafka's rack-aware assignment puts a partition's replicas on as
// many racks (hosts) as it can, so with r racks one host holds at most
// ceil(RF / r) of a partition's replicas.

export interface MultiHostStack {
    readonly brokerCount: number;
    readonly externalPortBase: number;
    readonly ui?: { readonly port: number };
    readonly topics: readonly TopicSpec[];
    readonly defaultMinInsyncReplicas: number;
    readonly brokerProperties: Readonly<Record<string, string>>;
    /** Single-host keys the stack file sets, which hosts[].address replaces. */
    readonly singleHostKeysSet: readonly string[];
    readonly allowPublicBind: boolean;
    readonly nginxLogsEnabled: boolean;
    readonly stack: string;
}

export function checkMultiHost(problems: ConfigProblems, spec: MultiHostSpec, stack: MultiHostStack): void {
    for (const key of stack.singleHostKeysSet) {
        problems.add(`${key} is set but hosts is declared; each host's address is both where its ports are published and what its brokers advertise, so remove ${key}`);
    }
    if (!stack.allowPublicBind && spec.hosts.length > 1) {
        problems.add(
            `hosts declares ${spec.hosts.length} hosts, which reach each other's brokers over the network on unauthenticated PLAINTEXT listeners; confirm with: pulumi config set allowPublicBind true --stack ${stack.stack}`,
        );
    }
    if (stack.nginxLogsEnabled) {
        problems.add("nginxLogs.enabled is true but hosts is declared; the Nginx log pipeline runs on a single Docker host only, so turn it off or remove hosts");
    }
    if (stack.brokerProperties["broker.rack"] !== undefined) {
        problems.add(`brokerProperties."broker.rack" is ${JSON.stringify(stack.brokerProperties["broker.rack"])} but with hosts each broker's rack is the name of its host; remove it`);
    }
    const { placement } = placeCluster(spec, stack.brokerCount);
    portCollisions(publishedPortsByHost(spec, placement, stack)).forEach((collision) => problems.add(collision));
    hostLossWarnings(stack.topics, rackCount(placement), stack.defaultMinInsyncReplicas).forEach((warning) => problems.warn(warning));
}

export function hostLossWarnings(topics: readonly TopicSpec[], racks: number, defaultMinInsyncReplicas: number): string[] {
    const warnings: string[] = [];
    for (const topic of topics) {
        const rf = topic.replicationFactor;
        if (rf > racks) {
            warnings.push(
                `topics.${topic.name}.replicationFactor is ${rf} but the brokers run on ${racks} host${racks === 1 ? "" : "s"}, so some replicas of a partition share a host and are lost together with it`,
            );
        }
        const minInsync = Number(topic.config["min.insync.replicas"] ?? defaultMinInsyncReplicas);
        const survivors = rf - Math.ceil(rf / racks);
        if (survivors < minInsync) {
            warnings.push(
                `topics.${topic.name} has min.insync.replicas ${minInsync} but losing one host leaves ${survivors} of its ${rf} replicas, so producers with acks=all fail until the host is back; ` +
                    `raise replicationFactor or spread the brokers over more hosts`,
            );
        }
    }
    return warnings;
}
