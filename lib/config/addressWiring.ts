import { isIP } from "node:net";

// The tutorial's own trap: the address a broker advertises and the address its
// port is published on must agree exactly as a client dials them. A mismatch
// is invisible at `up` (the containers start, the brokers are healthy) and only
// shows when a client bootstraps, learns the advertised address and connects
// nowhere. These rules decide, before anything exists, whether every client the
// stack is meant for can follow the advertised address to a bound port.

const LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
/** A DNS name; a trailing dot (fully qualified) is legal. */
const HOSTNAME = new RegExp(`^(?=.{1,254}$)${LABEL}(?:\\.${LABEL})*\\.?$`);
/** Digits and dots only: a mistyped IPv4 address, never a real host name. */
const DOTTED_NUMBERS = /^[0-9.]+$/;
/** Loopback names that resolve on this host only. */
const LOOPBACK_NAMES = new Set(["localhost", "localhost.", "ip6-localhost", "ip6-loopback"]);

export type AddressFamily = "ipv4" | "ipv6";

/** How an address reads: an IP literal of a family, or a host name. */
export type ParsedAddress =
    | { readonly kind: "ip"; readonly text: string; readonly family: AddressFamily; readonly loopback: boolean; readonly unspecified: boolean }
    | { readonly kind: "name"; readonly text: string; readonly loopback: boolean };

export function familyOf(address: string): AddressFamily | undefined {
    const version = isIP(address);
    return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
}

export function isIpAddress(address: string): boolean {
    return familyOf(address) !== undefined;
}

export function isUnspecifiedAddress(address: string): boolean {
    return address === "0.0.0.0" || address === "::";
}

export function isLoopbackAddress(address: string): boolean {
    const family = familyOf(address);
    if (family === "ipv4") return address.startsWith("127.");
    return family === "ipv6" && address === "::1";
}

/**
 * Where a browser reaches a port published on `bindAddress`: that address, or the
 * advertised host when bound to every interface; bracketed for URLs.
 */
export function publishedUrlHost(stack: { readonly bindAddress: string; readonly advertisedHost: string }): string {
    return hostForUrl(isUnspecifiedAddress(stack.bindAddress) ? stack.advertisedHost : stack.bindAddress);
}

/** IPv6 literals need brackets inside `host:port` and URLs. */
export function hostForUrl(host: string): string {
    return familyOf(host) === "ipv6" ? `[${host}]` : host;
}

/**
 * Reads an address the user wrote, or says what is wrong with it in words that
 * follow "<key> is <value> but".
 */
export function parseAddress(text: string): ParsedAddress | { readonly problem: string } {
    if (text.startsWith("[") && text.endsWith("]") && familyOf(text.slice(1, -1)) === "ipv6") {
        return { problem: `is written in brackets; write the IPv6 address without them: ${text.slice(1, -1)}` };
    }
    const family = familyOf(text);
    if (family) {
        if (text.includes("%")) {
            return { problem: "has an IPv6 zone (%interface), which only this host understands; use an address without one" };
        }
        return { kind: "ip", text, family, loopback: isLoopbackAddress(text), unspecified: isUnspecifiedAddress(text) };
    }
    if (DOTTED_NUMBERS.test(text)) {
        return { problem: "is not an IPv4 address (four numbers from 0 to 255, separated by dots), and a host name cannot be only digits and dots" };
    }
    if (HOSTNAME.test(text)) {
        return { kind: "name", text, loopback: LOOPBACK_NAMES.has(text.toLowerCase()) };
    }
    return { problem: "must be a host name or IP address without scheme or port, like 127.0.0.1 or kafka.example.com" };
}

export interface AddressSettings {
    readonly advertised: ParsedAddress;
    readonly bound: ParsedAddress & { readonly kind: "ip" };
    /** Which of the two keys the stack file sets; a message asks to change one the user chose, not a default. */
    readonly userSet: { readonly advertisedHost: boolean; readonly bindAddress: boolean };
}

export interface WiringVerdict {
    readonly errors: string[];
    readonly warnings: string[];
}

/**
 * Checks that clients told to dial `advertisedHost` reach the ports published on
 * `bindAddress`. Errors are wirings where some intended client certainly fails;
 * warnings depend on name resolution the program cannot see.
 */
export function checkAddressWiring(settings: AddressSettings): WiringVerdict {
    const { advertised, bound } = settings;
    const verdict: WiringVerdict = { errors: [], warnings: [] };
    const pair = `advertisedHost is ${quote(advertised.text)} and bindAddress is ${quote(bound.text)}`;

    if (bound.unspecified) {
        checkAllInterfacesBind(settings, pair, verdict);
    } else if (advertised.kind === "ip") {
        if (advertised.text !== bound.text) {
            verdict.errors.push(`${pair}: clients would dial ${advertised.text}, but the ports are published only on ${bound.text}, so nothing answers them; ${fixBySameAddress(settings)}`);
        }
    } else if (advertised.loopback) {
        if (!bound.loopback) {
            verdict.errors.push(
                `${pair}: "${advertised.text}" resolves to this machine's loopback, where nothing is published, and on other machines to their own; set advertisedHost to ${bound.text}`,
            );
        } else {
            verdict.warnings.push(
                `advertisedHost is ${quote(advertised.text)}, which often resolves to ::1 before 127.0.0.1; clients that try only the first address fail because the ports are published on ${bound.text} only. Prefer advertisedHost ${bound.text}`,
            );
        }
    } else if (bound.loopback) {
        verdict.warnings.push(
            `advertisedHost is ${quote(advertised.text)} but the ports are published on ${bound.text} only, so the name must resolve to ${bound.text} on every client and no other machine can connect; for remote clients set bindAddress to this host's address on their network`,
        );
    }
    return verdict;
}

function checkAllInterfacesBind(settings: AddressSettings, pair: string, verdict: WiringVerdict): void {
    const { advertised, bound } = settings;
    const boundFamilyName = bound.family === "ipv4" ? "IPv4" : "IPv6";
    if (advertised.kind === "ip" && advertised.family !== bound.family) {
        const everyOther = bound.family === "ipv4" ? "::" : "0.0.0.0";
        verdict.errors.push(
            `${pair}: Docker publishes ${bound.text} on ${boundFamilyName} interfaces only, so clients dialling ${advertised.text} find nothing; set bindAddress to ${everyOther} or to ${advertised.text}`,
        );
        return;
    }
    if (advertised.loopback) {
        verdict.errors.push(
            `${pair}: the ports are open to other machines, but every broker tells clients to come back to ${advertised.text}, which on another machine is that machine itself, so only this host could connect; set advertisedHost to this host's address or DNS name as other machines reach it` +
                (settings.userSet.advertisedHost ? "" : " (it defaults to 127.0.0.1)"),
        );
    }
}

/** The key to change so that the two addresses become one, naming a key the user set. */
function fixBySameAddress(settings: AddressSettings): string {
    const { advertised, bound, userSet } = settings;
    const bindTo = `set bindAddress to ${advertised.text}${advertised.kind === "ip" && !advertised.loopback ? ` (or ${advertised.family === "ipv4" ? "0.0.0.0" : "::"} for every interface)` : ""}`;
    const advertiseAs = `set advertisedHost to ${bound.text}`;
    if (userSet.bindAddress && !userSet.advertisedHost) return advertiseAs;
    if (userSet.advertisedHost && !userSet.bindAddress) return bindTo;
    return `${bindTo}, or ${advertiseAs}`;
}

function quote(text: string): string {
    return JSON.stringify(text);
}
