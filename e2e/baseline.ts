// The same containers the program starts (ZooKeeper, three brokers, the kafka-ui
// stand-in) with the same rendered files, healthchecks, heap and ordering, started
// directly with `docker` and timed until each group is healthy. It is the yardstick
// for the engine's cold `up`: the difference is what Pulumi adds.
//
//   npx ts-node e2e/baseline.ts        prints the timings as JSON; removes everything it created
import { BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck } from "../lib/render/brokerHealthcheck";
import { BROKER_HEALTHCHECK, Healthcheck, UI_HEALTHCHECK, ZOOKEEPER_HEALTHCHECK } from "../lib/render/healthchecks";
import { brokerIds, brokerListeners, EXTERNAL_LISTENER_PORT, UI_CONTAINER_PORT } from "../lib/render/listeners";
import { dockerLabels, dockerNames, networkAliases } from "../lib/render/names";
import { BROKER_DATA_DIR, renderServerProperties, SERVER_PROPERTIES_PATH } from "../lib/render/serverProperties";
import { renderZooCfg, ZOOKEEPER_CONFIG_DIR, ZOOKEEPER_DATA_DIR, ZOOKEEPER_DATALOG_DIR } from "../lib/render/zooCfg";
import { serviceContainerDefaults, ServiceContainerArgs } from "../components/containerSettings";
import { autoSubnet, stackAddresses } from "../lib/render/networkAddresses";
import { docker, removeStackObjects, upload, waitHealthy } from "./support/docker";
import { PROJECT, TEST_IMAGES } from "./support/paths";

export interface BaselineOptions {
    readonly brokers: number;
    readonly heapMb: number;
    readonly externalPortBase: number;
    readonly uiPort: number;
    readonly brokerProperties: Readonly<Record<string, string>>;
    /**
     * Stack name the containers, volumes and network are named and labelled after.
     * @default "e2e-baseline"
     */
    readonly stack?: string;
}

export interface BaselineTimings {
    readonly zookeeperSeconds: number;
    readonly brokersSeconds: number;
    readonly uiSeconds: number;
    readonly totalSeconds: number;
}

const DEFAULT_BASELINE_STACK = "e2e-baseline";

/** A healthcheck of lib/render/healthchecks.ts as `docker create` flags (which take the command as shell text). */
function healthFlags(check: Healthcheck): string[] {
    const [kind, ...command] = check.tests;
    return [
        "--health-cmd", kind === "CMD-SHELL" ? command[0] : command.join(" "),
        "--health-interval", check.interval,
        "--health-timeout", check.timeout,
        "--health-retries", String(check.retries),
        "--health-start-period", check.startPeriod,
    ];
}

function labelFlags(labels: { label: string; value: string }[]): string[] {
    return labels.flatMap(({ label, value }) => ["--label", `${label}=${value}`]);
}

