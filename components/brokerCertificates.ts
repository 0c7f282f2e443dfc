import * as pulumi from "@pulumi/pulumi";
import { fingerprint, generateCa, issueBrokerCertificate, KeyAndCertificate, pemKeystore } from "../lib/tls/certificates";

// TLS material for the EXTERNAL listener, generated inside the program
// (@pulumi/tls cannot be built here) by two dynamic resources: the CA, and one
// certificate per broker. Each is generated once, on create, and kept in the
// stack's state as secrets; its diff replaces it only when an input changes
// (the SANs, the CA, or the rotation counter), so a no-op `up` issues nothing
// and no broker is replaced for it.

interface CaInputs {
    readonly commonName: string;
    /** A CA the user brings; when set, it is used as is. */
    readonly provided?: KeyAndCertificate;
}

interface BrokerCertInputs {
    readonly caCertPem: string;
    readonly caKeyPem: string;
    readonly commonName: string;
    readonly dnsNames: string[];
    readonly ipAddresses: string[];
    /** security.tls.rotation: bumping it re-issues the certificate. */
    readonly rotation: number;
}

/** Which inputs differ; every difference replaces, because a certificate cannot change in place. */
function changedKeys(olds: Record<string, unknown>, news: Record<string, unknown>, keys: readonly string[]): string[] {
    return keys.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
}

const caProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: CaInputs) {
        const ca = inputs.provided ?? generateCa(inputs.commonName);
        const id = fingerprint(ca.certPem);
        return { id, outs: { ...inputs, certPem: ca.certPem, keyPem: ca.keyPem, fingerprint: id } };
    },
    async diff(_id: string, olds: CaInputs, news: CaInputs) {
        const replaces = changedKeys({ ...olds }, { ...news }, ["commonName", "provided"]);
        return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
    },
};

const brokerCertProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: BrokerCertInputs) {
        const ca = { certPem: inputs.caCertPem, keyPem: inputs.caKeyPem };
        const leaf = issueBrokerCertificate(ca, inputs);
        const id = fingerprint(leaf.certPem);
        return { id, outs: { ...inputs, certPem: leaf.certPem, keystorePem: pemKeystore(leaf, inputs.caCertPem), fingerprint: id } };
    },
    async diff(_id: string, olds: BrokerCertInputs, news: BrokerCertInputs) {
        const replaces = changedKeys({ ...olds }, { ...news }, ["caCertPem", "commonName", "dnsNames", "ipAddresses", "rotation"]);
        return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
    },
};

class CertificateAuthority extends pulumi.dynamic.Resource {
    declare public readonly certPem: pulumi.Output<string>;
    declare public readonly keyPem: pulumi.Output<string>;

    constructor(name: string, inputs: { commonName: string; provided?: pulumi.Input<KeyAndCertificate> }, opts?: pulumi.CustomResourceOptions) {
        super(caProvider, name, { ...inputs, certPem: undefined, keyPem: undefined, fingerprint: undefined }, { ...opts, additionalSecretOutputs: ["keyPem", "provided"] }, "kafka-cluster", "CertificateAuthority");
    }
}

class BrokerCertificate extends pulumi.dynamic.Resource {
    declare public readonly certPem: pulumi.Output<string>;
    declare public readonly keystorePem: pulumi.Output<string>;
    declare public readonly fingerprint: pulumi.Output<string>;

    constructor(name: string, inputs: { [K in keyof BrokerCertInputs]: pulumi.Input<BrokerCertInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(
            brokerCertProvider,
            name,
            { ...inputs, certPem: undefined, keystorePem: undefined, fingerprint: undefined },
            { ...opts, additionalSecretOutputs: ["keystorePem", "caKeyPem"] },
            "kafka-cluster",
            "BrokerCertificate",
        );
    }
}

export interface BrokerCertificatesArgs {
    /** Subject of a generated CA; it names the stack so two stacks' CAs are told apart. */
    readonly caCommonName: string;
    /** A CA of the user's own (security.tls.caCert, caKey). */
    readonly providedCa?: { readonly certPem: string; readonly keyPem: pulumi.Input<string> };
    readonly rotation: number;
    /** One entry per broker: the names its certificate must cover. */
    readonly brokers: readonly { readonly id: number; readonly dnsNames: string[]; readonly ipAddresses: string[] }[];
}

/** The stack's CA and one certificate per broker, for SASL_SSL on EXTERNAL. */
export class BrokerCertificates extends pulumi.ComponentResource {
    /** Not a secret: clients need it to trust the brokers. */
    public readonly caCertPem: pulumi.Output<string>;
    /** Each broker's PEM keystore (key, certificate, CA), secret, by broker id. */
    public readonly keystores: ReadonlyMap<number, pulumi.Output<string>>;
    /** Each broker certificate's SHA-256 fingerprint, by broker id. */
    public readonly fingerprints: ReadonlyMap<number, pulumi.Output<string>>;

    constructor(name: string, args: BrokerCertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kafka-cluster:index:BrokerCertificates", name, {}, opts);
        const provided = args.providedCa && pulumi.secret(pulumi.output(args.providedCa.keyPem).apply((keyPem) => ({ certPem: args.providedCa?.certPem ?? "", keyPem })));
        const ca = new CertificateAuthority(`${name}-ca`, { commonName: args.caCommonName, provided }, { parent: this });
        this.caCertPem = pulumi.unsecret(ca.certPem);
        const keystores = new Map<number, pulumi.Output<string>>();
        const fingerprints = new Map<number, pulumi.Output<string>>();
        for (const broker of args.brokers) {
            const cert = new BrokerCertificate(
                `${name}-broker-${broker.id}`,
                {
                    caCertPem: ca.certPem,
                    caKeyPem: ca.keyPem,
                    commonName: broker.dnsNames[0] ?? broker.ipAddresses[0] ?? `kafka-${broker.id}`,
                    dnsNames: broker.dnsNames,
                    ipAddresses: broker.ipAddresses,
                    rotation: args.rotation,
                },
                { parent: this },
            );
            keystores.set(broker.id, cert.keystorePem);
            fingerprints.set(broker.id, cert.fingerprint);
        }
        this.keystores = keystores;
        this.fingerprints = fingerprints;
        this.registerOutputs({ caCertPem: this.caCertPem });
    }
}
