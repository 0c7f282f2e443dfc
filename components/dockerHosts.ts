import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { DockerHostSpec } from "../lib/config/hostsConfig";
import type { StackAddresses } from "../lib/render/networkAddresses";
import { ClusterNetwork } from "./clusterNetwork";

// One explicit Docker provider per declared host, never the default one: a
// resource that forgot its provider would otherwise land silently on whatever
// engine DOCKER_HOST points at.

export interface DockerHostArgs {
    readonly spec: DockerHostSpec;
    readonly networkName: string;
    readonly stack: string;
    /** Every host's network has the same subnet and fixed addresses: they never meet. */
    readonly addresses: StackAddresses;
}

/** One Docker engine of the stack: its provider, the stack's network on it, and the images pulled there. */
export class DockerHost extends pulumi.ComponentResource {
    public readonly spec: DockerHostSpec;
    /** Options that put a component's resources on this host's engine. */
    public readonly opts: pulumi.ComponentResourceOptions;
    /** The stack's network on this host; it joins this host's containers only. */
    public readonly networkName: pulumi.Output<string>;
    private readonly images = new Map<string, docker.RemoteImage>();
    private readonly provider: docker.Provider;
    private readonly name: string;

    constructor(name: string, args: DockerHostArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:DockerHost", name, {}, opts);
        this.spec = args.spec;
        this.name = name;
        const tls = args.spec.tls;
        const provider = (this.provider = new docker.Provider(
            `${name}-engine`,
            {
                host: args.spec.endpoint,
                // Secrets, so neither the state nor the preview shows the key material.
                ...(tls ? { caMaterial: pulumi.secret(tls.ca), certMaterial: pulumi.secret(tls.cert), keyMaterial: pulumi.secret(tls.key) } : {}),
            },
            { parent: this },
        ));
        this.opts = { parent: opts?.parent, providers: { docker: provider } };
        const network = new ClusterNetwork(`${name}-network`, { networkName: args.networkName, stack: args.stack, addresses: args.addresses }, { parent: this, providers: { docker: provider } });
        this.networkName = network.name;
        this.registerOutputs({});
    }

    /** A pinned image on this host's engine, pulled once per role. */
    imageId(role: "broker" | "zookeeper" | "ui", reference: string): pulumi.Output<string> {
        let image = this.images.get(role);
        if (!image) {
            image = new docker.RemoteImage(`${this.name}-${role}-image`, { name: reference, keepLocally: true }, { parent: this, provider: this.provider });
            this.images.set(role, image);
        }
        return image.imageId;
    }
}
