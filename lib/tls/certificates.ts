import * as crypto from "crypto";
import * as forge from "node-forge";

// A small CA and its broker certificates. Node's crypto makes the keys (PKCS#8,
// which Kafka's PEM keystores require); node-forge signs the certificates,
// which Node's crypto cannot. Called only from the dynamic resources in
// components/brokerCertificates.ts, which keep the results in state so that
// nothing is generated again unless its inputs change.

export interface KeyAndCertificate {
    readonly certPem: string;
    /** PKCS#8, unencrypted. */
    readonly keyPem: string;
}

export interface BrokerCertificateRequest {
    readonly commonName: string;
    readonly dnsNames: readonly string[];
    readonly ipAddresses: readonly string[];
}

const CA_DAYS = 3650;
const BROKER_DAYS = 825;

export function generateCa(commonName: string): KeyAndCertificate {
    const { publicPem, privatePem } = rsaKeyPair();
    const cert = baseCertificate(publicPem, CA_DAYS);
    const subject = [{ name: "commonName", value: commonName }];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
        { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
        { name: "subjectKeyIdentifier" },
    ]);
    cert.sign(forge.pki.privateKeyFromPem(privatePem), forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: privatePem };
}

/** A server certificate for one broker, signed by `ca`, valid for every name clients dial. */
export function issueBrokerCertificate(ca: KeyAndCertificate, request: BrokerCertificateRequest): KeyAndCertificate {
    const { publicPem, privatePem } = rsaKeyPair();
    const caCert = forge.pki.certificateFromPem(ca.certPem);
    const cert = baseCertificate(publicPem, BROKER_DAYS);
    cert.setSubject([{ name: "commonName", value: request.commonName }]);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
            name: "subjectAltName",
            altNames: [...request.dnsNames.map((value) => ({ type: 2, value })), ...request.ipAddresses.map((ip) => ({ type: 7, ip }))],
        },
    ]);
    cert.sign(privateKeyOf(ca.keyPem), forge.md.sha256.create());
    return { certPem: forge.pki.certificateToPem(cert), keyPem: privatePem };
}

/** What a PEM keystore (ssl.keystore.type=PEM) holds: the key, then the chain up to the CA. */
export function pemKeystore(leaf: KeyAndCertificate, caCertPem: string): string {
    return [leaf.keyPem.trim(), leaf.certPem.trim(), caCertPem.trim(), ""].join("\n");
}

/** SHA-256 fingerprint of a PEM certificate, as `openssl x509 -fingerprint -sha256` prints it. */
export function fingerprint(certPem: string): string {
    const der = forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certPem))).getBytes();
    const digest = forge.md.sha256.create().update(der).digest().toHex().toUpperCase();
    return digest.match(/../g)?.join(":") ?? digest;
}

/** Both PKCS#8 and PKCS#1 keys, for a CA the user brings. */
function privateKeyOf(pem: string): forge.pki.rsa.PrivateKey {
    return forge.pki.privateKeyFromPem(pem);
}

function rsaKeyPair(): { publicPem: string; privatePem: string } {
    const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", {
        modulusLength: 2048,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    return { publicPem: publicKey, privatePem: privateKey };
}

function baseCertificate(publicPem: string, days: number): forge.pki.Certificate {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
    // Positive, random, 16 bytes: unique per issue, as RFC 5280 asks.
    cert.serialNumber = `01${crypto.randomBytes(15).toString("hex")}`;
    const now = new Date();
    cert.validity.notBefore = new Date(now.getTime() - 5 * 60_000);
    cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
    return cert;
}
