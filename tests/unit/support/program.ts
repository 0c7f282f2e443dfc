import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumiType from "@pulumi/pulumi";
import * as yaml from "js-yaml";

// Runs the real program (index.ts) under Pulumi's mocks and records every
// resource it declares, the way `pulumi preview` would see them.

export const PROJECT = "kafka-cluster";
export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, any>;
    /** `urn::id` of the explicit provider, when one was passed. */
    readonly provider?: string;
    /** Resource options as the engine would receive them. */
    readonly options: RecordedOptions;
}

export interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    /** URNs this resource was declared to depend on. */
    dependsOn: string[];
    parent: string;
    /** URN of the resource whose deletion makes deleting this one unnecessary; "" for none. */
    deletedWith: string;
    /** ID of an existing object to import instead of creating one; "" for none. */
    importId: string;
    /** Former identities, as `<parent URN>::<name>` ("" for an unchanged part). */
    aliases: string[];
}

const READ_OPTIONS: RecordedOptions = {
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    dependsOn: [],
    parent: "",
    deletedWith: "",
    importId: "",
    aliases: [],
};

/** The fields of a RegisterResourceRequest the tests look at. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getDeletebeforereplace(): boolean;
    getDependenciesList(): string[];
    getParent(): string;
    getDeletedwith(): string;
    getImportid(): string;
    getAliasesList(): { getSpec(): { getName(): string; getParenturn(): string } | undefined; getUrn(): string }[];
}

export interface ProgramRun {
    readonly resources: RecordedResource[];
    readonly outputs: Record<string, unknown>;
    readonly ofType: (type: string) => RecordedResource[];
    readonly named: (type: string, dockerName: string) => RecordedResource;
}

export interface ProgramSettings {
    readonly stack: string;
    /** Values under the project's namespace, as a stack file would hold them. */
    readonly config?: Record<string, unknown>;
    /** Values set with `pulumi config set --secret`. */
    readonly secrets?: Record<string, string>;
    /** Keys of `config` the stack file holds encrypted (set with --secret --path). */
    readonly secretConfig?: readonly string[];
    /** Other namespaces' keys, fully qualified (e.g. `docker:host`). */
    readonly otherConfig?: Record<string, string>;
    /** Outputs the stack recorded on its last update, as its stack reference reads them. */
    readonly recordedOutputs?: Record<string, unknown>;
}

/** Pulumi hands top-level values to programs as strings and maps as JSON. */
export function toPulumiConfig(settings: ProgramSettings): { values: Record<string, string>; secretKeys: string[] } {
    const values: Record<string, string> = { ...settings.otherConfig };
    for (const [key, value] of Object.entries(settings.config ?? {})) {
        values[`${PROJECT}:${key}`] = typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    const secretKeys: string[] = (settings.secretConfig ?? []).map((key) => `${PROJECT}:${key}`);
    for (const [key, value] of Object.entries(settings.secrets ?? {})) {
        values[`${PROJECT}:${key}`] = value;
        secretKeys.push(`${PROJECT}:${key}`);
    }
    return { values, secretKeys };
}

/** A stack file's `config:` block under this project's namespace, as the CLI would read it. */
export function readStackFile(stack: string): Record<string, unknown> {
    const file = yaml.load(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(file.config ?? {})) {
        if (key.startsWith(`${PROJECT}:`)) {
            config[key.slice(PROJECT.length + 1)] = value;
        }
    }
    return config;
}

/** The image id the mocks give a RemoteImage of `reference` (a real engine returns a digest). */
export function mockImageId(reference: string): string {
    return `sha256:${Buffer.from(reference).toString("hex").padEnd(64, "0").slice(0, 64)}`;
}

/** Computed outputs a real provider would return, so dependants see known values. */
function computedState(type: string, name: string, inputs: Record<string, any>, settings: ProgramSettings): Record<string, any> {
    if (type.startsWith(TYPES.dynamic)) {
        // The TLS material (components/brokerCertificates.ts) and the brokers' password
        // (components/interBrokerCredential.ts), as their providers would return them.
        return { ...inputs, certPem: `${name} certificate`, keyPem: `${name} key`, keystorePem: `${name} keystore`, fingerprint: `${name} fingerprint`, password: `${name} password` };
    }
    switch (type) {
        case "pulumi:pulumi:StackReference":
            return { ...inputs, outputs: settings.recordedOutputs ?? {}, secretOutputNames: [] };
        case "docker:index/remoteImage:RemoteImage":
            return { ...inputs, imageId: mockImageId(inputs.name) };
        default:
            return { ...inputs, name: inputs.name ?? name };
    }
}

export async function runProgram(settings: ProgramSettings): Promise<ProgramRun> {
    // The SDKs and the program load once per test file: setMocks starts every run
    // from a fresh engine state (monitor, stack resource, config below), and the
    // program keeps nothing between runs, so re-importing @pulumi/* for each run
    // (seconds under jest's module loader) would only measure the loader.
    const pulumi: typeof pulumiType = require("@pulumi/pulumi");
    skipDynamicProviderSerialization();
    const resources: RecordedResource[] = [];
    const options = new Map<string, RecordedOptions>();
    const urns = new Map<string, string>();
    const { values, secretKeys } = toPulumiConfig(settings);
    pulumi.runtime.setAllConfig(values, secretKeys);
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                // Reads (stack references) come through readResource, which carries no options.
                const recorded = options.get(`${args.type}::${args.name}`) ?? (args.id ? READ_OPTIONS : undefined);
                if (!recorded) {
                    throw new Error(`no options recorded for ${args.type} ${args.name}`);
                }
                resources.push({ urn: "", type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, options: recorded });
                return { id: `${args.name}-id`, state: computedState(args.type, args.name, args.inputs, settings) };
            },
            call(args) {
                throw new Error(`unexpected call to ${args.token}`);
            },
        },
        PROJECT,
        settings.stack,
        true,
        "organization",
    );
    recordRegistrations(pulumi, options, urns);
    const program = (await (require("../../../index") as () => Promise<Record<string, unknown>>)()) as Record<string, unknown>;
    await pulumi.runtime.disconnect();
    for (const [index, resource] of resources.entries()) {
        resources[index] = { ...resource, urn: urns.get(`${resource.type}::${resource.name}`) ?? "" };
    }
    const outputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(program)) {
        outputs[key] = pulumi.Output.isInstance(value) ? await promiseOf(value) : value;
    }
    const ofType = (type: string) => resources.filter((resource) => resource.type === type);
    const named = (type: string, dockerName: string) => {
        const found = ofType(type).filter((resource) => resource.inputs.name === dockerName);
        if (found.length !== 1) {
            throw new Error(`expected one ${type} named ${dockerName}, found ${found.length}`);
        }
        return found[0];
    };
    return { resources, outputs, ofType, named };
}

