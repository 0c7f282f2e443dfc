import * as pulumi from "@pulumi/pulumi";
import { isDialableHost, isIpAddress, isLoopbackAddress, isUnspecifiedAddress } from "./lib/addresses";
import { parseBrokerProperties } from "./lib/brokerPropertiesConfig";
import { describeImagePinProblem, imagePinProblem } from "./lib/imageReference";
import { externalHostPort } from "./lib/listeners";
import { AUTO_SUBNET, autoSubnet, subnetProblem } from "./lib/networkAddresses";
import { partitionDecreases, RecordedPartitions } from "./lib/partitionGuard";
import { closest, ConfigProblems, ConfigValidationError, readBoolean, readChoice, readInteger, readString, show } from "./lib/problems";
import { parseTopics, TopicSpec } from "./lib/topicSpecs";

// The stack configuration, parsed once into one typed object. `loadConfig` is the
// only place that reads Pulumi config; `parseConfig` is pure, so every rule can be
// unit-tested, and it rejects bad input before a single resource is declared.

export type BrokerRollout = "parallel" | "rolling";
export type { TopicSpec };

export interface ClusterConfig {
    readonly project: string;
    readonly stack: string;
    /** Host clients outside Docker dial; advertised in every broker's EXTERNAL listener. */
    readonly advertisedHost: string;
    /** Host address every published port binds to. */
    readonly bindAddress: string;
    readonly externalPortBase: number;
    /** IPv4 subnet of the stack's network; every container has a fixed address on it. */
    readonly networkSubnet: string;
    readonly brokers: {
        readonly count: number;
        readonly image: string;
        readonly heapMb: number;
        /** Where the image keeps its Kafka distribution (bin/kafka-server-start.sh). */
        readonly kafkaHome: string;
        /** Validated pass-through properties, rendered as strings. */
        readonly properties: Readonly<Record<string, string>>;
        readonly defaultMinInsyncReplicas: number;
        /** parallel: all brokers change at once; rolling: one at a time, each healthy before the next. */
        readonly rollout: BrokerRollout;
    };
    readonly zookeeper: { readonly image: string };
    readonly ui: {
        readonly enabled: boolean;
        readonly image: string;
        readonly port: number;
        readonly readOnly: boolean;
        readonly login?: { readonly username: string; readonly password: pulumi.Output<string> };
    };
    /** Sorted by name. */
    readonly topics: readonly TopicSpec[];
    /** Protect topics and volumes: deleting or replacing them fails instead. */
    readonly protect: boolean;
    /** Keep the data volumes, and with them the topics and their messages, when the stack is destroyed. */
    readonly keepDataOnDestroy: boolean;
    /** Import declared topics that already exist in Kafka instead of creating them. */
    readonly adoptTopics: boolean;
    readonly allowPublicBind: boolean;
}

/**
 * Defaults for every key; Pulumi.yaml declares the same values (a unit test keeps
 * the two in step) so `pulumi config` documents them too.
 */
export const CONFIG_DEFAULTS = {
    advertisedHost: "127.0.0.1",
    bindAddress: "127.0.0.1",
    allowPublicBind: false,
    externalPortBase: 19092,
    networkSubnet: AUTO_SUBNET,
    brokers: 3,
    brokerImage: "apache/kafka:3.9.1",
    brokerHeapMb: 512,
    brokerProperties: {},
    brokerRollout: "parallel",
    kafkaHome: "/opt/kafka",
    zookeeperImage: "zookeeper:3.9.4",
    uiEnabled: true,
    uiImage: "ghcr.io/kafbat/kafka-ui:v1.5.0",
    uiPort: 18080,
    uiUsername: "admin",
    uiReadOnly: false,
    topics: {},
    protect: false,
    keepDataOnDestroy: true,
    adoptTopics: false,
} as const;

/** Keys without a default: secrets. */
export const SECRET_KEYS = ["uiPassword"] as const;

export type RawConfig = Partial<Record<keyof typeof CONFIG_DEFAULTS, unknown>> & Record<string, unknown>;

export interface ConfigContext {
    readonly project: string;
    readonly stack: string;
    /** The UI password, already a Pulumi secret; absent when unset. */
    readonly uiPassword?: pulumi.Output<string>;
}

const MAX_BROKERS = 50;
const MIN_HOST_PORT = 1024;
const MAX_HOST_PORT = 65535;

