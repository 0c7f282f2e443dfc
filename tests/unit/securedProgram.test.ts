import { ADMIN_CLIENT_PROPERTIES_PATH, ADMIN_SCRAM_FILE_PATH, BROKER_JAAS_PATH, BROKER_KEYSTORE_PATH, BROKER_SCRAM_FILE_PATH, CONTROLLER_JAAS_PATH, FORMAT_SCRAM_PATH } from "../../lib/render/security";
import { CONTROLLER_HEALTHCHECK_PATH } from "../../lib/render/controllerHealthcheck";
import { UI_JAAS_PATH } from "../../components/kafkaUi";
import { envOf, isSecret, runProgram, TYPES, uploadOf, uploadsOf } from "./support/program";
import { parseProperties } from "./support/properties";

// A secured stack under mocks: what `pulumi preview` would be asked to create,
// and where the credentials go (and, above all, where they do not).

const PASSWORDS = { admin: "admin-pw-4f1c", alice: "alice-pw-9d2e", ui: "ui-pw-77ab", brokers: "kafka-inter-broker-credential password", controllers: "kafka-controller-credential password" };
const SECURITY = {
    enabled: true,
    adminPassword: PASSWORDS.admin,
    users: { alice: { password: PASSWORDS.alice }, "kafka-ui": { password: PASSWORDS.ui } },
    acls: { alice: [{ topic: "orders", operations: ["Read", "Write"] }] },
};
const SERVER_PROPERTIES = "/etc/kafka-cluster/server.properties";
const INVENTORY = `${TYPES.dynamic}/kafka-cluster:AccessInventory`;