/** What serviceContainerDefaults gives the program's containers, as `docker create` flags. */
function serviceFlags(args: ServiceContainerArgs): string[] {
    const settings = serviceContainerDefaults(args);
    const [network] = settings.networksAdvanced;
    return [
        "--hostname", settings.hostname,
        "--network", String(network?.name),
        ...(network?.aliases ?? []).flatMap((alias) => ["--network-alias", alias]),
        ...(network?.ipv4Address ? ["--ip", network.ipv4Address] : []),
        "--restart", settings.restart,
        "--stop-timeout", String(settings.stopTimeout),
        ...labelFlags(settings.labels),
    ];
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineTimings> {
    const stack = options.stack ?? DEFAULT_BASELINE_STACK;
    const names = dockerNames(PROJECT, stack);
    await removeStackObjects(stack, names.prefix);
    const started = Date.now();
    const since = (from: number) => (Date.now() - from) / 1000;
    try {
        const addresses = stackAddresses(autoSubnet(PROJECT, stack));
        await docker(
            "network", "create", "--driver", "bridge",
            "--subnet", addresses.subnet, "--gateway", addresses.gateway, "--ip-range", addresses.dynamicRange,
            ...labelFlags(dockerLabels(stack, "network")), names.network,
        );
        const zookeeperLabels = labelFlags(dockerLabels(stack, "zookeeper"));
        for (const volume of [names.zookeeperDataVolume, names.zookeeperDatalogVolume]) {
            await docker("volume", "create", ...zookeeperLabels, volume);
        }
        await docker(
            "create", "--name", names.zookeeper,
            ...serviceFlags({ networkName: names.network, alias: networkAliases.zookeeper, ipv4Address: addresses.zookeeper, labels: dockerLabels(stack, "zookeeper") }),
            "-e", `ZOOCFGDIR=${ZOOKEEPER_CONFIG_DIR}`,
            "-v", `${names.zookeeperDataVolume}:${ZOOKEEPER_DATA_DIR}`,
            "-v", `${names.zookeeperDatalogVolume}:${ZOOKEEPER_DATALOG_DIR}`,
            ...healthFlags(ZOOKEEPER_HEALTHCHECK),
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
                const labels = dockerLabels(stack, "broker", { "broker-id": String(listeners.brokerId) });
                await docker("volume", "create", ...labelFlags(labels), names.brokerDataVolume(listeners.brokerId));
                await docker(
                    "create", "--name", container,
                    ...serviceFlags({ networkName: names.network, alias: listeners.alias, ipv4Address: addresses.broker(listeners.brokerId), labels }),
                    "-e", `KAFKA_HEAP_OPTS=-Xmx${options.heapMb}m -Xms${options.heapMb}m`,
                    "-v", `${names.brokerDataVolume(listeners.brokerId)}:${BROKER_DATA_DIR}`,
                    "-p", `127.0.0.1:${listeners.hostPort}:${EXTERNAL_LISTENER_PORT}/tcp`,
                    ...healthFlags(BROKER_HEALTHCHECK),
                    TEST_IMAGES.broker, "/opt/kafka/bin/kafka-server-start.sh", SERVER_PROPERTIES_PATH,
                );
                await upload(
                    container,
                    SERVER_PROPERTIES_PATH,
                    renderServerProperties({ listeners, brokerCount: options.brokers, userProperties: options.brokerProperties }),
                );
                await upload(container, BROKER_HEALTHCHECK_PATH, renderBrokerHealthcheck({ brokerId: listeners.brokerId, kafkaBin: "/opt/kafka/bin" }));
                await docker("start", container);
            }),
        );
        await waitHealthy(brokers.map((listeners) => names.broker(listeners.brokerId)), 300);
        const brokersSeconds = since(brokersStarted);

        const uiStarted = Date.now();
        await docker(
            "run", "-d", "--name", names.ui,
            ...serviceFlags({ networkName: names.network, alias: networkAliases.ui, ipv4Address: addresses.ui, labels: dockerLabels(stack, "ui") }),
            "-e", `KAFKA_CLUSTERS_0_NAME=${names.prefix}`,
            "-e", `KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS=${brokers.slice(0, 3).map((listeners) => listeners.internalAddress).join(",")}`,
            "-e", "KAFKA_CLUSTERS_0_READONLY=false",
            "-e", "DYNAMIC_CONFIG_ENABLED=false",
            "-e", `SERVER_PORT=${UI_CONTAINER_PORT}`,
            "-p", `127.0.0.1:${options.uiPort}:${UI_CONTAINER_PORT}/tcp`,
            ...healthFlags(UI_HEALTHCHECK),
            TEST_IMAGES.ui,
        );
        await waitHealthy([names.ui], 300);
        const uiSeconds = since(uiStarted);
        return { zookeeperSeconds, brokersSeconds, uiSeconds, totalSeconds: since(started) };
    } finally {
        await removeStackObjects(stack, names.prefix);
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