export function parseConfig(raw: RawConfig, context: ConfigContext): ClusterConfig {
    const problems = new ConfigProblems();
    const value = <K extends keyof typeof CONFIG_DEFAULTS>(key: K): unknown => raw[key] ?? CONFIG_DEFAULTS[key];

    rejectUnknownKeys(problems, raw);

    const brokerCount = readInteger(problems, "brokers", value("brokers"), { min: 1, max: MAX_BROKERS });
    const brokerProperties = parseBrokerProperties(problems, value("brokerProperties"), brokerCount);
    const topics = parseTopics(problems, value("topics"), {
        brokerCount,
        defaultMinInsyncReplicas: brokerProperties.defaultMinInsyncReplicas,
    });

    const allowPublicBind = readBoolean(problems, "allowPublicBind", value("allowPublicBind")) ?? false;
    const protect = readBoolean(problems, "protect", value("protect")) ?? false;
    const bindAddress = readBindAddress(problems, value("bindAddress"), allowPublicBind, context.stack);
    const advertisedHost = readAdvertisedHost(problems, value("advertisedHost"), bindAddress);
    const externalPortBase = readInteger(problems, "externalPortBase", value("externalPortBase"), {
        min: MIN_HOST_PORT,
        max: MAX_HOST_PORT,
    });
    if (externalPortBase !== undefined && brokerCount !== undefined) {
        checkBrokerPortRange(problems, externalPortBase, brokerCount);
    }

    const uiEnabled = readBoolean(problems, "uiEnabled", value("uiEnabled")) ?? true;
    const uiPort = readInteger(problems, "uiPort", value("uiPort"), { min: MIN_HOST_PORT, max: MAX_HOST_PORT });
    if (uiEnabled && uiPort !== undefined && externalPortBase !== undefined && brokerCount !== undefined) {
        checkUiPortCollision(problems, uiPort, externalPortBase, brokerCount);
    }
    const uiUsername = readString(problems, "uiUsername", value("uiUsername"));
    if (uiEnabled && !context.uiPassword) {
        checkUiLoginNotRequired(problems, { protect, publicBind: bindAddress !== undefined && !isLoopbackAddress(bindAddress) }, context.stack);
    }

    const config = {
        project: context.project,
        stack: context.stack,
        advertisedHost,
        bindAddress,
        externalPortBase,
        networkSubnet: readSubnet(problems, value("networkSubnet"), context),
        brokers: {
            count: brokerCount,
            image: readImage(problems, "brokerImage", value("brokerImage")),
            heapMb: readInteger(problems, "brokerHeapMb", value("brokerHeapMb"), { min: 128, max: 65536, hint: "(MiB)" }),
            kafkaHome: readAbsolutePath(problems, "kafkaHome", value("kafkaHome")),
            properties: brokerProperties.properties,
            defaultMinInsyncReplicas: brokerProperties.defaultMinInsyncReplicas,
            rollout: readChoice<BrokerRollout>(problems, "brokerRollout", value("brokerRollout"), ["parallel", "rolling"]),
        },
        zookeeper: { image: readImage(problems, "zookeeperImage", value("zookeeperImage")) },
        ui: {
            enabled: uiEnabled,
            image: readImage(problems, "uiImage", value("uiImage")),
            port: uiPort,
            readOnly: readBoolean(problems, "uiReadOnly", value("uiReadOnly")) ?? false,
            login: context.uiPassword && uiUsername ? { username: uiUsername, password: context.uiPassword } : undefined,
        },
        topics,
        protect,
        keepDataOnDestroy: readBoolean(problems, "keepDataOnDestroy", value("keepDataOnDestroy")) ?? true,
        adoptTopics: readBoolean(problems, "adoptTopics", value("adoptTopics")) ?? false,
        allowPublicBind,
    };
    problems.throwIfAny(context.stack);
    // Every field that could be undefined recorded a problem above, so none is left.
    return config as ClusterConfig;
}

function rejectUnknownKeys(problems: ConfigProblems, raw: RawConfig): void {
    const known = [...Object.keys(CONFIG_DEFAULTS), ...SECRET_KEYS];
    for (const key of Object.keys(raw).filter((candidate) => !known.includes(candidate))) {
        const suggestion = closest(key, known);
        problems.add(`${key} is not a setting of this program${suggestion ? `; did you mean ${suggestion}?` : ""}`);
    }
}

function readBindAddress(problems: ConfigProblems, raw: unknown, allowPublicBind: boolean, stack: string): string | undefined {
    const address = readString(problems, "bindAddress", raw);
    if (address === undefined) {
        return undefined;
    }
    if (!isIpAddress(address)) {
        problems.add(`bindAddress is ${show(address)} but must be an IP address of this host (127.0.0.1, a LAN address, or 0.0.0.0 for all)`);
        return undefined;
    }
    if (!isLoopbackAddress(address) && !allowPublicBind) {
        problems.add(
            `bindAddress is ${show(address)}, which exposes the brokers' unauthenticated PLAINTEXT listeners beyond this host; ` +
                `confirm with: pulumi config set allowPublicBind true --stack ${stack}`,
        );
    }
    return address;
}

function readAdvertisedHost(problems: ConfigProblems, raw: unknown, bindAddress: string | undefined): string | undefined {
    if (typeof raw === "string" && isUnspecifiedAddress(raw.trim())) {
        problems.add(
            `advertisedHost is ${show(raw)} but clients cannot dial it; 0.0.0.0 means "all interfaces" only to a server. Use 127.0.0.1 on a laptop or the host's LAN address`,
        );
        return undefined;
    }
    const host = readString(problems, "advertisedHost", raw);
    if (host === undefined) {
        return undefined;
    }
    if (!isDialableHost(host)) {
        problems.add(`advertisedHost is ${show(host)} but must be a host name or IP address without scheme or port, like 127.0.0.1 or kafka.example.com`);
        return undefined;
    }
    // A client told to dial an address the ports are not bound on connects nowhere.
    if (bindAddress && isIpAddress(host) && !isUnspecifiedAddress(bindAddress) && host !== bindAddress && !(isLoopbackAddress(host) && isLoopbackAddress(bindAddress))) {
        problems.add(
            `advertisedHost is ${show(host)} but the ports are bound on bindAddress ${bindAddress}, so clients could not connect; set bindAddress to ${host} (or 0.0.0.0)`,
        );
    }
    return host;
}

