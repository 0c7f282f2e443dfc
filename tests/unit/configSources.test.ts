// Inputs that would otherwise be ignored without a word or only fail at `up`:
// keys under another namespace, secrets stored in plain text, broker images
// that cannot run this stack. Set before the SDK loads, as the CLI does.
process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(["kafka-cluster:uiPassword"]);

import { ConfigContext, isConfigSecret, parseConfig, RawConfig } from "../../config";
import { ConfigValidationError } from "../../lib/config/problems";

function verdict(raw: RawConfig, context: Partial<ConfigContext> = {}): { problems: readonly string[]; warnings: readonly string[] } {
    try {
        const config = parseConfig({ topics: {}, ...raw }, { project: "kafka-cluster", stack: "dev", ...context });
        return { problems: [], warnings: config.warnings };
    } catch (error) {
        if (error instanceof ConfigValidationError) return { problems: error.problems, warnings: [] };
        throw error;
    }
}

describe("keys under another namespace", () => {
    it("refuses one of this program's keys written under another namespace", () => {
        expect(verdict({}, { foreignKeys: ["kafka:brokers"] }).problems).toEqual([
            "kafka:brokers is set under the namespace kafka, but this program reads kafka-cluster:brokers; run: pulumi config rm kafka:brokers --stack dev, then pulumi config set brokers <value> --stack dev",
        ]);
    });

    it("refuses settings of the default Kafka provider, which the program never uses", () => {
        expect(verdict({}, { foreignKeys: ["kafka:bootstrapServers"] }).problems).toEqual([
            "kafka:bootstrapServers configures Pulumi's default Kafka provider, which this program never uses (it builds its own provider from the brokers' EXTERNAL listeners), so it would be ignored; run: pulumi config rm kafka:bootstrapServers --stack dev",
        ]);
    });

    it("leaves docker:host to the Docker provider that reads it", () => {
        expect(verdict({}, { foreignKeys: ["docker:host", "pulumi:tags"] })).toEqual({ problems: [], warnings: [] });
    });

    it("warns about other namespaces, suggesting the key meant", () => {
        expect(verdict({}, { foreignKeys: ["kafka-clstr:brokerz", "aws:region"] }).warnings).toEqual([
            "kafka-clstr:brokerz is not read by this program, whose settings are kafka-cluster:<key>; did you mean kafka-cluster:brokers?",
            "aws:region is not read by this program, whose settings are kafka-cluster:<key>",
        ]);
    });

    it("refuses a mistyped project namespace in front of one of its keys", () => {
        expect(verdict({}, { foreignKeys: ["kafka-clster:uiPort"] }).problems).toEqual([
            "kafka-clster:uiPort is set under the namespace kafka-clster, but this program reads kafka-cluster:uiPort; run: pulumi config rm kafka-clster:uiPort --stack dev, then pulumi config set uiPort <value> --stack dev",
        ]);
    });
});

describe("secrets", () => {
    it("refuses a secret stored in plain text", () => {
        expect(verdict({}, { plainTextSecrets: ["uiPassword"] }).problems).toEqual([
            "uiPassword is stored in plain text in Pulumi.dev.yaml; store it encrypted: pulumi config set --secret uiPassword <value> --stack dev",
        ]);
    });

    it("tells encrypted keys from plain ones through the pinned SDK", () => {
        expect(isConfigSecret("kafka-cluster:uiPassword")).toBe(true);
        expect(isConfigSecret("kafka-cluster:uiUsername")).toBe(false);
    });
});

