import { createHash } from "node:crypto";
import { isIP } from "node:net";

// Every container of a stack gets a fixed IPv4 address on a subnet the stack
// declares. With addresses handed out by Docker, replacing several brokers at
// once can give the new containers each other's old addresses; a broker (and
// the controller) that resolved a name moments earlier keeps dialling the old
// address for as long as the JVM caches the lookup (30 s), and talks to the
// wrong broker. A fixed address per broker id makes that swap impossible.
//
// Layout of the first /24 of the subnet:
//   .1        Docker's gateway
//   .2        ZooKeeper
//   .3        kafka-ui
//   .4-.8     KRaft controller 1..5 (3 + index)
//   .11-.60   broker 1..50 (10 + id)
//   .128/25   the only range Docker hands out by itself (tools and tests that
//             join the network), so nothing started later can take a fixed address.

/** What `networkSubnet: auto` expands to: 10.213.N.0/24, N from the project and stack. */
export const AUTO_SUBNET = "auto";
const AUTO_PREFIX = [10, 213];
const MIN_PREFIX = 16;
const MAX_PREFIX = 24;
const CONTROLLER_OFFSET = 3;
/** The most controllers a quorum may have, and the layout has addresses for. */
export const MAX_CONTROLLERS = 5;
const BROKER_OFFSET = 10;
const DYNAMIC_OFFSET = 128;

export interface StackAddresses {
    readonly subnet: string;
    readonly gateway: string;
    /** Where Docker allocates addresses for containers that ask for none. */
    readonly dynamicRange: string;
    readonly zookeeper: string;
    readonly ui: string;
    broker(id: number): string;
    /** KRaft controller `index` (1..MAX_CONTROLLERS). */
    controller(index: number): string;
}

/** The deterministic default: the same project and stack always get the same /24. */
export function autoSubnet(project: string, stack: string): string {
    const octet = createHash("sha256").update(`${project}/${stack}`).digest()[0] ?? 0;
    return `${AUTO_PREFIX.join(".")}.${octet}.0/24`;
}

/** Why `subnet` cannot hold a stack (undefined when it can). The key is named by the caller. */
export function subnetProblem(subnet: string): string | undefined {
    const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(subnet);
    const base = match?.[1];
    if (!match || !base || isIP(base) !== 4) {
        return `must be an IPv4 network in CIDR form like 10.213.7.0/24, or ${AUTO_SUBNET}`;
    }
    const prefix = Number(match[2]);
    if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
        return `has prefix /${prefix} but must be between /${MIN_PREFIX} and /${MAX_PREFIX} (a /${MAX_PREFIX} holds the fixed addresses and a range for Docker to hand out)`;
    }
    const hostBits = toNumber(base) & (2 ** (32 - prefix) - 1);
    if (hostBits !== 0) {
        return `has host bits set; the network address of ${base}/${prefix} is ${fromNumber(toNumber(base) - hostBits)}/${prefix}`;
    }
    return undefined;
}

/** Addresses of a valid subnet (see subnetProblem). */
export function stackAddresses(subnet: string): StackAddresses {
    const [base = ""] = subnet.split("/");
    const start = toNumber(base);
    const at = (offset: number) => fromNumber(start + offset);
    return {
        subnet,
        gateway: at(1),
        dynamicRange: `${at(DYNAMIC_OFFSET)}/25`,
        zookeeper: at(2),
        ui: at(3),
        broker: (id) => at(BROKER_OFFSET + id),
        controller: (index) => at(CONTROLLER_OFFSET + index),
    };
}

/** The most brokers the layout has fixed addresses for. */
export const MAX_ADDRESSED_BROKERS = DYNAMIC_OFFSET - BROKER_OFFSET - 1;

function toNumber(address: string): number {
    return address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

function fromNumber(value: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}
