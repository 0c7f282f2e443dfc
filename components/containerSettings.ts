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

export interface OneShotContainerArgs {
    readonly containerName: string;
    readonly imageId: pulumi.Input<string>;
    readonly networkName: pulumi.Input<string>;
    readonly labels: { label: string; value: string }[];
    readonly command: string[];
    readonly envs?: pulumi.Input<string>[];
    /** Files it reads; secrets go here, never into env or command line. */
    readonly uploads?: docker.types.input.ContainerUpload[];
    /** Keep its output in the stack's state (the provider's `logs`). @default false */
    readonly logs?: boolean;
    /** The error `up` fails with when it exits non-zero, given the exit code. */
    readonly failure: (exitCode: number) => string;
}

/**
 * A container that runs once to completion during `up` (`attach`) and stays,
 * exited, as the record that it ran: a removed one would be created, and run,
 * again on every `up`. It runs again only when it is replaced, that is when an
 * input changes (a new id of the container it waits for, a new password).
 */
export function oneShotContainer(name: string, args: OneShotContainerArgs, opts: pulumi.CustomResourceOptions): docker.Container {
    const container = new docker.Container(
        name,
        {
            name: args.containerName,
            image: args.imageId,
            networksAdvanced: [{ name: args.networkName }],
            labels: args.labels,
            command: args.command,
            envs: args.envs,
            uploads: args.uploads,
            attach: true,
            logs: args.logs,
            mustRun: false,
            restart: "no",
        },
        { deleteBeforeReplace: true, ...opts },
    );
    // The docker provider records a failed run's exit code without failing; fail here, naming why.
    container.exitCode.apply((code) => {
        if (code !== undefined && code !== 0) {
            throw new Error(args.failure(code));
        }
    });
    return container;
}

/** A pinned image, pulled once and kept on the host when the stack goes. */
export function pinnedImage(name: string, reference: string, parent: pulumi.Resource): docker.RemoteImage {
    return new docker.RemoteImage(name, { name: reference, keepLocally: true }, { parent });
}
