// The same containers the program starts (ZooKeeper, three brokers, the kafka-ui
// stand-in) with the same rendered files, healthchecks, heap and ordering, started
// directly with `docker` and timed until each group is healthy. It is the yardstick
// for the engine's cold `up`: the difference is what Pulumi adds.
//
//   npx ts-node e2e/baseline.ts        prints the timings as JSON; removes everything it created
import { brokerIds, brokerListeners, EXTERNAL_LISTENER_PORT, INTERNAL_LISTENER_PORT, UI_CONTAINER_PORT, ZOOKEEPER_CLIENT_PORT } from "../lib/listeners";
import { dockerLabels, dockerNames, networkAliases } from "../lib/names";
import { BROKER_DATA_DIR, renderServerProperties, SERVER_PROPERTIES_PATH } from "../lib/serverProperties";
import { renderZooCfg, ZOOKEEPER_CONFIG_DIR, ZOOKEEPER_DATA_DIR, ZOOKEEPER_DATALOG_DIR } from "../lib/zooCfg";
import { docker, removeStackObjects, upload, waitHealthy } from "./support/docker";
import { PROJECT, TEST_IMAGES } from "./support/paths";

export interface BaselineOptions {
    readonly brokers: number;
    readonly heapMb: number;
    readonly externalPortBase: number;
    readonly uiPort: number;
    readonly brokerProperties: Readonly<Record<string, string>>;
}

export interface BaselineTimings {
    readonly zookeeperSeconds: number;
    readonly brokersSeconds: number;
    readonly uiSeconds: number;
    readonly totalSeconds: number;
}

const BASELINE_STACK = "e2e-baseline";

// The healthchecks of components/zookeeper.ts, kafkaBroker.ts and kafkaUi.ts, as docker flags.
const HEALTHCHECKS = {
    zookeeper: { cmd: `echo ruok | nc -w 2 127.0.0.1 ${ZOOKEEPER_CLIENT_PORT} | grep -q imok`, interval: "5s", timeout: "5s", retries: 12, startPeriod: "10s" },
    broker: {
        cmd: `KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:${INTERNAL_LISTENER_PORT} >/dev/null 2>&1`,
        interval: "10s",
        timeout: "30s",
        retries: 12,
        startPeriod: "30s",
    },
    ui: { cmd: `wget -qO- http://127.0.0.1:${UI_CONTAINER_PORT}/actuator/health | grep -q UP`, interval: "10s", timeout: "5s", retries: 18, startPeriod: "30s" },
} as const;

type Healthcheck = (typeof HEALTHCHECKS)[keyof typeof HEALTHCHECKS];

function healthFlags(check: Healthcheck): string[] {
    return [
        "--health-cmd", check.cmd,
        "--health-interval", check.interval,
        "--health-timeout", check.timeout,
        "--health-retries", String(check.retries),
        "--health-start-period", check.startPeriod,
    ];
}

function labelFlags(labels: { label: string; value: string }[]): string[] {
    return labels.flatMap(({ label, value }) => ["--label", `${label}=${value}`]);
}

