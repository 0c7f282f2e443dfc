import * as pulumi from "@pulumi/pulumi";
import * as crypto from "crypto";

// The brokers' own SCRAM password (lib/render/security.ts, INTER_BROKER_USERNAME),
// generated once by a dynamic resource and kept in the stack's state as a secret.
// Nobody types it and nothing outside the stack needs it, so it has no config
// key; it changes only if the resource is replaced (`pulumi up --replace <urn>`),
// which replaces every broker with it.

const credentialProvider: pulumi.dynamic.ResourceProvider = {
    async create() {
        // 32 random bytes; base64url keeps it free of characters JAAS or a properties file would need escaped.
        const password = crypto.randomBytes(32).toString("base64url");
        return { id: crypto.randomBytes(8).toString("hex"), outs: { password } };
    },
    async diff() {
        return { changes: false };
    },
};

export class InterBrokerCredential extends pulumi.dynamic.Resource {
    declare public readonly password: pulumi.Output<string>;

    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super(credentialProvider, name, { password: undefined }, { ...opts, additionalSecretOutputs: ["password"] }, "kafka-cluster", "InterBrokerCredential");
    }
}