function checkBrokerPortRange(problems: ConfigProblems, externalPortBase: number, brokerCount: number): void {
    const last = externalHostPort(brokerCount, externalPortBase);
    if (last > MAX_HOST_PORT) {
        problems.add(`externalPortBase is ${externalPortBase} but ${brokerCount} brokers need ports ${externalPortBase}-${last}, beyond ${MAX_HOST_PORT}`);
    }
}

function checkUiPortCollision(problems: ConfigProblems, uiPort: number, externalPortBase: number, brokerCount: number): void {
    const last = externalHostPort(brokerCount, externalPortBase);
    if (uiPort >= externalPortBase && uiPort <= last) {
        problems.add(`uiPort is ${uiPort} but the brokers use host ports ${externalPortBase}-${last}; pick a port outside that range`);
    }
}

function checkUiLoginNotRequired(problems: ConfigProblems, stack: { protect: boolean; publicBind: boolean }, stackName: string): void {
    if (!stack.protect && !stack.publicBind) {
        return;
    }
    const reason = stack.protect ? "the stack is protected" : "the UI is published beyond this host";
    problems.add(
        `uiPassword is not set but ${reason}, so kafka-ui needs a login; run: pulumi config set --secret uiPassword <password> --stack ${stackName}`,
    );
}

function readSubnet(problems: ConfigProblems, raw: unknown, context: ConfigContext): string | undefined {
    const subnet = readString(problems, "networkSubnet", raw);
    if (subnet === undefined) {
        return undefined;
    }
    if (subnet === AUTO_SUBNET) {
        return autoSubnet(context.project, context.stack);
    }
    const problem = subnetProblem(subnet);
    if (problem) {
        problems.add(`networkSubnet is ${show(subnet)} but ${problem}`);
        return undefined;
    }
    return subnet;
}

function readImage(problems: ConfigProblems, key: string, raw: unknown): string | undefined {
    const image = readString(problems, key, raw);
    const problem = image === undefined ? undefined : imagePinProblem(image);
    if (image !== undefined && problem) {
        problems.add(describeImagePinProblem(key, image, problem));
        return undefined;
    }
    return image;
}

function readAbsolutePath(problems: ConfigProblems, key: string, raw: unknown): string | undefined {
    const path = readString(problems, key, raw);
    if (path !== undefined && !/^\/[A-Za-z0-9._/-]*$/.test(path)) {
        problems.add(`${key} is ${show(path)} but must be an absolute path inside the image, like /opt/kafka`);
        return undefined;
    }
    return path?.replace(/\/+$/, "") || path;
}

/** Reads this stack's config. The only function that touches pulumi.Config. */
export function loadConfig(): ClusterConfig {
    const project = pulumi.getProject();
    const prefix = `${project}:`;
    const raw: RawConfig = {};
    let uiPasswordSet = false;
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        const key = fullKey.startsWith(prefix) ? fullKey.slice(prefix.length) : undefined;
        if (key === "uiPassword") {
            // Declared with an empty default, so "unset" arrives as "".
            uiPasswordSet = text !== "";
        } else if (key !== undefined) {
            raw[key] = parseConfigText(text);
        }
    }
    const uiPassword = uiPasswordSet ? new pulumi.Config().requireSecret("uiPassword") : undefined;
    return asRunError(() => parseConfig(raw, { project, stack: pulumi.getStack(), uiPassword }));
}

/**
 * Pulumi prints a RunError as its message alone; any other exception comes with a
 * stack trace and program source that would bury the list of problems.
 */
function asRunError<T>(validate: () => T): T {
    try {
        return validate();
    } catch (error) {
        throw error instanceof ConfigValidationError ? new pulumi.RunError(error.message) : error;
    }
}

/** Pulumi passes maps as JSON text and scalars as plain strings. */
function parseConfigText(text: string): unknown {
    if (text.startsWith("{") || text.startsWith("[")) {
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    }
    return text;
}

/**
 * Refuses changes that are only wrong against what the stack already created,
 * such as fewer partitions than a topic has. Reads the stack's own last outputs
 * through a stack reference: a read, so nothing is created or changed.
 */
export async function checkAgainstRecordedState(config: ClusterConfig): Promise<void> {
    const self = new pulumi.StackReference("recorded-state", { name: `${pulumi.getOrganization()}/${config.project}/${config.stack}` });
    const recorded = (await self.getOutputDetails("topics")).value as RecordedPartitions | undefined;
    const problems = partitionDecreases(config.topics, recorded);
    asRunError(() => {
        if (problems.length > 0) {
            throw new ConfigValidationError(config.stack, problems);
        }
    });
}