describe("a secured 2-broker stack", () => {
    let run: Awaited<ReturnType<typeof runProgram>>;
    const containers = () => run.ofType(TYPES.container);
    const byName = (suffix: string) => run.named(TYPES.container, `kafka-cluster-sec-${suffix}`);
    beforeAll(async () => {
        run = await runProgram({
            stack: "sec",
            config: { brokers: 2, uiReadOnly: true, topics: { orders: { partitions: 2, replicationFactor: 2 } } },
            secrets: { security: JSON.stringify(SECURITY) },
        });
    }, 60_000);

    it("writes the admin's and the brokers' credentials into ZooKeeper before the first broker starts", () => {
        const bootstrap = byName("scram-bootstrap");
        expect(bootstrap.inputs).toMatchObject({ attach: true, mustRun: false, restart: "no" });
        const script = bootstrap.inputs.command.join(" ");
        expect(script).toContain(`kafka-configs.sh --zookeeper zookeeper:2181 --alter --add-config-file ${ADMIN_SCRAM_FILE_PATH} --entity-type users --entity-name 'admin'`);
        expect(script).toContain(`kafka-configs.sh --zookeeper zookeeper:2181 --alter --add-config-file ${BROKER_SCRAM_FILE_PATH} --entity-type users --entity-name 'kafka-broker'`);
        expect(uploadOf(bootstrap, ADMIN_SCRAM_FILE_PATH)).toBe(`SCRAM-SHA-512=iterations=8192,password=${PASSWORDS.admin}\n`);
        expect(uploadOf(bootstrap, BROKER_SCRAM_FILE_PATH)).toBe(`SCRAM-SHA-512=iterations=8192,password=${PASSWORDS.brokers}\n`);
        // Once ZooKeeper answers: kafka-configs.sh --zookeeper gives up on one that does not yet.
        expect(bootstrap.options.dependsOn).toContain(byName("zookeeper-answering").urn);
        for (const id of [1, 2]) {
            expect(byName(`kafka-${id}`).options.dependsOn).toContain(bootstrap.urn);
        }
    });

    it("renders SASL on both listeners, TLS on EXTERNAL and the ACL authorizer", () => {
        const properties = parseProperties(uploadOf(byName("kafka-1"), SERVER_PROPERTIES));
        expect(properties).toMatchObject({
            "listener.security.protocol.map": "INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL",
            "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
            "authorizer.class.name": "kafka.security.authorizer.AclAuthorizer",
            "super.users": "User:admin;User:kafka-broker",
            "allow.everyone.if.no.acl.found": "false",
            "listener.name.external.ssl.keystore.type": "PEM",
            "listener.name.external.ssl.keystore.location": BROKER_KEYSTORE_PATH,
        });
    });

    it("keeps every password out of rendered files, env and command lines, and secret where it is uploaded", () => {
        const everyPassword = new RegExp(Object.values(PASSWORDS).join("|"));
        for (const container of containers()) {
            for (const upload of uploadsOf(container)) {
                // Only the files meant to hold a credential may; their uploads are then secret as a whole.
                const holdsOne = everyPassword.test(upload.content);
                const meant = [BROKER_JAAS_PATH, UI_JAAS_PATH, ADMIN_SCRAM_FILE_PATH, BROKER_SCRAM_FILE_PATH].includes(upload.file);
                expect(`${container.inputs.name}:${upload.file}: ${holdsOne ? "credential" : "none"}`).toBe(`${container.inputs.name}:${upload.file}: ${meant ? "credential" : "none"}`);
                if (meant) expect(isSecret(container.inputs.uploads)).toBe(true);
            }
            expect(JSON.stringify(container.inputs.envs ?? [])).not.toMatch(everyPassword);
            expect(JSON.stringify(container.inputs.command ?? [])).not.toMatch(everyPassword);
        }
        // Brokers log in as their own principal with the generated password; the admin's is in no broker.
        expect(uploadOf(byName("kafka-1"), BROKER_JAAS_PATH)).toContain(`username="kafka-broker"\n    password="${PASSWORDS.brokers}";`);
        expect(uploadOf(byName("kafka-1"), BROKER_JAAS_PATH)).not.toContain(PASSWORDS.admin);
        expect(uploadOf(byName("kafka-1"), BROKER_KEYSTORE_PATH)).toBe("kafka-tls-broker-1 keystore");
        expect(uploadOf(byName("kafka-ui"), UI_JAAS_PATH)).toContain(`username="kafka-ui"`);
        expect(envOf(byName("kafka-ui"), "KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL")).toBe("SASL_PLAINTEXT");
        expect(envOf(byName("kafka-1"), "KAFKA_OPTS")).toContain(`-Djava.security.auth.login.config=${BROKER_JAAS_PATH}`);
    });

    it("authenticates the Kafka provider as the admin over TLS, trusting the stack's CA", () => {
        const [provider] = run.ofType(TYPES.kafkaProvider);
        expect(provider?.inputs).toMatchObject({ saslMechanism: "scram-sha512", saslUsername: "admin", tlsEnabled: "true", skipTlsVerify: "false" });
        expect(isSecret(provider?.inputs.saslPassword)).toBe(true);
    });

    it("manages each user and each grant through that provider, kafka-ui read-only", () => {
        const [provider] = run.ofType(TYPES.kafkaProvider);
        const managed = [...run.ofType(TYPES.scramCredential), ...run.ofType(TYPES.acl)];
        expect(managed.every((resource) => resource.provider?.startsWith(provider?.urn ?? "none"))).toBe(true);
        expect(run.ofType(TYPES.scramCredential).map((user) => user.inputs.username).sort()).toEqual(["alice", "kafka-ui"]);
        // Known at plan time (no unknown password reaches the provider), and secret.
        expect(run.ofType(TYPES.scramCredential).every((user) => isSecret(user.inputs.password) && typeof user.inputs.password.value === "string")).toBe(true);
        expect(run.ofType(TYPES.acl).map((acl) => acl.name).sort()).toEqual([
            "kafka-access-acl-alice-topic-orders-read-allow",
            "kafka-access-acl-alice-topic-orders-write-allow",
            "kafka-access-acl-kafka-ui-cluster-kafka-cluster-describe-allow",
            "kafka-access-acl-kafka-ui-cluster-kafka-cluster-describeconfigs-allow",
            "kafka-access-acl-kafka-ui-group-*-describe-allow",
            "kafka-access-acl-kafka-ui-topic-*-describe-allow",
            "kafka-access-acl-kafka-ui-topic-*-describeconfigs-allow",
            "kafka-access-acl-kafka-ui-topic-*-read-allow",
        ]);
    });

    it("keeps an inventory of users and ACLs, read as the brokers' own principal after every declared one exists, that never touches the admin or the brokers", () => {
        const [inventory, ...others] = run.resources.filter((resource) => resource.type === INVENTORY);
        expect(others).toEqual([]);
        expect(inventory?.name).toBe("kafka-access-inventory");
        expect(inventory?.inputs).toMatchObject({
            bootstrapServers: ["127.0.0.1:19092", "127.0.0.1:19093"],
            username: "kafka-broker",
            mechanism: "SCRAM-SHA-512",
            caCertPem: "kafka-tls-ca certificate",
            users: ["alice (SCRAM-SHA-512)", "kafka-ui (SCRAM-SHA-512)"],
            keepUsers: ["admin", "kafka-broker"],
            undeclaredUsers: [],
            undeclaredAcls: [],
        });
        expect(inventory?.inputs.acls).toHaveLength(8);
        expect(inventory?.inputs.acls).toContain("User:alice ALLOW Read Topic:orders (LITERAL) host *");
        expect(isSecret(inventory?.inputs.password)).toBe(true);
        expect(inventory?.inputs.password.value).toBe(PASSWORDS.brokers);
        const declared = [...run.ofType(TYPES.scramCredential), ...run.ofType(TYPES.acl)].map((resource) => resource.urn);
        expect(declared).toHaveLength(10);
        expect(inventory?.options.dependsOn).toEqual(expect.arrayContaining(declared));
    });

    it("issues one certificate per broker covering its alias and the advertised IP, and exports the CA in clear", () => {
        const certificates = run.resources.filter((resource) => resource.type === `${TYPES.dynamic}/kafka-cluster:BrokerCertificate`);
        expect(certificates.map((cert) => [cert.inputs.dnsNames, cert.inputs.ipAddresses])).toEqual([
            [["kafka-1"], ["127.0.0.1"]],
            [["kafka-2"], ["127.0.0.1"]],
        ]);
        expect(run.outputs).toMatchObject({ externalSecurityProtocol: "SASL_SSL", caCertificate: "kafka-tls-ca certificate" });
    });
});

