import * as pulumi from "@pulumi/pulumi";
import { checkAddressWiring, parseAddress, ParsedAddress } from "./lib/config/addressWiring";
import { parseKafkaSettings } from "./lib/config/kafkaSettings";
import { readPinnedImage } from "./lib/config/imageReference";
import { brokerImageFacts, formatVersion } from "./lib/kafka/brokerImage";
import { kafkaModelFor } from "./lib/kafka/model";
import { listenerChangeWarnings, RecordedBroker } from "./lib/config/listenerChanges";
import { HostedCluster, planHostedCluster } from "./lib/render/hostWiring";
import { metadataChangeProblems, metadataChangeWarnings, recordedQuorum, runsControllers } from "./lib/config/metadataModeChange";
import { MIGRATION_SETTINGS, MigrationSetting } from "./lib/config/kraftMigration";
import { brokerIds, brokerListeners, externalHostPort } from "./lib/render/listeners";
import type { RecordedPlacement } from "./lib/render/placement";
import { AUTO_SUBNET, autoSubnet, subnetProblem } from "./lib/render/networkAddresses";
import { MetadataQuorum } from "./lib/render/serverProperties";
import { NginxLogsSpec, parseNginxLogs } from "./lib/config/nginxLogsConfig";
import { checkBroadGrantUsers, parseSecurity, SecuritySpec } from "./lib/config/securityConfig";
import { partitionDecreases, RecordedPartitions } from "./lib/config/partitionGuard";
import { MultiHostSpec, parseHosts } from "./lib/config/hostsConfig";
import { checkMultiHost } from "./lib/config/multiHostChecks";
import { closest, ConfigProblems, ConfigValidationError, readBoolean, readChoice, readInteger, readString, show } from "./lib/config/problems";
import { TopicSpec } from "./lib/config/topicSpecs";

// The stack configuration, parsed once into one typed object. `loadConfig` is the
// only place that reads Pulumi config; `parseConfig` is pure, so every rule can be
// unit-tested, and it rejects bad input before a single resource is declared.

export type BrokerRollout = "parallel" | "rolling";
/** zookeeper: Kafka 3.9 with one ZooKeeper; kraft: Kafka 4 with a quorum of dedicated controllers. */
export type MetadataMode = MetadataQuorum["mode"];
export type { NginxLogsSpec, SecuritySpec, TopicSpec };

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
    /** Where the cluster keeps its metadata: ZooKeeper, or a KRaft controller quorum of controllerCount. */
    readonly metadata: MetadataQuorum;
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
    /** The Nginx access-log pipeline; undefined when it is off. */
    readonly nginxLogs?: NginxLogsSpec;
    /** The Docker hosts the stack spans; undefined for the single engine of the default provider. */
    readonly multiHost?: MultiHostSpec;
    /** SASL/SCRAM, ACLs and TLS on EXTERNAL; undefined when security is off (every listener PLAINTEXT). */
    readonly security?: SecuritySpec;
    /** Settings that are allowed but probably not meant; shown as warnings in the preview. */
    readonly warnings: readonly string[];
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
    metadataMode: "zookeeper",
    controllerCount: 3,
    kraftMigration: "none",
    // Empty: the pinned image of the metadata mode (DEFAULT_BROKER_IMAGES). A
    // declared default would reach the program as if set, and one image cannot
    // serve both modes.
    brokerImage: "",
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
    nginxLogs: { enabled: false },
    hosts: [],
    multiHost: {},
    security: { enabled: false },
    allowBroadGrants: [],
} as const;

/**
 * The broker image each metadata mode runs unless brokerImage says otherwise.
 * ZooKeeper mode ends with Kafka 3.9; KRaft mode runs 4.4.0, the newest release
 * on Maven Central when it was pinned (its model is lib/kafka/model/4.4.json).
 */
