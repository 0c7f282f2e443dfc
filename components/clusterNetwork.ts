import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { dockerLabels } from "../lib/render/names";
import { StackAddresses } from "../lib/render/networkAddresses";

export interface ClusterNetworkArgs {
    /** Docker name of the network; carries the stack so stacks can share a host. */
    readonly networkName: string;
    readonly stack: string;
    /** The declared subnet; containers take fixed addresses in it, Docker hands out only `dynamicRange`. */
    readonly addresses: StackAddresses;
}

/**
 * The user-defined bridge network every container of the stack joins. Docker's
 * embedded DNS on it resolves the aliases the INTERNAL listeners advertise,
 * always to the same address (see networkAddresses.ts).
 */
export class ClusterNetwork extends pulumi.ComponentResource {
    public readonly name: pulumi.Output<string>;

    constructor(name: string, args: ClusterNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:ClusterNetwork", name, {}, opts);
        const network = new docker.Network(
            `${name}-network`,
            {
                name: args.networkName,
                driver: "bridge",
                ipamConfigs: [{ subnet: args.addresses.subnet, gateway: args.addresses.gateway, ipRange: args.addresses.dynamicRange }],
                labels: dockerLabels(args.stack, "network"),
            },
            { parent: this },
        );
        this.name = network.name;
        this.registerOutputs({ name: this.name });
    }
}