describe("rotating the admin's password", () => {
    it.each(["zookeeper", "kraft"])("in %s mode changes the bootstrap step's credential file and the provider's password, and no broker or controller", async (metadataMode) => {
        const settings = (adminPassword: string) => ({
            stack: "sec",
            config: { metadataMode, brokers: 2, uiReadOnly: true, topics: { orders: { partitions: 2, replicationFactor: 2 } } },
            secrets: { security: JSON.stringify({ ...SECURITY, adminPassword }) },
        });
        const [before, after] = [await runProgram(settings(PASSWORDS.admin)), await runProgram(settings("admin-pw-rotated"))];
        const inputsOf = (run: Awaited<ReturnType<typeof runProgram>>, type: string) =>
            Object.fromEntries(run.ofType(type).map((resource) => [resource.name, JSON.stringify(resource.inputs)]));
        const changed = (type: string) => {
            const [was, now] = [inputsOf(before, type), inputsOf(after, type)];
            return Object.keys(now).filter((name) => was[name] !== now[name]);
        };
        expect(changed(TYPES.container)).toEqual(["kafka-scram-bootstrap-container"]);
        expect(changed(TYPES.kafkaProvider)).toEqual(["kafka-admin-provider"]);
        expect(changed(TYPES.scramCredential)).toEqual([]);
        // The inventory logs in as the brokers' own principal: an admin rotation leaves it alone.
        expect(changed(INVENTORY)).toEqual([]);
    }, 60_000);
});

