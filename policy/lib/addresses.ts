import { isIP } from "node:net";

/** Docker publishes on every interface when a port binding names no address. */
export const DOCKER_DEFAULT_BIND = "0.0.0.0";

export function isLoopbackAddress(address: string): boolean {
    const bare = address.replace(/^\[(.*)\]$/, "$1");
    switch (isIP(bare)) {
        case 4:
            return bare.startsWith("127.");
        case 6:
            return bare === "::1";
        default:
            return false;
    }
}

/** `127.0.0.1:19092`, `[::]:19092`, or the address alone when Docker picks the host port. */
export function hostBinding(address: string, port: number | undefined): string {
    const host = isIP(address) === 6 ? `[${address}]` : address;
    return port === undefined ? `${host} (random host port)` : `${host}:${port}`;
}
