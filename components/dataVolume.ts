import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

export interface DataVolumeArgs {
    readonly volumeName: string;
    readonly labels: { label: string; value: string }[];
    /** Make deleting or replacing the volume an error. */
    readonly protect: boolean;
    /** Leave the volume (and its data) on the host when the stack is destroyed. */
    readonly keepOnDestroy: boolean;
}

/**
 * A named volume for data that must outlive its container: a replaced broker
 * comes back with its partitions, and a destroyed stack can be brought back.
 * Docker hands back the existing volume when one of the same name is created
 * again, which is what lets `up` after `destroy` find the kept data.
 */
export function dataVolume(name: string, args: DataVolumeArgs, parent: pulumi.Resource): docker.Volume {
    return new docker.Volume(
        name,
        { name: args.volumeName, labels: args.labels },
        { parent, protect: args.protect, retainOnDelete: args.keepOnDestroy },
    );
}