describe("a secured KRaft stack", () => {
    let run: Awaited<ReturnType<typeof runProgram>>;
    const byName = (suffix: string) => run.named(TYPES.container, `kafka-cluster-seck-${suffix}`);
    beforeAll(async () => {
        run = await runProgram({
            stack: "seck",
            config: { metadataMode: "kraft", brokers: 3, topics: { orders: { partitions: 2, replicationFactor: 3 } } },
            secrets: { security: JSON.stringify(SECURITY) },
        });
    }, 60_000);

    it("formats the brokers' credential in on each controller, read from an uploaded file, and writes the admin's through the brokers once they run", () => {
        const controller = byName("controller-1");
        const script = controller.inputs.command.join(" ");
        expect(script).toContain(`kafka-storage.sh format --ignore-formatted --cluster-id`);
        expect(script).toContain(`--add-scram "$(cat ${FORMAT_SCRAM_PATH})" && exec`);
        expect(uploadOf(controller, FORMAT_SCRAM_PATH)).toBe(`SCRAM-SHA-512=[name=kafka-broker,iterations=8192,password=${PASSWORDS.brokers}]`);
        expect(isSecret(controller.inputs.uploads)).toBe(true);

        const bootstrap = byName("scram-bootstrap");
        expect(bootstrap.inputs.command.join(" ")).toContain(
            `kafka-configs.sh --bootstrap-server kafka-1:19092,kafka-2:19092,kafka-3:19092 --command-config /etc/kafka-cluster/admin-client.properties --alter --add-config-file ${ADMIN_SCRAM_FILE_PATH} --entity-type users --entity-name 'admin'`,
        );
        expect(envOf(bootstrap, "KAFKA_OPTS")).toBe(`-Djava.security.auth.login.config=${BROKER_JAAS_PATH}`);
        expect(uploadOf(bootstrap, BROKER_JAAS_PATH)).toContain(`username="kafka-broker"`);
        expect(uploadOf(bootstrap, ADMIN_SCRAM_FILE_PATH)).toBe(`SCRAM-SHA-512=iterations=8192,password=${PASSWORDS.admin}\n`);
        for (const id of [1, 2, 3]) {
            expect(bootstrap.options.dependsOn).toContain(byName(`kafka-${id}-in-sync`).urn);
        }
        // The provider, which logs in as the admin, starts after it.
        const [provider] = run.ofType(TYPES.kafkaProvider);
        expect(provider?.options.dependsOn).toContain(bootstrap.urn);
        // No password on any command line or in any environment.
        for (const container of run.ofType(TYPES.container)) {
            expect(JSON.stringify([container.inputs.command, container.inputs.envs])).not.toMatch(new RegExp(Object.values(PASSWORDS).join("|")));
        }
    });

    it("asks whether each broker is in sync logged in as the brokers' principal, with that login alone: not the controllers' password", () => {
        for (const id of [1, 2, 3]) {
            const broker = byName(`kafka-${id}`);
            const inSync = byName(`kafka-${id}-in-sync`);
            expect(envOf(inSync, "KAFKA_OPTS")).toBe(envOf(broker, "KAFKA_OPTS"));
            expect(uploadOf(inSync, ADMIN_CLIENT_PROPERTIES_PATH)).toBe(uploadOf(broker, ADMIN_CLIENT_PROPERTIES_PATH));
            const login = uploadOf(inSync, BROKER_JAAS_PATH);
            expect(login).toContain(`username="kafka-broker"`);
            expect(login).toContain(PASSWORDS.brokers);
            // The broker's own JAAS file also holds its login on the CONTROLLER listener; the check's does not.
            expect(uploadOf(broker, BROKER_JAAS_PATH)).toContain(PASSWORDS.controllers);
            expect(JSON.stringify(uploadsOf(inSync))).not.toContain(PASSWORDS.controllers);
            expect(isSecret(inSync.inputs.uploads)).toBe(true);
        }
    });

    it("authorizes with StandardAuthorizer on brokers and controllers, and authenticates the CONTROLLER listener with PLAIN: nobody unauthenticated is a super user", () => {
        const broker = parseProperties(uploadOf(byName("kafka-1"), SERVER_PROPERTIES));
        expect(broker).toMatchObject({
            "listener.security.protocol.map": "INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT",
            "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
            "sasl.mechanism.controller.protocol": "PLAIN",
            "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users": "User:admin;User:kafka-broker",
            "allow.everyone.if.no.acl.found": "false",
        });
        const controller = parseProperties(uploadOf(byName("controller-1"), SERVER_PROPERTIES));
        expect(controller).toMatchObject({
            "listener.security.protocol.map": "CONTROLLER:SASL_PLAINTEXT",
            "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
            "sasl.mechanism.controller.protocol": "PLAIN",
            "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users": "User:admin;User:kafka-broker;User:kafka-controller",
            "allow.everyone.if.no.acl.found": "false",
        });
        expect(Object.values(controller).join(" ")).not.toContain("ANONYMOUS");
        // Brokers log in to each other with the generated credential the controllers formatted in.
        expect(uploadOf(byName("kafka-1"), BROKER_JAAS_PATH)).toContain(`username="kafka-broker"\n    password="${PASSWORDS.brokers}";`);
    });

    it("gives brokers and controllers the CONTROLLER login in their JAAS files only, and the controller's healthcheck the PLAIN client settings", () => {
        const login = `controller.KafkaServer {\n    org.apache.kafka.common.security.plain.PlainLoginModule required\n    username="kafka-controller"\n    password="${PASSWORDS.controllers}"`;
        for (const id of [1, 2, 3]) {
            const broker = byName(`kafka-${id}`);
            expect(uploadOf(broker, BROKER_JAAS_PATH)).toContain(`${login};\n};`);
            expect(isSecret(broker.inputs.uploads)).toBe(true);
        }
        const controller = byName("controller-1");
        expect(uploadOf(controller, CONTROLLER_JAAS_PATH)).toBe(
            `${login}\n    user_kafka-controller="${PASSWORDS.controllers}";\n};\n` +
                `KafkaClient {\n    org.apache.kafka.common.security.plain.PlainLoginModule required\n    username="kafka-controller"\n    password="${PASSWORDS.controllers}";\n};\n`,
        );
        expect(envOf(controller, "KAFKA_OPTS")).toBe(`-Djava.security.auth.login.config=${CONTROLLER_JAAS_PATH}`);
        expect(uploadOf(controller, ADMIN_CLIENT_PROPERTIES_PATH)).toBe("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");
        // The probe's settings: the client properties, then its own timeouts.
        expect(uploadOf(controller, CONTROLLER_HEALTHCHECK_PATH)).toContain(`{ cat ${ADMIN_CLIENT_PROPERTIES_PATH}; printf "default.api.timeout.ms=`);
        expect(uploadOf(controller, CONTROLLER_HEALTHCHECK_PATH)).toContain('--bootstrap-controller 127.0.0.1:9093 --command-config "$settings" describe --replication');
        // The controllers' password is in those JAAS files and nowhere else: no properties, command line or environment.
        for (const container of run.ofType(TYPES.container)) {
            for (const upload of uploadsOf(container)) {
                const meant = [BROKER_JAAS_PATH, CONTROLLER_JAAS_PATH].includes(upload.file) && /^kafka-cluster-seck-(kafka|controller)-\d$/.test(container.inputs.name);
                expect(`${container.inputs.name}:${upload.file}: ${upload.content.includes(PASSWORDS.controllers)}`).toBe(`${container.inputs.name}:${upload.file}: ${meant}`);
            }
            expect(JSON.stringify([container.inputs.command, container.inputs.envs])).not.toContain(PASSWORDS.controllers);
        }
    });
});
