import { container, stackViolations, topic, urnOf } from "./harness";

const POLICY = "ui-login-when-exposed";
const RULE =
    "kafka-ui needs AUTH_TYPE=LOGIN_FORM and a SPRING_SECURITY_USER_PASSWORD whenever the stack publishes a port on a non-loopback address";

const UI_LABELS = [
    { label: "com.kafka-cluster.role", value: "ui" },
    { label: "com.kafka-cluster.stack", value: "dev" },
];
const LOGIN = ["AUTH_TYPE=LOGIN_FORM", "SPRING_SECURITY_USER_NAME=admin", "SPRING_SECURITY_USER_PASSWORD=s3cret"];

function ui(envs: string[], ip = "127.0.0.1") {
    return container("kafka-ui", {
        image: "ghcr.io/kafbat/kafka-ui:v1.4.2",
        labels: UI_LABELS,
        envs: ["KAFKA_CLUSTERS_0_NAME=dev", ...envs],
        ports: [{ internal: 8080, external: 18080, ip }],
    });
}

const publicBroker = container("kafka-1", { ports: [{ internal: 9092, external: 19092, ip: "0.0.0.0" }] });
const localBroker = container("kafka-1", { ports: [{ internal: 9092, external: 19092, ip: "127.0.0.1" }] });

describe(POLICY, () => {
    it("accepts a UI without login when everything stays on loopback", async () => {
        expect(await stackViolations(POLICY, [localBroker, ui([]), topic("orders")])).toEqual([]);
    });

    it("accepts public ports when kafka-ui has a login", async () => {
        expect(await stackViolations(POLICY, [publicBroker, ui(LOGIN, "0.0.0.0")])).toEqual([]);
    });

    it("accepts public ports in a stack without kafka-ui", async () => {
        expect(await stackViolations(POLICY, [publicBroker])).toEqual([]);
    });

    it("rejects a UI without AUTH_TYPE while a broker is public", async () => {
        expect(await stackViolations(POLICY, [publicBroker, ui([])])).toEqual([
            {
                message: `Container "kafka-ui" is kafka-ui without a login (AUTH_TYPE is unset) while ports are published beyond loopback (Container "kafka-1" on 0.0.0.0:19092): ${RULE}`,
                urn: urnOf(ui([])),
            },
        ]);
    });

    it("rejects a login form without a password, naming every public port", async () => {
        const exposedUi = ui(["AUTH_TYPE=LOGIN_FORM", "SPRING_SECURITY_USER_PASSWORD="], "192.168.1.20");
        const found = await stackViolations(POLICY, [publicBroker, exposedUi]);
        expect(found.map((v) => v.message)).toEqual([
            `Container "kafka-ui" is kafka-ui without a login (SPRING_SECURITY_USER_PASSWORD is empty) while ports are published beyond loopback (Container "kafka-1" on 0.0.0.0:19092, Container "kafka-ui" on 192.168.1.20:18080): ${RULE}`,
        ]);
    });

    it("rejects a disabled auth type", async () => {
        const found = await stackViolations(POLICY, [publicBroker, ui(["AUTH_TYPE=DISABLED"])]);
        expect(found.map((v) => v.message)).toEqual([
            `Container "kafka-ui" is kafka-ui without a login (AUTH_TYPE is "DISABLED") while ports are published beyond loopback (Container "kafka-1" on 0.0.0.0:19092): ${RULE}`,
        ]);
    });
});