export const DEFAULT_BROKER_IMAGES: Readonly<Record<MetadataMode, string>> = {
    zookeeper: "apache/kafka:3.9.1",
    kraft: "apache/kafka:4.4.0",
};

/** Quorum sizes a KRaft stack may run: one (dev only, no failure tolerated), three or five. */
export const CONTROLLER_COUNTS = [1, 3, 5] as const;

/** Keys without a default: secrets. */
export const SECRET_KEYS = ["uiPassword"] as const;

export type RawConfig = Partial<Record<keyof typeof CONFIG_DEFAULTS, unknown>> & Record<string, unknown>;

export interface ConfigContext {
    readonly project: string;
    readonly stack: string;
    /** The UI password, already a Pulumi secret; absent when unset. */
    readonly uiPassword?: pulumi.Output<string>;
    /** Secret keys (SECRET_KEYS) whose value the stack file holds unencrypted. */
    readonly plainTextSecrets?: readonly string[];
    /** Whether the stack file holds `hosts` encrypted (required once hosts carry TLS keys). */
    readonly hostsStoredSecret?: boolean;
    /** Config keys of the stack under another namespace than the project's, e.g. `kafka:brokers`. */
    readonly foreignKeys?: readonly string[];
    /** Whether Pulumi holds `security` encrypted, i.e. its passwords were set with --secret. */
    readonly securityStoredAsSecret?: boolean;
}

const MAX_BROKERS = 50;
const MIN_HOST_PORT = 1024;
const MAX_HOST_PORT = 65535;