describe("broker images", () => {
    it.each([
        [
            "Kafka 4, which has no ZooKeeper mode",
            { brokerImage: "apache/kafka:4.1.1" },
            'brokerImage is "apache/kafka:4.1.1", which runs Kafka 4.1; Kafka 4 has no ZooKeeper mode, and metadataMode is zookeeper, which needs Kafka 3.9 (apache/kafka:3.9.1, the default for metadataMode zookeeper); a new stack can run Kafka 4 with metadataMode kraft',
        ],
        [
            "Confluent Platform 8, which is Kafka 4",
            { brokerImage: "confluentinc/cp-kafka:8.0.0" },
            'brokerImage is "confluentinc/cp-kafka:8.0.0", which runs Kafka 4.0; Kafka 4 has no ZooKeeper mode, and metadataMode is zookeeper, which needs Kafka 3.9 (apache/kafka:3.9.1, the default for metadataMode zookeeper); a new stack can run Kafka 4 with metadataMode kraft',
        ],
        [
            "a Kafka version the settings are not checked against",
            { brokerImage: "apache/kafka:3.7.0" },
            'brokerImage is "apache/kafka:3.7.0", which runs Kafka 3.7; ZooKeeper mode ended with Kafka 3.9, so only Kafka 3.9 is supported with metadataMode zookeeper (apache/kafka:3.9.1, the default for metadataMode zookeeper)',
        ],
        [
            "Kafka 3.9 in KRaft mode",
            { metadataMode: "kraft", brokerImage: "apache/kafka:3.9.1" },
            'brokerImage is "apache/kafka:3.9.1", which runs Kafka 3.9; metadataMode kraft runs Kafka 4.4 (apache/kafka:4.4.0, the default for metadataMode kraft), and Kafka 3.x is only supported with metadataMode zookeeper',
        ],
        [
            "a Kafka 4 line KRaft mode's settings are not checked against",
            { metadataMode: "kraft", brokerImage: "apache/kafka:4.1.1" },
            "brokerImage is \"apache/kafka:4.1.1\", which runs Kafka 4.1; KRaft mode's broker and topic settings are checked against Kafka 4.4's own definitions, so only Kafka 4.4 is supported with metadataMode kraft (apache/kafka:4.4.0, the default for metadataMode kraft)",
        ],
        [
            "a user kafkaHome where the image has none",
            { kafkaHome: "/opt/kafka_2.13" },
            'kafkaHome is "/opt/kafka_2.13" but apache/kafka keeps Kafka in /opt/kafka; set kafkaHome to /opt/kafka',
        ],
        [
            "an image whose layout the default kafkaHome misses",
            { brokerImage: "bitnami/kafka:3.9.0" },
            'brokerImage is "bitnami/kafka:3.9.0", which keeps Kafka in /opt/bitnami/kafka, but kafkaHome is /opt/kafka (its default); run: pulumi config set kafkaHome /opt/bitnami/kafka',
        ],
    ])("refuses %s", (_what, raw, message) => {
        expect(verdict(raw).problems).toEqual([message]);
    });

    it("accepts the official image and the offline stand-in at their layout", () => {
        expect(verdict({ brokerImage: "apache/kafka:3.9.1" })).toEqual({ problems: [], warnings: [] });
        expect(verdict({ brokerImage: "kafka-cluster-test/kafka:3.9.1" })).toEqual({ problems: [], warnings: [] });
        expect(verdict({ brokerImage: "bitnami/kafka:3.9.0", kafkaHome: "/opt/bitnami/kafka" })).toEqual({ problems: [], warnings: [] });
        expect(verdict({ metadataMode: "kraft", brokerImage: "apache/kafka:4.4.0" })).toEqual({ problems: [], warnings: [] });
    });

    it("runs each metadata mode's pinned image when brokerImage is left empty, as Pulumi.yaml declares it", () => {
        expect(parseConfig({ brokerImage: "" }, { project: "p", stack: "s" }).brokers.image).toBe("apache/kafka:3.9.1");
        expect(parseConfig({ brokerImage: "", metadataMode: "kraft" }, { project: "p", stack: "s" }).brokers.image).toBe("apache/kafka:4.4.0");
    });

    it("warns when it cannot tell an image's Kafka version", () => {
        expect(verdict({ brokerImage: "registry.example.com/team/kafka:2026.11" }).warnings).toEqual([
            'brokerImage "registry.example.com/team/kafka:2026.11" is not an image the program knows (apache/kafka, bitnami/kafka); it must run Kafka 3.9 and hold bin/kafka-server-start.sh under kafkaHome (/opt/kafka)',
        ]);
        expect(verdict({ metadataMode: "kraft", brokerImage: "registry.example.com/team/kafka:2026.11" }).warnings).toEqual([
            'brokerImage "registry.example.com/team/kafka:2026.11" is not an image the program knows (apache/kafka, bitnami/kafka); it must run Kafka 4.4 and hold bin/kafka-server-start.sh under kafkaHome (/opt/kafka)',
        ]);
    });
});
