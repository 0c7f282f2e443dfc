import { isIP } from "node:net";

// Addresses come from stack config and end up in advertised.listeners and in
// Docker port bindings, where a mistake only shows once clients fail to connect.

const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Addresses that mean "every interface" to a server and nothing to a client. */
const UNSPECIFIED = new Set(["0.0.0.0", "::", "[::]"]);

export function isUnspecifiedAddress(address: string): boolean {
    return UNSPECIFIED.has(address);
}

export function isIpAddress(address: string): boolean {
    return isIP(address) !== 0;
}

export function isLoopbackAddress(address: string): boolean {
    if (isIP(address) === 4) {
        return address.startsWith("127.");
    }
    return address === "::1";
}

/** A name or IP literal a client can dial: no scheme, no port, no spaces. */
export function isDialableHost(host: string): boolean {
    return !isUnspecifiedAddress(host) && (isIpAddress(host) || HOSTNAME.test(host));
}

/** Where a browser reaches a published port: the bound address, or the advertised host when bound to all. */
export function publishedHost(stack: { readonly bindAddress: string; readonly advertisedHost: string }): string {
    return isUnspecifiedAddress(stack.bindAddress) ? stack.advertisedHost : stack.bindAddress;
}
