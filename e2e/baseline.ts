// The yardstick for the engine's cold `up`: the containers the program declares,
// started by hand with `docker` one group after another (ZooKeeper, the brokers,
// kafka-ui), each group timed until healthy. The difference is what Pulumi adds.
//
// Nothing here is a copy of the program's settings: the program runs under
// Pulumi's mocks (the unit tests' harness) with the same stack config, and each
// container, volume and network it declares is translated into `docker` flags.
// A container input this file does not know how to translate is an error, so the
// baseline cannot quietly drift from what the program starts.
//
//   npx ts-node e2e/baseline.ts        prints the timings as JSON; removes everything it created
import { dockerNames, LABEL_PREFIX } from "../lib/render/names";
import { mockImageId, RecordedResource, runProgram, TYPES } from "../tests/unit/support/program";
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

/** The by-hand order: each group starts once the one before it is healthy. */
const START_ORDER = ["zookeeper", "broker", "ui"] as const;
type Role = (typeof START_ORDER)[number];

/**
 * How the program waits, not what runs: the one-shot containers that wait for
 * ZooKeeper to answer (components/zookeeper.ts) and for each broker to be in
 * sync (components/kafkaBroker.ts). By hand, one waits for the healthcheck
 * instead, as this baseline does for every group.
 */
const PROGRAM_WAITS = new Set(["zookeeper-answering", "broker-in-sync"]);

/** Whether the by-hand sequence starts this container of the program (it skips the program's own waits). */
export function startedByHand(container: RecordedResource): boolean {
    return !PROGRAM_WAITS.has(roleOf(container));
}

/** How long a group may take to turn healthy, as the program's own `waitTimeout`s allow. */
const GROUP_TIMEOUT_SECONDS: Record<Role, number> = { zookeeper: 120, broker: 300, ui: 300 };

/** Inputs that only steer the Pulumi provider (waiting, replacing), not the container. */
const PROVIDER_ONLY_INPUTS = new Set(["wait", "waitTimeout", "mustRun", "destroyGraceSeconds"]);

interface Labelled {
    readonly labels?: { label: string; value: string }[];
}

function labelFlags(resource: Labelled): string[] {
    return (resource.labels ?? []).flatMap(({ label, value }) => ["--label", `${label}=${value}`]);
}

function roleOf(container: RecordedResource): string {
    return (container.inputs as Labelled).labels?.find((label) => label.label === `${LABEL_PREFIX}.role`)?.value ?? "(no role label)";
}

/** A container's declared inputs as `docker create` flags, image and command; every input accounted for. */
export function createArguments(inputs: Record<string, any>, imageReference: string): string[] {
    const flags: string[] = [];
    const handled = new Set<string>(["name", "image", "command", "uploads", ...PROVIDER_ONLY_INPUTS]);
    const take = (key: string, toFlags: (value: any) => string[]) => {
        handled.add(key);
        if (inputs[key] !== undefined) {
            flags.push(...toFlags(inputs[key]));
        }
    };
    take("hostname", (hostname: string) => ["--hostname", hostname]);
    take("restart", (policy: string) => ["--restart", policy]);
    take("stopTimeout", (seconds: number) => ["--stop-timeout", String(seconds)]);
    take("stopSignal", (signal: string) => ["--stop-signal", signal]);
    take("labels", (labels: Labelled["labels"]) => labelFlags({ labels }));
    take("envs", (envs: string[]) => envs.flatMap((env) => ["-e", env]));
    take("networksAdvanced", (networks: { name: string; aliases?: string[]; ipv4Address?: string }[]) => {
        if (networks.length !== 1) {
            throw new Error(`the baseline attaches one network at create, the program declares ${networks.length}`);
        }
        const [network] = networks;
        return [
            "--network", network.name,
            ...(network.aliases ?? []).flatMap((alias) => ["--network-alias", alias]),
            ...(network.ipv4Address ? ["--ip", network.ipv4Address] : []),
        ];
    });
    take("volumes", (volumes: { volumeName: string; containerPath: string; readOnly?: boolean }[]) =>
        volumes.flatMap((volume) => ["-v", `${volume.volumeName}:${volume.containerPath}${volume.readOnly ? ":ro" : ""}`]));
    take("ports", (ports: { internal: number; external: number; ip?: string; protocol?: string }[]) =>
        ports.flatMap((port) => ["-p", `${port.ip ? `${port.ip}:` : ""}${port.external}:${port.internal}/${port.protocol ?? "tcp"}`]));
    take("healthcheck", (check: { tests: string[]; interval: string; timeout: string; retries: number; startPeriod: string }) => {
        const [kind, ...command] = check.tests;
        return [
            "--health-cmd", kind === "CMD-SHELL" ? command[0] : command.join(" "),
            "--health-interval", check.interval,
            "--health-timeout", check.timeout,
            "--health-retries", String(check.retries),
            "--health-start-period", check.startPeriod,
        ];
    });
    const unknown = Object.keys(inputs).filter((key) => !handled.has(key) && inputs[key] !== undefined);
    if (unknown.length > 0) {
        throw new Error(`the baseline cannot start ${inputs.name} by hand: it does not translate the input(s) ${unknown.join(", ")}`);
    }
    return ["--name", inputs.name, ...flags, imageReference, ...(inputs.command ?? [])];
}