export function parseConfig(raw: RawConfig, context: ConfigContext): ClusterConfig {
    const problems = new ConfigProblems();
    const value = <K extends keyof typeof CONFIG_DEFAULTS>(key: K): unknown => raw[key] ?? CONFIG_DEFAULTS[key];

    rejectUnknownKeys(problems, raw);
    checkForeignKeys(problems, context);
    for (const key of context.plainTextSecrets ?? []) {
        problems.add(`${key} is stored in plain text in Pulumi.${context.stack}.yaml; store it encrypted: pulumi config set --secret ${key} <value> --stack ${context.stack}`);
    }

    const brokerCount = readInteger(problems, "brokers", value("brokers"), { min: 1, max: MAX_BROKERS });
    const metadataMode = readChoice<MetadataMode>(problems, "metadataMode", value("metadataMode"), ["zookeeper", "kraft"]);
    const migration = readChoice<MigrationSetting>(problems, "kraftMigration", value("kraftMigration"), MIGRATION_SETTINGS);
    const metadata = metadataMode === undefined || migration === undefined ? undefined : readMetadataQuorum(problems, metadataMode, value("controllerCount"), migration);
    const brokerImage = readPinnedImage(problems, "brokerImage", value("brokerImage") || DEFAULT_BROKER_IMAGES[metadataMode ?? "zookeeper"]);
    // Names, types and limits of Kafka settings come from the model of the brokers' Kafka
    // version; an image whose version the program cannot tell is judged by its mode's.
    const imageVersion = brokerImage === undefined ? undefined : brokerImageFacts(brokerImage).kafkaVersion;
    const model = kafkaModelFor(imageVersion ?? brokerImageFacts(DEFAULT_BROKER_IMAGES[metadataMode ?? "zookeeper"]).kafkaVersion);
    const { brokerProperties, topics } = parseKafkaSettings(problems, { brokerProperties: value("brokerProperties"), topics: value("topics") }, { brokerCount, model });

    const allowPublicBind = readBoolean(problems, "allowPublicBind", value("allowPublicBind")) ?? false;
    const protect = readBoolean(problems, "protect", value("protect")) ?? false;
    const bound = readBindAddress(problems, value("bindAddress"), allowPublicBind, context.stack);
    const advertised = readAdvertisedHost(problems, value("advertisedHost"));
    if (bound && advertised) {
        const wiring = checkAddressWiring({
            advertised,
            bound,
            userSet: { advertisedHost: raw.advertisedHost !== undefined, bindAddress: raw.bindAddress !== undefined },
        });
        wiring.errors.forEach((error) => problems.add(error));
        wiring.warnings.forEach((warning) => problems.warn(warning));
    }
    const bindAddress = bound?.text;
    const advertisedHost = advertised?.text;
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
        checkUiLoginNotRequired(problems, { protect, publicBind: bound !== undefined && !bound.loopback }, context.stack);
    }

    const kafkaHome = readAbsolutePath(problems, "kafkaHome", value("kafkaHome"));
    if (brokerImage !== undefined && kafkaHome !== undefined && metadataMode !== undefined) {
        // Once ZooKeeper is gone the migrated cluster runs KRaft, and may move on to Kafka 4 (or stay on 3.9).
        const migrated = migration === "zookeeperRemoved" && (brokerImageFacts(brokerImage).kafkaVersion?.major ?? 0) >= 4;
        checkBrokerImage(problems, brokerImage, migrated ? "kraft" : metadataMode, { kafkaHome, userSet: raw.kafkaHome !== undefined });
    }

    const nginxLogs = parseNginxLogs(problems, value("nginxLogs"), { topics, takenPorts: takenHostPorts({ externalPortBase, brokerCount, uiEnabled, uiPort }) });

    const multiHost = parseHosts(
        problems,
        { hosts: value("hosts"), multiHost: value("multiHost") },
        {
            stack: context.stack,
            hostsStoredSecret: context.hostsStoredSecret ?? false,
            brokerCount,
            externalPortBase,
            controllerCount: metadata?.mode === "kraft" ? metadata.controllerCount : undefined,
        },
    );
    if (multiHost && brokerCount !== undefined && externalPortBase !== undefined) {
        checkMultiHost(problems, multiHost, {
            brokerCount,
            externalPortBase,
            ui: uiEnabled && uiPort !== undefined ? { port: uiPort } : undefined,
            topics,
            defaultMinInsyncReplicas: brokerProperties.defaultMinInsyncReplicas,
            brokerProperties: brokerProperties.properties,
            // The engine passes Pulumi.yaml's defaults as values, so only a changed value counts as set.
            singleHostKeysSet: (["advertisedHost", "bindAddress"] as const).filter((key) => raw[key] !== undefined && raw[key] !== CONFIG_DEFAULTS[key]),
            allowPublicBind,
            nginxLogsEnabled: nginxLogs !== undefined,
            stack: context.stack,
        });
    }

    const security = parseSecurity(problems, value("security"), {
        stack: context.stack,
        topics,
        uiEnabled,
        storedAsSecret: context.securityStoredAsSecret ?? false,
    });
    if (migration !== undefined && migration !== "none") {
        checkMigrationCombinations(problems, migration, { metadataMode, hosts: multiHost !== undefined, security: security !== undefined });
    }
    checkBroadGrantUsers(problems, value("allowBroadGrants"), security);
    if (security && multiHost) {
        problems.add(
            "security.enabled is true with hosts set, but secured clusters run on one Docker host only for now (certificates name the single-host aliases); remove hosts or leave security off",
        );
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
            image: brokerImage,
            heapMb: readInteger(problems, "brokerHeapMb", value("brokerHeapMb"), { min: 128, max: 65536, hint: "(MiB)" }),
            kafkaHome,
            properties: brokerProperties.properties,
            defaultMinInsyncReplicas: brokerProperties.defaultMinInsyncReplicas,
            rollout: readChoice<BrokerRollout>(problems, "brokerRollout", value("brokerRollout"), ["parallel", "rolling"]),
        },
        metadata,
        zookeeper: { image: readPinnedImage(problems, "zookeeperImage", value("zookeeperImage")) },
        ui: {
            enabled: uiEnabled,
            image: readPinnedImage(problems, "uiImage", value("uiImage")),
            port: uiPort,
            readOnly: readBoolean(problems, "uiReadOnly", value("uiReadOnly")) ?? false,
            login: context.uiPassword && uiUsername ? { username: uiUsername, password: context.uiPassword } : undefined,
        },
        topics,
        protect,
        keepDataOnDestroy: readBoolean(problems, "keepDataOnDestroy", value("keepDataOnDestroy")) ?? true,
        adoptTopics: readBoolean(problems, "adoptTopics", value("adoptTopics")) ?? false,
        allowPublicBind,
        nginxLogs,
        multiHost,
        security,
        warnings: problems.warnings,
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