/**
 * A dynamic resource (the TLS material) ships its provider's code to the engine
 * as serialized JavaScript, which needs V8's inspector that jest's module
 * sandbox does not offer. Mocks never run that code, so it is left empty here;
 * the e2e suite runs the real serialization against the real engine.
 */
function skipDynamicProviderSerialization(): void {
    const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as { serializeFunction: unknown };
    closure.serializeFunction = async () => ({ text: "exports.handler = undefined;", exportName: "handler", containsSecrets: false });
}

/**
 * Mocks hand `newResource` only type, name and inputs; options such as `protect`
 * travel in the registration request, so read them there before the mock runs.
 */
function recordRegistrations(pulumi: typeof pulumiType, options: Map<string, RecordedOptions>, urns: Map<string, string>): void {
    type Callback = (error: unknown, response?: { getUrn(): string }) => void;
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(request: RegisterRequest, callback: Callback): unknown };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        const key = `${request.getType()}::${request.getName()}`;
        options.set(key, {
            protect: request.getProtect(),
            retainOnDelete: request.getRetainondelete(),
            deleteBeforeReplace: request.getDeletebeforereplace(),
            dependsOn: request.getDependenciesList(),
            parent: request.getParent(),
            deletedWith: request.getDeletedwith(),
            importId: request.getImportid(),
            aliases: request.getAliasesList().map((alias) => {
                const spec = alias.getSpec();
                return spec ? `${spec.getParenturn()}::${spec.getName()}` : alias.getUrn();
            }),
        });
        return register(request, (error, response) => {
            if (response) {
                urns.set(key, response.getUrn());
            }
            callback(error, response);
        });
    };
}

export function promiseOf<T>(output: pulumiType.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

export const TYPES = {
    container: "docker:index/container:Container",
    network: "docker:index/network:Network",
    volume: "docker:index/volume:Volume",
    image: "docker:index/remoteImage:RemoteImage",
    topic: "kafka:index/topic:Topic",
    kafkaProvider: "pulumi:providers:kafka",
    acl: "kafka:index/acl:Acl",
    scramCredential: "kafka:index/userScramCredential:UserScramCredential",
    /** Prefix of dynamic resources' types (pulumi-nodejs:dynamic/<module>:<type>). */
    dynamic: "pulumi-nodejs:dynamic",
} as const;

/** The signature Pulumi wraps secret values in on the wire. */
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export function isSecret(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.values(value).includes(SECRET_SIGNATURE);
}

function unwrapSecret<T>(value: T | { value: T }): T {
    return isSecret(value) ? (value as { value: T }).value : (value as T);
}

/** Reads an env entry `KEY=value` of a recorded container. */
export function envOf(container: RecordedResource, key: string): string | undefined {
    const envs = unwrapSecret(container.inputs.envs as string[] | { value: string[] } | undefined);
    const entry = envs?.find((env) => env.startsWith(`${key}=`));
    return entry?.slice(key.length + 1);
}

/** A container's uploads; a secret among them makes the whole list a secret on the wire. */
export function uploadsOf(container: RecordedResource): { file: string; content: string }[] {
    return unwrapSecret(container.inputs.uploads as { file: string; content: string }[] | { value: { file: string; content: string }[] } | undefined) ?? [];
}

/** The content of the file uploaded at `file`. */
export function uploadOf(container: RecordedResource, file: string): string {
    const upload = uploadsOf(container).find((candidate) => candidate.file === file);
    if (!upload) {
        throw new Error(`no upload at ${file}`);
    }
    return upload.content;
}
