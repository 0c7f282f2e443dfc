import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

// Settings every long-running service container of the cluster shares.

/** Seconds a container gets to shut down cleanly; Kafka needs tens of seconds to hand off leadership. */
export const STOP_GRACE_SECONDS = 60;

export interface ServiceContainerArgs {
    readonly networkName: pulumi.Input<string>;
    readonly alias: string;
    /**
     * Fixed address on the stack's subnet: a replacement comes back where the old
     * container was. Containers nothing dials by address (Nginx, the log shipper)
     * take one from Docker's dynamic range.
     * @default assigned by Docker
     */
    readonly ipv4Address?: string;
    readonly labels: { label: string; value: string }[];
}

/**
 * Restart unless stopped, attach to the stack's network under a stable alias and address,
 * stop gracefully on replace and destroy (the provider kills at once otherwise),
 * and bring the healthcheck's verdict into `pulumi up` by waiting for it.
 */
export function serviceContainerDefaults(args: ServiceContainerArgs) {
    return {
        hostname: args.alias,
        restart: "unless-stopped",
        networksAdvanced: [{ name: args.networkName, aliases: [args.alias], ipv4Address: args.ipv4Address }],
        labels: args.labels,
        stopTimeout: STOP_GRACE_SECONDS,
        destroyGraceSeconds: STOP_GRACE_SECONDS,
        wait: true,
        mustRun: true,
    } satisfies Partial<docker.ContainerArgs>;
}

/**
 * Fixed names and host ports cannot exist twice, so a replacement must delete the
 * old container first. The docker provider asks for this itself; saying it here
 * keeps it true for replacements the engine triggers on its own.
 */
export const serviceContainerOptions = { deleteBeforeReplace: true } as const;

/** A pinned image, pulled once and kept on the host when the stack goes. */
export function pinnedImage(name: string, reference: string, parent: pulumi.Resource): docker.RemoteImage {
    return new docker.RemoteImage(name, { name: reference, keepLocally: true }, { parent });
}