/** Namespaces whose keys this program legitimately leaves to someone else. */
const PASSED_THROUGH_NAMESPACES = new Set([
    // The default Docker provider reads docker:host (a remote engine, docs/environments.md).
    "docker",
    // Pulumi's own project-wide settings.
    "pulumi",
]);

/**
 * Pulumi hands the program only its own namespace through `pulumi.Config()`, so a
 * key written as `kafka:brokers` would be ignored without a word.
 */
function checkForeignKeys(problems: ConfigProblems, context: ConfigContext): void {
    const own = [...Object.keys(CONFIG_DEFAULTS), ...SECRET_KEYS];
    for (const fullKey of context.foreignKeys ?? []) {
        const separator = fullKey.indexOf(":");
        const namespace = fullKey.slice(0, separator);
        const key = fullKey.slice(separator + 1);
        const fix = `run: pulumi config rm ${fullKey} --stack ${context.stack}`;
        if (own.includes(key)) {
            problems.add(`${fullKey} is set under the namespace ${namespace}, but this program reads ${context.project}:${key}; ${fix}, then pulumi config set ${key} <value> --stack ${context.stack}`);
        } else if (namespace === "kafka") {
            problems.add(
                `${fullKey} configures Pulumi's default Kafka provider, which this program never uses (it builds its own provider from the brokers' EXTERNAL listeners), so it would be ignored; ${fix}`,
            );
        } else if (!PASSED_THROUGH_NAMESPACES.has(namespace)) {
            const suggestion = closest(key, own);
            problems.warn(`${fullKey} is not read by this program, whose settings are ${context.project}:<key>${suggestion ? `; did you mean ${context.project}:${suggestion}?` : ""}`);
        }
    }
}

/** Kafka versions each metadata mode runs on. */
const MODE_VERSIONS: Readonly<Record<MetadataMode, { readonly major: number; readonly minor: number; readonly why: string }>> = {
    zookeeper: { major: 3, minor: 9, why: "ZooKeeper mode ended with Kafka 3.9" },
    kraft: { major: 4, minor: 4, why: "KRaft mode's broker and topic settings are checked against Kafka 4.4's own definitions" },
};

/**
 * The metadata mode decides the Kafka line: ZooKeeper mode needs Kafka 3.9
 * (Kafka 4 has no ZooKeeper), KRaft mode runs Kafka 4.4. The image must also
 * hold bin/kafka-server-start.sh where kafkaHome says.
 */
