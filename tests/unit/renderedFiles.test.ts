import { brokerListeners } from "../../lib/render/listeners";
import { internalTopicDefaults, renderServerProperties } from "../../lib/render/serverProperties";
import { renderZooCfg } from "../../lib/render/zooCfg";
import { parseProperties } from "./support/properties";

describe("server.properties", () => {
    const listeners = brokerListeners(2, { advertisedHost: "127.0.0.1", externalPortBase: 19092 });

    it("renders the exact file for broker 2 of 3", () => {
        expect(renderServerProperties({ listeners, brokerCount: 3, userProperties: { "log.retention.hours": "168" } })).toBe(
            [
                "# Broker 2. Rendered from the stack configuration; edit that, not this file.",
                "",
                "# Identity, listeners and storage (owned by the program)",
                "broker.id=2",
                "zookeeper.connect=zookeeper:2181",
                "listeners=INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:9092",
                "advertised.listeners=INTERNAL://kafka-2:19092,EXTERNAL://127.0.0.1:19093",
                "listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT",
                "inter.broker.listener.name=INTERNAL",
                "log.dirs=/var/lib/kafka/data",
                "auto.create.topics.enable=false",
                "",
                "# Internal topics and pass-through settings (stack config: brokerProperties)",
                "log.retention.hours=168",
                "offsets.topic.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "transaction.state.log.replication.factor=3",
                "unclean.leader.election.enable=false",
                "",
            ].join("\n"),
        );
    });

    it("renders a KRaft broker (Kafka 4) of a static three-controller quorum", () => {
        const rendered = renderServerProperties({ listeners, brokerCount: 3, userProperties: {}, metadata: { mode: "kraft", controllerCount: 3 } });
        expect(rendered.split("\n").slice(0, 14)).toEqual([
            "# Broker 2. Rendered from the stack configuration; edit that, not this file.",
            "",
            "# Identity, listeners and storage (owned by the program)",
            "process.roles=broker",
            "node.id=2",
            "controller.quorum.voters=1001@controller-1:9093,1002@controller-2:9093,1003@controller-3:9093",
            "controller.listener.names=CONTROLLER",
            "listeners=INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:9092",
            "advertised.listeners=INTERNAL://kafka-2:19092,EXTERNAL://127.0.0.1:19093",
            "listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=INTERNAL",
            "log.dirs=/var/lib/kafka/data",
            "auto.create.topics.enable=false",
            "",
        ]);
        expect(rendered).not.toContain("zookeeper");
        expect(rendered).not.toContain("broker.id");
    });

    it.each([
        [1, { rf: "1", minIsr: "1" }],
        [2, { rf: "2", minIsr: "1" }],
        [3, { rf: "3", minIsr: "2" }],
        [9, { rf: "3", minIsr: "2" }],
    ])("keeps internal topics within %i broker(s)", (count, expected) => {
        const rendered = parseProperties(renderServerProperties({ listeners: brokerListeners(1, { advertisedHost: "h", externalPortBase: 19092 }), brokerCount: count, userProperties: {} }));
        expect(rendered["offsets.topic.replication.factor"]).toBe(expected.rf);
        expect(rendered["transaction.state.log.replication.factor"]).toBe(expected.rf);
        expect(rendered["transaction.state.log.min.isr"]).toBe(expected.minIsr);
        expect(Number(rendered["transaction.state.log.min.isr"])).toBeLessThanOrEqual(count);
    });

    it("is the same for existing brokers whether the cluster has 3 or 4 brokers", () => {
        const render = (count: number) => renderServerProperties({ listeners, brokerCount: count, userProperties: {} });
        expect(render(4)).toBe(render(3));
        expect(internalTopicDefaults(4)).toEqual(internalTopicDefaults(3));
    });

    it("lets users override internal-topic settings and lists their keys sorted", () => {
        const rendered = renderServerProperties({
            listeners,
            brokerCount: 3,
            userProperties: { "offsets.topic.replication.factor": "2", "num.io.threads": "16" },
        });
        expect(parseProperties(rendered)["offsets.topic.replication.factor"]).toBe("2");
        expect(rendered.indexOf("num.io.threads=16")).toBeLessThan(rendered.indexOf("offsets.topic.replication.factor=2"));
    });

    it("escapes values java.util.Properties would otherwise mangle", () => {
        const rendered = renderServerProperties({
            listeners,
            brokerCount: 1,
            userProperties: { "ssl.keystore.location": "C:\\keys\\broker.jks", "ssl.truststore.password": "pässwörd€" },
        });
        expect(rendered).toContain("ssl.keystore.location=C:\\\\keys\\\\broker.jks");
        expect(rendered).toContain("ssl.truststore.password=pässwörd\\u20ac");
    });

    it("writes each key once, letting users opt out of a default", () => {
        const rendered = renderServerProperties({ listeners, brokerCount: 3, userProperties: { "unclean.leader.election.enable": "true" } });
        expect(rendered.match(/^unclean\.leader\.election\.enable=/gm)).toEqual(["unclean.leader.election.enable="]);
        expect(rendered).toContain("\nunclean.leader.election.enable=true\n");
    });
});

describe("zoo.cfg", () => {
    it("renders a standalone server on the named volumes, answering ruok", () => {
        const rendered = parseProperties(renderZooCfg());
        expect(rendered).toEqual({
            tickTime: "2000",
            initLimit: "10",
            syncLimit: "5",
            clientPort: "2181",
            dataDir: "/data",
            dataLogDir: "/datalog",
            maxClientCnxns: "60",
            "autopurge.snapRetainCount": "3",
            "autopurge.purgeInterval": "24",
            "4lw.commands.whitelist": "ruok,srvr,mntr",
            "admin.enableServer": "false",
            standaloneEnabled: "true",
        });
    });
});
