import { createHash } from "node:crypto";

// The KRaft controller quorum as brokers and controllers are told about it:
// a static quorum (controller.quorum.voters) of dedicated controllers on the
// stack's network, or on the hosts' published ports when spread over hosts. Static, because a controller's id and address are fixed
// by the program, and a static quorum never lets a controller rejoin on an
// empty log unnoticed.

/** Listener name of the controllers' quorum traffic; brokers only dial it. */
export const CONTROLLER_LISTENER_NAME = "CONTROLLER";
/** Port of the CONTROLLER listener inside every controller container; never published. */
export const CONTROLLER_LISTENER_PORT = 9093;
/**
 * Controllers' node ids are 1001, 1002, ...: above every broker id (brokers
 * are 1..N, at most 50), so adding a broker never takes a controller's id.
 */
export const CONTROLLER_ID_BASE = 1000;

export function controllerIds(count: number): number[] {
    return Array.from({ length: count }, (_, index) => CONTROLLER_ID_BASE + index + 1);
}

/** The controller's name on the stack's network. */
export function controllerAlias(controllerId: number): string {
    return `controller-${controllerId - CONTROLLER_ID_BASE}`;
}

/** Where a controller is dialled: its alias on the stack's network, unless it is spread over hosts. */
export function controllerAddress(controllerId: number, onHosts?: ReadonlyMap<number, string>): string {
    return onHosts?.get(controllerId) ?? `${controllerAlias(controllerId)}:${CONTROLLER_LISTENER_PORT}`;
}

/**
 * `controller.quorum.voters`: id@host:port of every controller; on one host
 * their network aliases, spread over hosts each host's address and published
 * CONTROLLER port (lib/render/hostWiring.ts).
 */
export function controllerQuorumVoters(count: number, onHosts?: ReadonlyMap<number, string>): string {
    return controllerIds(count)
        .map((id) => `${id}@${controllerAddress(id, onHosts)}`)
        .join(",");
}

/**
 * The KRaft cluster id every node is formatted with: 16 bytes in base64url
 * without padding, the form `kafka-storage.sh random-uuid` prints, derived
 * from the project and stack so every `up` renders the same start command.
 * The first bit is cleared so the id never starts with "-" or "_", which
 * Kafka's own generator avoids because the CLI would read "-..." as a flag.
 */
export function kraftClusterId(project: string, stack: string): string {
    const bytes = createHash("sha256").update(`kafka-cluster/${project}/${stack}`).digest().subarray(0, 16);
    bytes[0] = (bytes[0] ?? 0) & 0x7f;
    return bytes.toString("base64url");
}