function checkBrokerImage(problems: ConfigProblems, image: string, mode: MetadataMode, home: { kafkaHome: string; userSet: boolean }): void {
    const facts = brokerImageFacts(image);
    const version = facts.kafkaVersion;
    const wanted = MODE_VERSIONS[mode];
    const supported = version === undefined || (version.major === wanted.major && version.minor === wanted.minor);
    const fallback = `${DEFAULT_BROKER_IMAGES[mode]}, the default for metadataMode ${mode}`;
    if (version && mode === "zookeeper" && version.major >= 4) {
        problems.add(
            `brokerImage is ${show(image)}, which runs Kafka ${formatVersion(version)}; Kafka 4 has no ZooKeeper mode, and metadataMode is zookeeper, which needs Kafka 3.9 (${fallback}); a new stack can run Kafka 4 with metadataMode kraft`,
        );
    } else if (version && mode === "kraft" && version.major < 4) {
        problems.add(
            `brokerImage is ${show(image)}, which runs Kafka ${formatVersion(version)}; metadataMode kraft runs Kafka 4.4 (${fallback}), and Kafka 3.x is only supported with metadataMode zookeeper`,
        );
    } else if (!supported && version) {
        problems.add(
            `brokerImage is ${show(image)}, which runs Kafka ${formatVersion(version)}; ${wanted.why}, so only Kafka ${wanted.major}.${wanted.minor} is supported with metadataMode ${mode} (${fallback})`,
        );
    } else if (facts.kafkaHome === undefined) {
        problems.warn(
            `brokerImage ${show(image)} is not an image the program knows (apache/kafka, bitnami/kafka); it must run Kafka ${wanted.major}.${wanted.minor} and hold bin/kafka-server-start.sh under kafkaHome (${home.kafkaHome})`,
        );
    }
    if (!supported) {
        return;
    }
    if (facts.kafkaHome === null) {
        problems.add(
            `brokerImage is ${show(image)}, which starts Kafka through its own scripts and has no bin/kafka-server-start.sh under a Kafka directory; use ${DEFAULT_BROKER_IMAGES[mode]}`,
        );
    } else if (facts.kafkaHome !== undefined && facts.kafkaHome !== home.kafkaHome) {
        problems.add(
            home.userSet
                ? `kafkaHome is ${show(home.kafkaHome)} but ${facts.repository} keeps Kafka in ${facts.kafkaHome}; set kafkaHome to ${facts.kafkaHome}`
                : `brokerImage is ${show(image)}, which keeps Kafka in ${facts.kafkaHome}, but kafkaHome is ${home.kafkaHome} (its default); run: pulumi config set kafkaHome ${facts.kafkaHome}`,
        );
    }
}

/**
 * The migration to KRaft is for single-host, unsecured ZooKeeper stacks for now:
 * a KRaft stack has nothing to migrate, and the pieces that do not combine with
 * KRaft mode yet (hosts, security) do not combine with its controllers either.
 */
function checkMigrationCombinations(problems: ConfigProblems, migration: MigrationSetting, stack: { metadataMode?: MetadataMode; hosts: boolean; security: boolean }): void {
    if (stack.metadataMode === "kraft") {
        problems.add(
            `kraftMigration is ${migration} with metadataMode kraft, but the migration moves a stack created in ZooKeeper mode, and metadataMode stays zookeeper throughout (a KRaft stack has nothing to migrate); keep metadataMode zookeeper or set kraftMigration none`,
        );
    }
    if (stack.hosts) {
        problems.add(`kraftMigration is ${migration} with hosts set, but the migration moves a stack on one Docker host only for now (a stack spread over hosts can be created in KRaft mode instead); remove hosts or set kraftMigration none`);
    }
    if (stack.security) {
        problems.add(
            `kraftMigration is ${migration} with security.enabled true, but the migration moves unsecured stacks only for now (a secured controller quorum is formatted with the brokers' credential, which a migrating quorum cannot add); leave security off or set kraftMigration none`,
        );
    }
}

/**
 * controllerCount matters in KRaft mode and, from its first phase on, in a
 * migration to KRaft; a ZooKeeper stack that is not migrating ignores it.
 */
function readMetadataQuorum(problems: ConfigProblems, mode: MetadataMode, rawCount: unknown, migration: MigrationSetting): MetadataQuorum | undefined {
    if (mode === "zookeeper" && migration === "none") {
        return { mode };
    }
    const controllerCount = readInteger(problems, "controllerCount", rawCount, {});
    if (controllerCount === undefined) {
        return undefined;
    }
    if (!(CONTROLLER_COUNTS as readonly number[]).includes(controllerCount)) {
        problems.add(
            `controllerCount is ${controllerCount} but must be 1, 3 or 5: a quorum needs a majority to elect a leader, so an even count tolerates no more failures than one fewer, and more than 5 only slows every metadata write`,
        );
        return undefined;
    }
    if (controllerCount === 1) {
        problems.warn("controllerCount is 1: the cluster stops taking metadata changes (topics, leader elections) while that one controller is down; use 3 for anything but development");
    }
    return mode === "zookeeper" && migration !== "none" ? { mode, migration: { phase: migration, controllerCount } } : { mode: "kraft", controllerCount };
}