/** What the program declares for a stack with these options, resolved by the mocks. */
async function declaredObjects(options: BaselineOptions) {
    const run = await runProgram({
        stack: options.stack ?? DEFAULT_BASELINE_STACK,
        config: {
            brokerImage: TEST_IMAGES.broker,
            zookeeperImage: TEST_IMAGES.zookeeper,
            uiImage: TEST_IMAGES.ui,
            brokers: options.brokers,
            brokerHeapMb: options.heapMb,
            externalPortBase: options.externalPortBase,
            uiPort: options.uiPort,
            brokerProperties: options.brokerProperties,
        },
    });
    // The mocks hand each RemoteImage an id; containers name that id, the engine needs the reference.
    const imageReferences = new Map(run.ofType(TYPES.image).map((image) => [mockImageId(image.inputs.name), String(image.inputs.name)]));
    const containers = run.ofType(TYPES.container).filter(startedByHand).map((container) => {
        const reference = imageReferences.get(String(container.inputs.image));
        if (!reference) {
            throw new Error(`container ${container.inputs.name} names image ${container.inputs.image}, which no declared image has`);
        }
        return { role: roleOf(container), inputs: container.inputs, createArgs: createArguments(container.inputs, reference) };
    });
    const unplaced = containers.filter((container) => !(START_ORDER as readonly string[]).includes(container.role));
    if (unplaced.length > 0) {
        throw new Error(`the baseline has no place in its start order for ${unplaced.map((container) => `${container.inputs.name} (${container.role})`).join(", ")}`);
    }
    return { networks: run.ofType(TYPES.network), volumes: run.ofType(TYPES.volume), containers };
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineTimings> {
    const declared = await declaredObjects(options);
    const stack = options.stack ?? DEFAULT_BASELINE_STACK;
    const namePrefix = dockerNames(PROJECT, stack).prefix;
    await removeStackObjects(stack, namePrefix);
    const started = Date.now();
    const since = (from: number) => (Date.now() - from) / 1000;
    try {
        // Objects nothing waits on, created the way a careful person would: before the first container.
        for (const network of declared.networks) {
            const ipam = (network.inputs.ipamConfigs ?? []) as { subnet: string; gateway: string; ipRange: string }[];
            await docker(
                "network", "create", "--driver", network.inputs.driver ?? "bridge",
                ...ipam.flatMap((config) => ["--subnet", config.subnet, "--gateway", config.gateway, "--ip-range", config.ipRange]),
                ...labelFlags(network.inputs), network.inputs.name,
            );
        }
        for (const volume of declared.volumes) {
            await docker("volume", "create", ...labelFlags(volume.inputs), volume.inputs.name);
        }
        const phaseSeconds = {} as Record<Role, number>;
        for (const role of START_ORDER) {
            const phaseStarted = Date.now();
            const group = declared.containers.filter((container) => container.role === role);
            await Promise.all(
                group.map(async (container) => {
                    await docker("create", ...container.createArgs);
                    for (const file of (container.inputs.uploads ?? []) as Record<string, unknown>[]) {
                        const { file: target, content, ...rest } = file;
                        if (typeof target !== "string" || typeof content !== "string" || Object.values(rest).some((value) => value !== undefined)) {
                            throw new Error(`the baseline uploads plain text files only; ${container.inputs.name} declares ${JSON.stringify(Object.keys(file))}`);
                        }
                        await upload(container.inputs.name, target, content);
                    }
                    await docker("start", container.inputs.name);
                }),
            );
            await waitHealthy(group.map((container) => container.inputs.name as string), GROUP_TIMEOUT_SECONDS[role]);
            phaseSeconds[role] = since(phaseStarted);
        }
        return { zookeeperSeconds: phaseSeconds.zookeeper, brokersSeconds: phaseSeconds.broker, uiSeconds: phaseSeconds.ui, totalSeconds: since(started) };
    } finally {
        await removeStackObjects(stack, namePrefix);
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