/** The settings serviceContainerDefaults gives every container. */
function serviceFlags(network: string, alias: string): string[] {
    return ["--hostname", alias, "--network", network, "--network-alias", alias, "--restart", "unless-stopped", "--stop-timeout", "60"];
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineTimings> {
    const names = dockerNames(PROJECT, BASELINE_STACK);
    await removeStackObjects(BASELINE_STACK, names.prefix);
    const started = Date.now();
    const since = (from: number) => (Date.now() - from) / 1000;
    try {
        await docker("network", "create", "--driver", "bridge", ...labelFlags(dockerLabels(BASELINE_STACK, "network")), names.network);
        const zookeeperLabels = labelFlags(dockerLabels(BASELINE_STACK, "zookeeper"));
        for (const volume of [names.zookeeperDataVolume, names.zookeeperDatalogVolume]) {
            await docker("volume", "create", ...zookeeperLabels, volume);
        }
        await docker(
            "create", "--name", names.zookeeper,
            ...serviceFlags(names.network, networkAliases.zookeeper),
            ...zookeeperLabels,
            "-e", `ZOOCFGDIR=${ZOOKEEPER_CONFIG_DIR}`,
            "-v", `${names.zookeeperDataVolume}:${ZOOKEEPER_DATA_DIR}`,
            "-v", `${names.zookeeperDatalogVolume}:${ZOOKEEPER_DATALOG_DIR}`,
            ...healthFlags(HEALTHCHECKS.zookeeper),
            TEST_IMAGES.zookeeper, "zkServer.sh", "start-foreground",
        );
        await upload(names.zookeeper, `${ZOOKEEPER_CONFIG_DIR}/zoo.cfg`, renderZooCfg());
        await docker("start", names.zookeeper);
        await waitHealthy([names.zookeeper], 120);
        const zookeeperSeconds = since(started);

        const brokersStarted = Date.now();
        const brokers = brokerIds(options.brokers).map((id) => brokerListeners(id, { advertisedHost: "127.0.0.1", externalPortBase: options.externalPortBase }));
        await Promise.all(
            brokers.map(async (listeners) => {
                const container = names.broker(listeners.brokerId);
                const labels = labelFlags(dockerLabels(BASELINE_STACK, "broker", { "broker-id": String(listeners.brokerId) }));
                await docker("volume", "create", ...labels, names.brokerDataVolume(listeners.brokerId));
                await docker(
                    "create", "--name", container,
                    ...serviceFlags(names.network, listeners.alias),
                    ...labels,
                    "-e", `KAFKA_HEAP_OPTS=-Xmx${options.heapMb}m -Xms${options.heapMb}m`,
                    "-v", `${names.brokerDataVolume(listeners.brokerId)}:${BROKER_DATA_DIR}`,
                    "-p", `127.0.0.1:${listeners.hostPort}:${EXTERNAL_LISTENER_PORT}/tcp`,
                    ...healthFlags(HEALTHCHECKS.broker),
                    TEST_IMAGES.broker, "/opt/kafka/bin/kafka-server-start.sh", SERVER_PROPERTIES_PATH,
                );
                await upload(
                    container,
                    SERVER_PROPERTIES_PATH,
                    renderServerProperties({ listeners, brokerCount: options.brokers, userProperties: options.brokerProperties }),
                );
                await docker("start", container);
            }),
        );
        await waitHealthy(brokers.map((listeners) => names.broker(listeners.brokerId)), 300);
        const brokersSeconds = since(brokersStarted);

        const uiStarted = Date.now();
        await docker(
            "run", "-d", "--name", names.ui,
            ...serviceFlags(names.network, networkAliases.ui),
            ...labelFlags(dockerLabels(BASELINE_STACK, "ui")),
            "-e", `KAFKA_CLUSTERS_0_NAME=${names.prefix}`,
            "-e", `KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS=${brokers.slice(0, 3).map((listeners) => listeners.internalAddress).join(",")}`,
            "-e", "KAFKA_CLUSTERS_0_READONLY=false",
            "-e", "DYNAMIC_CONFIG_ENABLED=false",
            "-e", `SERVER_PORT=${UI_CONTAINER_PORT}`,
            "-p", `127.0.0.1:${options.uiPort}:${UI_CONTAINER_PORT}/tcp`,
            ...healthFlags(HEALTHCHECKS.ui),
            TEST_IMAGES.ui,
        );
        await waitHealthy([names.ui], 300);
        const uiSeconds = since(uiStarted);
        return { zookeeperSeconds, brokersSeconds, uiSeconds, totalSeconds: since(started) };
    } finally {
        await removeStackObjects(BASELINE_STACK, names.prefix);
    }
}

if (require.main === module) {
    runBaseline({ brokers: 3, heapMb: 384, externalPortBase: 24092, uiPort: 24080, brokerProperties: {} })
        .then((timings) => process.stdout.write(`${JSON.stringify(timings, null, 2)}\n`))
        .catch((error: unknown) => {
            process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        });
}