function readBindAddress(problems: ConfigProblems, raw: unknown, allowPublicBind: boolean, stack: string): (ParsedAddress & { kind: "ip" }) | undefined {
    const text = readString(problems, "bindAddress", raw);
    const address = text === undefined ? undefined : parseAddress(text);
    if (address === undefined) {
        return undefined;
    }
    if ("problem" in address || address.kind !== "ip") {
        const why = "problem" in address ? address.problem : "must be an IP address of this host (127.0.0.1, a LAN address, or 0.0.0.0 for all)";
        problems.add(`bindAddress is ${show(text)} but ${why}`);
        return undefined;
    }
    if (!address.loopback && !allowPublicBind) {
        problems.add(
            `bindAddress is ${show(text)}, which exposes the brokers' unauthenticated PLAINTEXT listeners beyond this host; ` +
                `confirm with: pulumi config set allowPublicBind true --stack ${stack}`,
        );
    }
    return address;
}

function readAdvertisedHost(problems: ConfigProblems, raw: unknown): ParsedAddress | undefined {
    const text = readString(problems, "advertisedHost", raw);
    const address = text === undefined ? undefined : parseAddress(text);
    if (address === undefined) {
        return undefined;
    }
    if ("problem" in address) {
        problems.add(`advertisedHost is ${show(text)} but ${address.problem}`);
        return undefined;
    }
    if (address.kind === "ip" && address.unspecified) {
        problems.add(
            `advertisedHost is ${show(text)} but clients cannot dial it; ${text} means "all interfaces" only to a server. Use 127.0.0.1 on a laptop or the host's LAN address`,
        );
        return undefined;
    }
    return address;
}

function checkBrokerPortRange(problems: ConfigProblems, externalPortBase: number, brokerCount: number): void {
    const last = externalHostPort(brokerCount, externalPortBase);
    if (last > MAX_HOST_PORT) {
        problems.add(`externalPortBase is ${externalPortBase} but ${brokerCount} brokers need ports ${externalPortBase}-${last}, beyond ${MAX_HOST_PORT}`);
    }
}

/** Host ports the brokers and kafka-ui publish, for settings that must stay clear of them. */
function takenHostPorts(stack: { externalPortBase?: number; brokerCount?: number; uiEnabled: boolean; uiPort?: number }) {
    const taken: { key: string; from: number; to: number }[] = [];
    if (stack.externalPortBase !== undefined && stack.brokerCount !== undefined) {
        taken.push({ key: "the brokers (externalPortBase)", from: stack.externalPortBase, to: externalHostPort(stack.brokerCount, stack.externalPortBase) });
    }
    if (stack.uiEnabled && stack.uiPort !== undefined) {
        taken.push({ key: "kafka-ui (uiPort)", from: stack.uiPort, to: stack.uiPort });
    }
    return taken;
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
    const foreignKeys: string[] = [];
    const plainTextSecrets: string[] = [];
    let uiPasswordSet = false;
    let hostsStoredSecret = false;
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        const key = fullKey.startsWith(prefix) ? fullKey.slice(prefix.length) : undefined;
        if (key === undefined) {
            foreignKeys.push(fullKey);
        } else if ((SECRET_KEYS as readonly string[]).includes(key)) {
            // Declared with an empty default, so "unset" arrives as "".
            uiPasswordSet = text !== "";
            if (uiPasswordSet && !isConfigSecret(fullKey)) plainTextSecrets.push(key);
        } else {
            raw[key] = parseConfigText(text);
            if (key === "hosts") hostsStoredSecret = isConfigSecret(fullKey);
        }
    }
    const uiPassword = uiPasswordSet ? new pulumi.Config().requireSecret("uiPassword") : undefined;
    const securityStoredAsSecret = raw.security !== undefined && isConfigSecret(`${prefix}security`);
    const context = { project, stack: pulumi.getStack(), uiPassword, foreignKeys, plainTextSecrets, hostsStoredSecret, securityStoredAsSecret };
    const config = asRunError(() => parseConfig(raw, context));
    config.warnings.forEach((warning) => pulumi.log.warn(warning));
    return config;
}

