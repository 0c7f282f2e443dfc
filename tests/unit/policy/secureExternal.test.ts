import { container, stackViolations, urnOf, violations } from "./harness";

const POLICY = "secure-external-listener";
const properties = (map: string) => [{ file: "/etc/kafka-cluster/server.properties", content: `broker.id=1\nlistener.security.protocol.map=${map}\n` }];
const broker = (ip: string, map: string) => container("kafka-1", { ports: [{ internal: 9092, external: 19092, ip }], uploads: properties(map) });

describe(POLICY, () => {
    it("accepts SASL_SSL on EXTERNAL beyond loopback, and anything on loopback", async () => {
        expect(await violations(POLICY, broker("0.0.0.0", "INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL"))).toEqual([]);
        expect(await violations(POLICY, broker("127.0.0.1", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT"))).toEqual([]);
    });

    it.each(["INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT", "INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT"])("rejects %s published beyond loopback", async (map) => {
        const external = map.split(",")[1]?.slice("EXTERNAL:".length);
        expect(await violations(POLICY, broker("192.168.1.20", map))).toEqual([
            `Container "kafka-1" publishes its EXTERNAL listener on 192.168.1.20:19092 speaking ${external}: a broker published beyond loopback must run SASL_SSL there; turn on security (security.enabled, with externalTls)`,
        ]);
    });
});

describe("no-plain-text-secret-outputs", () => {
    const stack = (props: Record<string, unknown>) => ({ type: "pulumi:pulumi:Stack", name: "kafka-cluster-dev", props });

    it("accepts a CA certificate and bootstrap servers", async () => {
        expect(await stackViolations("no-plain-text-secret-outputs", [stack({ caCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n", externalBootstrapServers: "127.0.0.1:19092" })])).toEqual([]);
    });

    it("rejects a private key or a password in an output", async () => {
        const leaky = stack({ key: "-----BEGIN PRIVATE KEY-----\nMIIE\n", client: { jaas: 'username="alice" password="hunter22";' } });
        expect(await stackViolations("no-plain-text-secret-outputs", [leaky])).toEqual([
            { message: "stack output key holds a PEM private key in plain text; export it with pulumi.secret() or not at all", urn: urnOf(leaky) },
            { message: "stack output client holds a password in plain text; export it with pulumi.secret() or not at all", urn: urnOf(leaky) },
        ]);
    });
});
