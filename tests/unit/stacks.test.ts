import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { CONFIG_DEFAULTS, SECRET_KEYS } from "../../config";
import { envOf, readStackFile, REPO_ROOT, runProgram, TYPES } from "./support/program";

// Each stack file evaluated as `pulumi up` would evaluate it, and Pulumi.yaml
// checked against the program's own defaults so the documentation cannot drift.

interface DeclaredKey {
    type?: string;
    description?: string;
    default?: unknown;
    secret?: boolean;
}

const projectFile = yaml.load(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as {
    name: string;
    runtime: { name: string; options: Record<string, unknown> };
    config: Record<string, DeclaredKey>;
};

describe("Pulumi.yaml", () => {
    it("is the kafka-cluster TypeScript project, entered through program.js", () => {
        expect(projectFile.name).toBe("kafka-cluster");
        // program.js transpiles and caches the TypeScript itself, so the language host must not load ts-node.
        expect(projectFile.runtime).toEqual({ name: "nodejs", options: { typescript: false, packagemanager: "npm" } });
        const packageFile = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { main: string };
        expect(packageFile.main).toBe("program.js");
        expect(fs.readFileSync(path.join(REPO_ROOT, "program.js"), "utf8")).toContain('require("./index.ts")');
    });

    it("declares every key the program reads, with a description, and the program's default", () => {
        // Secrets stay undeclared: the CLI requires every declared key that has no
        // default ("Stack 'dev' is missing configuration value 'uiPassword'").
        expect(Object.keys(projectFile.config).sort()).toEqual(Object.keys(CONFIG_DEFAULTS).sort());
        for (const key of SECRET_KEYS) {
            expect(projectFile.config[key]).toBeUndefined();
        }
        for (const [key, declared] of Object.entries(projectFile.config)) {
            expect(declared.description).toEqual(expect.any(String));
            expect([key, declared.default]).toEqual([key, CONFIG_DEFAULTS[key as keyof typeof CONFIG_DEFAULTS]]);
        }
    });

    it("types every scalar key (Pulumi has no schema type for maps)", () => {
        for (const [key, declared] of Object.entries(projectFile.config)) {
            const value = CONFIG_DEFAULTS[key as keyof typeof CONFIG_DEFAULTS] ?? declared.default;
            const expected = typeof value === "object" ? undefined : typeof value === "number" ? "integer" : typeof value;
            expect([key, declared.type]).toEqual([key, expected]);
        }
    });
});

describe("Pulumi.dev.yaml", () => {
    it("brings up 1 ZooKeeper, 3 brokers and a login-free UI on 127.0.0.1, with the tutorial's topic configs", async () => {
        const run = await runProgram({ stack: "dev", config: readStackFile("dev") });
        const containers = run.ofType(TYPES.container).map((container) => container.inputs.name);
        expect(containers.sort()).toEqual([
            "kafka-cluster-dev-kafka-1",
            "kafka-cluster-dev-kafka-1-in-sync",
            "kafka-cluster-dev-kafka-2",
            "kafka-cluster-dev-kafka-2-in-sync",
            "kafka-cluster-dev-kafka-3",
            "kafka-cluster-dev-kafka-3-in-sync",
            "kafka-cluster-dev-kafka-ui",
            "kafka-cluster-dev-zookeeper",
            "kafka-cluster-dev-zookeeper-answering",
        ]);
        expect(envOf(run.named(TYPES.container, "kafka-cluster-dev-kafka-ui"), "AUTH_TYPE")).toBeUndefined();
        for (const port of run.ofType(TYPES.container).flatMap((container) => container.inputs.ports ?? [])) {
            expect(port.ip).toBe("127.0.0.1");
        }
        const demo = run.ofType(TYPES.topic).find((topic) => topic.inputs.name === "demo");
        expect(demo?.inputs.config).toEqual({ "max.message.bytes": "10485760", "retention.ms": "604800000" });
        expect(run.outputs.kafkaUiUrl).toBe("http://127.0.0.1:18080");
    });
});

describe.each(["staging", "prod"])("Pulumi.%s.yaml", (stack) => {
    it("needs the UI password, and says how to set it", async () => {
        // Pulumi.yaml's empty default is what the CLI hands the program when it is unset.
        await expect(runProgram({ stack, config: readStackFile(stack), secrets: { uiPassword: "" } })).rejects.toThrow(
            `uiPassword is not set but the stack is protected, so kafka-ui needs a login; run: pulumi config set --secret uiPassword <password> --stack ${stack}`,
        );
    });

    it("runs replication factor 3 with min.insync.replicas 2, protected, rolling, behind a login", async () => {
        const run = await runProgram({ stack, config: readStackFile(stack), secrets: { uiPassword: "s3cret" } });
        for (const topic of run.ofType(TYPES.topic)) {
            expect(topic.inputs.replicationFactor).toBe(3);
            expect(topic.options.protect).toBe(true);
        }
        for (const volume of run.ofType(TYPES.volume)) {
            expect(volume.options.protect).toBe(true);
        }
        const broker = run.named(TYPES.container, `kafka-cluster-${stack}-kafka-2`);
        const properties = (broker.inputs.uploads as { content: string }[])[0].content;
        expect(properties).toContain("\nmin.insync.replicas=2\n");
        expect(broker.options.dependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/::kafka-kafka-1-in-sync$/)]));
        expect(envOf(run.named(TYPES.container, `kafka-cluster-${stack}-kafka-ui`), "AUTH_TYPE")).toBe("LOGIN_FORM");
    });
});

describe("stacks side by side on one Docker host", () => {
    it("share no Docker name, no host port and no subnet", async () => {
        const claims = new Map<string, string>();
        for (const stack of ["dev", "staging", "prod"]) {
            const run = await runProgram({ stack, config: readStackFile(stack), secrets: { uiPassword: "s3cret" } });
            const dockerObjects = run.resources.filter((resource) => resource.type.startsWith("docker:index/") && resource.type !== TYPES.image);
            const ports = run.ofType(TYPES.container).flatMap((container) => container.inputs.ports ?? []);
            const subnets = run.ofType(TYPES.network).flatMap((network) => network.inputs.ipamConfigs ?? []).map((ipam) => `subnet ${ipam.subnet}`);
            expect(subnets).toHaveLength(1);
            for (const claim of [...dockerObjects.map((resource) => `name ${resource.inputs.name}`), ...ports.map((port) => `port ${port.external}`), ...subnets]) {
                expect([claim, claims.get(claim)]).toEqual([claim, undefined]);
                claims.set(claim, stack);
            }
        }
        expect(claims.size).toBeGreaterThan(30);
    });
});