/**
 * Whether the stack file holds the key encrypted. The SDK knows (it warns when a
 * secret is read with `get`) but marks the function internal; the pinned SDK has
 * it, and a unit test fails if an upgrade drops it.
 */
export function isConfigSecret(fullKey: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
    if (typeof runtime.isConfigSecret !== "function") {
        throw new Error("@pulumi/pulumi no longer exports runtime.isConfigSecret; the plain-text secret check needs another source");
    }
    return runtime.isConfigSecret(fullKey);
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

/** What the stack's recorded outputs decide about this run. */
export interface RecordedStatePlan {
    /** The stack already runs KRaft controllers (KRaft mode, or a migration past its first phase), which then change one at a time. */
    readonly controllersRunning: boolean;
    /** Where each container of a stack spread over hosts goes (none on one host). */
    readonly hosted?: HostedCluster;
}

/**
 * Refuses changes that are only wrong against what the stack already created,
 * such as fewer partitions than a topic has, and warns about those whose cost the
 * preview's diff does not spell out (clients losing the advertised addresses).
 * Reads the stack's own last outputs through a stack reference: a read, so
 * nothing is created or changed. Says whether the stack already runs KRaft
 * controllers, which then change one at a time.
 */
export async function checkAgainstRecordedState(config: ClusterConfig): Promise<RecordedStatePlan> {
    const self = new pulumi.StackReference("recorded-state", { name: `${pulumi.getOrganization()}/${config.project}/${config.stack}` });
    const recorded = (await self.getOutputDetails("topics")).value as RecordedPartitions | undefined;
    const running = recordedQuorum({
        zookeeperConnect: (await self.getOutputDetails("zookeeperConnect")).value,
        controllerQuorumVoters: (await self.getOutputDetails("controllerQuorumVoters")).value,
        kraftMigration: (await self.getOutputDetails("kraftMigration")).value,
    });
    const problems = [...metadataChangeProblems(running, config.metadata), ...partitionDecreases(config.topics, recorded)];
    metadataChangeWarnings(running, config.metadata).forEach((warning) => pulumi.log.warn(warning));
    const recordedBrokers = (await self.getOutputDetails("brokers")).value as RecordedBroker[] | undefined;
    // Spread over hosts, containers stay where the stack last placed them.
    const recordedPlacement = (await self.getOutputDetails("placement")).value as RecordedPlacement | undefined;
    const hosted = config.multiHost && planHostedCluster(config.multiHost, { brokerCount: config.brokers.count, externalPortBase: config.externalPortBase }, recordedPlacement);
    hosted?.warnings.forEach((warning) => pulumi.log.warn(warning));
    problems.push(...(hosted?.errors ?? []));
    const planned = hosted
        ? hosted.brokers.map((broker) => ({ id: broker.brokerId, advertisedListeners: broker.advertisedListeners }))
        : brokerIds(config.brokers.count).map((id) => ({ id, advertisedListeners: brokerListeners(id, config).advertisedListeners }));
    listenerChangeWarnings(recordedBrokers, planned, config.brokers.rollout).forEach((warning) => pulumi.log.warn(warning));
    asRunError(() => {
        if (problems.length > 0) {
            throw new ConfigValidationError(config.stack, problems);
        }
    });
    return { controllersRunning: runsControllers(running), hosted: hosted || undefined };
}
