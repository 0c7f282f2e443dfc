// Every Docker object carries the project and stack in its name, so two stacks
// (dev and staging, say) can share one Docker host without colliding.

/** Docker names of everything one stack creates. */
export interface DockerNames {
    /** Common prefix, `<project>-<stack>`. */
    readonly prefix: string;
    readonly network: string;
    readonly zookeeper: string;
    readonly zookeeperDataVolume: string;
    readonly zookeeperDatalogVolume: string;
    readonly ui: string;
    broker(id: number): string;
    brokerDataVolume(id: number): string;
    /** KRaft controller `index` (1..count), as in its alias controller-<index>. */
    controller(index: number): string;
    /** The controller's metadata log. */
    controllerDataVolume(index: number): string;
    nginx(instance: number): string;
    /** Where every Nginx writes its access log and the shipper reads it. */
    readonly nginxLogVolume: string;
    readonly logShipper: string;
    /** The shipper's read positions, disk queue and failed messages. */
    readonly logShipperStateVolume: string;
}

export function dockerNames(project: string, stack: string): DockerNames {
    const prefix = `${project}-${stack}`;
    return {
        prefix,
        network: prefix,
        zookeeper: `${prefix}-zookeeper`,
        zookeeperDataVolume: `${prefix}-zookeeper-data`,
        zookeeperDatalogVolume: `${prefix}-zookeeper-datalog`,
        ui: `${prefix}-kafka-ui`,
        broker: (id) => `${prefix}-kafka-${id}`,
        brokerDataVolume: (id) => `${prefix}-kafka-${id}-data`,
        controller: (index) => `${prefix}-controller-${index}`,
        controllerDataVolume: (index) => `${prefix}-controller-${index}-data`,
        nginx: (instance) => `${prefix}-nginx-${instance}`,
        nginxLogVolume: `${prefix}-nginx-logs`,
        logShipper: `${prefix}-nginx-log-shipper`,
        logShipperStateVolume: `${prefix}-nginx-log-shipper-state`,
    };
}

/**
 * DNS names on the stack's own network. They need no stack prefix: each stack
 * has its own network, and short names keep advertised listeners readable.
 */
export const networkAliases = {
    zookeeper: "zookeeper",
    ui: "kafka-ui",
    broker: (id: number): string => `kafka-${id}`,
    nginx: (instance: number): string => `nginx-${instance}`,
    logShipper: "nginx-log-shipper",
} as const;

/** Labels that let people and tests find a stack's containers with `docker ps --filter`. */
export const LABEL_PREFIX = "com.kafka-cluster";

export type DockerRole = "network" | "zookeeper" | "zookeeper-answering" | "controller" | "broker" | "broker-in-sync" | "ui" | "nginx" | "log-shipper" | "scram-bootstrap";

export function dockerLabels(stack: string, role: DockerRole, extra: Record<string, string> = {}) {
    return [
        { label: `${LABEL_PREFIX}.stack`, value: stack },
        { label: `${LABEL_PREFIX}.role`, value: role },
        ...Object.entries(extra).map(([key, value]) => ({ label: `${LABEL_PREFIX}.${key}`, value })),
    ];
}

/** A service's labels under another role: for a one-shot container that belongs to that service. */
export function withRole(labels: readonly { label: string; value: string }[], role: DockerRole): { label: string; value: string }[] {
    return labels.map((entry) => (entry.label === `${LABEL_PREFIX}.role` ? { ...entry, value: role } : entry));
}
