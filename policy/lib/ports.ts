import { DOCKER_DEFAULT_BIND, hostBinding, isLoopbackAddress } from "./addresses";
import { ContainerInputs } from "./resources";

export interface PublicPort {
    /** `ports[0]` */
    readonly field: string;
    readonly internal?: number;
    /** `0.0.0.0:19092` */
    readonly binding: string;
    /** The ip was left unset and Docker's default applies. */
    readonly defaulted: boolean;
}

/** The container's published ports that bind to something other than loopback. */
export function publicPorts(container: ContainerInputs): PublicPort[] {
    const found: PublicPort[] = [];
    (container.ports ?? []).forEach((port, i) => {
        const defaulted = port.ip === undefined || port.ip === "";
        const address = defaulted ? DOCKER_DEFAULT_BIND : (port.ip as string);
        if (!isLoopbackAddress(address)) {
            found.push({
                field: `ports[${i}]`,
                internal: port.internal,
                binding: hostBinding(address, port.external),
                defaulted,
            });
        }
    });
    return found;
}
