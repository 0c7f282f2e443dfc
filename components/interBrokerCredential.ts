import * as pulumi from "@pulumi/pulumi";
import * as crypto from "crypto";

// The passwords of the stack's own principals (lib/render/security.ts): the
// brokers' SCRAM password (INTER_BROKER_USERNAME) and, in KRaft mode, the
// CONTROLLER listener's PLAIN password (CONTROLLER_USERNAME). Each is generated
// once by a dynamic resource and kept in the stack's state as a secret. Nobody
// types them and nothing outside the stack needs them, so they have no config
// key; one changes only if its resource is replaced (`pulumi up --replace <urn>`),
// which replaces every node holding it.

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

/** A generated password; `type` names the resource's type, which keeps existing stacks' URNs. */
class GeneratedCredential extends pulumi.dynamic.Resource {
    declare public readonly password: pulumi.Output<string>;

    constructor(type: string, name: string, opts?: pulumi.CustomResourceOptions) {
        super(credentialProvider, name, { password: undefined }, { ...opts, additionalSecretOutputs: ["password"] }, "kafka-cluster", type);
    }
}

export class InterBrokerCredential extends GeneratedCredential {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("InterBrokerCredential", name, opts);
    }
}

/** KRaft mode: what brokers and controllers log in to the CONTROLLER listener with. */
export class ControllerCredential extends GeneratedCredential {
    constructor(name: string, opts?: pulumi.CustomResourceOptions) {
        super("ControllerCredential", name, opts);
    }
}
