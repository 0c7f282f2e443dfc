import { parseConfig, RawConfig } from "../../config";
import { MIGRATION_SETTINGS, MigrationSetting, migrationStepProblems, phaseLayout } from "../../lib/config/kraftMigration";
import { ConfigValidationError } from "../../lib/config/problems";
import { kafkaStartCommand } from "../../lib/render/kafkaStartCommand";
import { parseProperties } from "./support/properties";
import { ProgramRun, runProgram, TYPES } from "./support/program";

// The migration of a running ZooKeeper stack to KRaft (kraftMigration): what each
// phase renders, which moves between phases are refused at preview and with what
// message, and that no volume leaves the stack on the way.

const VOTERS = "1001@controller-1:9093,1002@controller-2:9093,1003@controller-3:9093";
const PROPERTIES = "/etc/kafka-cluster/server.properties";

/** The outputs a stack records after an up in `phase`, as the next run's stack reference reads them. */
function recordedAfter(phase: MigrationSetting): Record<string, unknown> {
    const layout = phaseLayout(phase);
    return {
        ...(layout.zookeeper ? { zookeeperConnect: "zookeeper:2181" } : {}),
        ...(layout.controllers ? { controllerQuorumVoters: VOTERS } : {}),
        ...(phase === "none" ? {} : { kraftMigration: phase }),
    };
}

function runPhase(phase: MigrationSetting, recorded: MigrationSetting, config: Record<string, unknown> = {}): Promise<ProgramRun> {
    return runProgram({ stack: "mig", config: { kraftMigration: phase, brokerRollout: "rolling", ...config }, recordedOutputs: recordedAfter(recorded) });
}

function problemsOf(raw: RawConfig): { problems: readonly string[]; warnings: readonly string[] } {
    try {
        return { problems: [], warnings: parseConfig(raw, { project: "kafka-cluster", stack: "mig" }).warnings };
    } catch (error) {
        if (error instanceof ConfigValidationError) return { problems: error.problems, warnings: [] };
        throw error;
    }
}

describe("kraftMigration settings", () => {
    it("takes the phases by name and refuses anything else, listing them", () => {
        expect(problemsOf({ kraftMigration: "phase2" }).problems).toEqual([
            'kraftMigration is "phase2" but must be one of none, controllers, brokersMigrating, brokersKraft, controllersKraft, zookeeperRemoved',
        ]);
    });

    it("refuses the migration on a KRaft stack, with hosts, or with security, saying what to set instead", () => {
        expect(problemsOf({ metadataMode: "kraft", kraftMigration: "controllers" }).problems).toEqual([
            "kraftMigration is controllers with metadataMode kraft, but the migration moves a stack created in ZooKeeper mode, and metadataMode stays zookeeper throughout (a KRaft stack has nothing to migrate); keep metadataMode zookeeper or set kraftMigration none",
        ]);
        expect(problemsOf({ kraftMigration: "controllers", security: { enabled: true, adminPassword: "x".repeat(16) } }).problems).toContain(
            "kraftMigration is controllers with security.enabled true, but the migration moves unsecured stacks only for now (a secured controller quorum is formatted with the brokers' credential, which a migrating quorum cannot add); leave security off or set kraftMigration none",
        );
    });

    it("checks controllerCount once migrating, warning about one controller", () => {
        expect(problemsOf({ kraftMigration: "controllers", controllerCount: 1 }).warnings).toEqual([
            "controllerCount is 1: the cluster stops taking metadata changes (topics, leader elections) while that one controller is down; use 3 for anything but development",
        ]);
        expect(problemsOf({ kraftMigration: "controllers", controllerCount: 2 }).problems).toEqual([expect.stringContaining("controllerCount is 2 but must be 1, 3 or 5")]);
        // A ZooKeeper stack that is not migrating ignores it.
        expect(problemsOf({ controllerCount: 2 })).toEqual({ problems: [], warnings: [] });
    });

    it("keeps Kafka 3.9 until ZooKeeper is gone, then allows Kafka 4.4 as a rolling image change", () => {
        expect(problemsOf({ kraftMigration: "controllersKraft", brokerImage: "apache/kafka:4.4.0" }).problems).toEqual([expect.stringContaining("Kafka 4 has no ZooKeeper mode")]);
        expect(problemsOf({ kraftMigration: "zookeeperRemoved", brokerImage: "apache/kafka:4.4.0" })).toEqual({ problems: [], warnings: [] });
        expect(problemsOf({ kraftMigration: "zookeeperRemoved", brokerImage: "apache/kafka:3.9.1" })).toEqual({ problems: [], warnings: [] });
    });
});

describe("moving between phases", () => {
    it("allows staying, and one phase forward from each phase", () => {
        MIGRATION_SETTINGS.forEach((setting, index) => {
            expect(migrationStepProblems(setting, setting)).toEqual([]);
            const next = MIGRATION_SETTINGS[index + 1];
            if (next) expect(migrationStepProblems(setting, next)).toEqual([]);
        });
    });

    it("refuses a skipped phase, naming the one to set first", () => {
        expect(migrationStepProblems("none", "brokersMigrating")).toEqual([
            "kraftMigration is brokersMigrating (phase 2) but the stack is in phase 0 (none); each up moves one phase, after the one before it has finished, so set kraftMigration controllers (phase 1) first",
        ]);
        expect(migrationStepProblems("brokersMigrating", "zookeeperRemoved")).toEqual([
            "kraftMigration is zookeeperRemoved (phase 5) but the stack is in phase 2 (brokersMigrating); each up moves one phase, after the one before it has finished, so set kraftMigration brokersKraft (phase 3) first",
        ]);
    });

    it("refuses going back past the point of no return", () => {
        expect(migrationStepProblems("controllersKraft", "brokersKraft")).toEqual([
            "kraftMigration is brokersKraft (phase 3) but the stack is in phase 4 (controllersKraft), past the point of no return (phase 4, controllersKraft): ZooKeeper no longer has the cluster's metadata, so there is no going back; keep kraftMigration controllersKraft",
        ]);
        expect(migrationStepProblems("zookeeperRemoved", "none")).toEqual([expect.stringContaining("past the point of no return")]);
    });

    it("allows the steps back Kafka makes a plain roll, and refuses those that take manual steps in ZooKeeper", () => {
        expect(migrationStepProblems("brokersKraft", "brokersMigrating")).toEqual([]);
        expect(migrationStepProblems("controllers", "none")).toEqual([]);
        expect(migrationStepProblems("brokersMigrating", "controllers")).toEqual([
            'kraftMigration is controllers (phase 1) but the stack is in phase 2 (brokersMigrating); going back there takes manual steps in ZooKeeper (README, "Migrating from ZooKeeper to KRaft", rollback), so it is refused; keep kraftMigration brokersMigrating',
        ]);
        expect(migrationStepProblems("brokersKraft", "controllers")).toEqual([
            'kraftMigration is controllers (phase 1) but the stack is in phase 3 (brokersKraft); going back there takes manual steps in ZooKeeper (README, "Migrating from ZooKeeper to KRaft", rollback), so it is refused; the one step back Kafka supports from here is kraftMigration brokersMigrating',
        ]);
    });

    it("refuses at preview, through the stack's recorded phase, before anything is declared", async () => {
        await expect(runPhase("brokersKraft", "controllers")).rejects.toThrow(
            "kraftMigration is brokersKraft (phase 3) but the stack is in phase 1 (controllers); each up moves one phase, after the one before it has finished, so set kraftMigration brokersMigrating (phase 2) first",
        );
        // An old ZooKeeper stack records no phase: it is in phase 0.
        await expect(runProgram({ stack: "mig", config: { kraftMigration: "brokersMigrating" }, recordedOutputs: { zookeeperConnect: "zookeeper:2181" } })).rejects.toThrow(
            "kraftMigration is brokersMigrating (phase 2) but the stack is in phase 0 (none)",
        );
    });

    it("refuses a migration on a stack that has not run, and a direct switch of metadataMode, pointing at kraftMigration", async () => {
        await expect(runProgram({ stack: "mig", config: { kraftMigration: "controllers" } })).rejects.toThrow(
            "kraftMigration is controllers but the stack has not run yet; the migration moves a running ZooKeeper stack (its brokers hold the cluster id the controllers take), so create the stack with kraftMigration none, or with metadataMode kraft for a new KRaft cluster",
        );
        await expect(runProgram({ stack: "mig", config: { metadataMode: "kraft", brokerImage: "apache/kafka:4.4.0" }, recordedOutputs: recordedAfter("brokersMigrating") })).rejects.toThrow(
            "metadataMode is kraft but the stack runs zookeeper mode; switching in place would start the brokers against an empty metadata service and lose every topic. " +
                'Keep metadataMode zookeeper and move the running cluster to KRaft with the phased migration, one phase per up: set kraftMigration brokersKraft next (README, "Migrating from ZooKeeper to KRaft")',
        );
    });

    it("refuses a change of controllerCount once the controllers run", async () => {
        await expect(runPhase("brokersMigrating", "controllers", { controllerCount: 5 })).rejects.toThrow(
            "controllerCount is 5 but the stack runs a static quorum of 3 controllers; changing the voters of a static quorum would start controllers on empty logs, so it is refused. Keep controllerCount 3",
        );
    });
});

describe("what each phase runs", () => {
    const runs = new Map<MigrationSetting, ProgramRun>();
    beforeAll(async () => {
        // Each phase as the up that moves into it: the stack recorded the phase before.
        for (const [index, phase] of MIGRATION_SETTINGS.entries()) {
            runs.set(phase, await runPhase(phase, MIGRATION_SETTINGS[Math.max(index - 1, 0)] ?? "none"));
        }
    });
    const run = (phase: MigrationSetting) => runs.get(phase)!;
    const containerNames = (phase: MigrationSetting) => run(phase).ofType(TYPES.container).map((c) => String(c.inputs.name).replace("kafka-cluster-mig-", "")).sort();
    const upload = (phase: MigrationSetting, name: string, file = PROPERTIES) =>
        (run(phase).named(TYPES.container, `kafka-cluster-mig-${name}`).inputs.uploads as { file: string; content: string }[]).find((entry) => entry.file === file)?.content ?? "";
    const properties = (phase: MigrationSetting, name: string) => parseProperties(upload(phase, name));
    const command = (phase: MigrationSetting, name: string) => run(phase).named(TYPES.container, `kafka-cluster-mig-${name}`).inputs.command;

    it("adds controllers in phase 1 and removes ZooKeeper's container in phase 5, keeping the brokers throughout", () => {
        const brokers = ["kafka-1", "kafka-2", "kafka-3"].flatMap((broker) => [broker, `${broker}-in-sync`]);
        const controllers = ["controller-1", "controller-2", "controller-3"];
        const zookeeper = ["zookeeper", "zookeeper-answering"];
        expect(containerNames("none")).toEqual([...brokers, "kafka-ui", ...zookeeper].sort());
        for (const phase of ["controllers", "brokersMigrating", "brokersKraft", "controllersKraft"] as const) {
            expect(containerNames(phase)).toEqual([...controllers, ...brokers, "kafka-ui", ...zookeeper].sort());
        }
        expect(containerNames("zookeeperRemoved")).toEqual([...controllers, ...brokers, "kafka-ui"].sort());
    });

    it("never lets a volume leave the stack: ZooKeeper's stay declared after its container goes", () => {
        const volumes = (phase: MigrationSetting) => run(phase).ofType(TYPES.volume).map((volume) => String(volume.inputs.name)).sort();
        for (const [index, phase] of MIGRATION_SETTINGS.entries()) {
            const before = MIGRATION_SETTINGS[index - 1];
            if (before) expect(volumes(phase)).toEqual(expect.arrayContaining(volumes(before)));
        }
        expect(volumes("zookeeperRemoved")).toEqual(expect.arrayContaining(["kafka-cluster-mig-zookeeper-data", "kafka-cluster-mig-zookeeper-datalog", "kafka-cluster-mig-kafka-1-data"]));
    });

    it("starts controllers in migration mode in phases 1-3, formatted with the cluster id ZooKeeper holds", () => {
        for (const phase of ["controllers", "brokersMigrating", "brokersKraft"] as const) {
            expect(properties(phase, "controller-2")).toMatchObject({
                "process.roles": "controller",
                "node.id": "1002",
                "controller.quorum.voters": VOTERS,
                "zookeeper.metadata.migration.enable": "true",
                "zookeeper.connect": "zookeeper:2181",
                "inter.broker.listener.name": "INTERNAL",
                "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT",
            });
        }
        const start = kafkaStartCommand("/opt/kafka/bin", { clusterIdFromZooKeeper: "zookeeper:2181" });
        expect(command("controllers", "controller-1")).toEqual(start);
        expect(start[2]).toContain("/opt/kafka/bin/zookeeper-shell.sh zookeeper:2181 get /cluster/id");
        expect(start[2]).toContain('kafka-storage.sh format --ignore-formatted --cluster-id "$id"');
        // The same command in every later phase: ZooKeeper is asked only while the volume is unformatted.
        expect(command("zookeeperRemoved", "controller-1")).toEqual(start);
    });

    it("leaves the brokers as they are in phase 1", () => {
        expect(upload("controllers", "kafka-1")).toBe(upload("none", "kafka-1"));
        expect(command("controllers", "kafka-1")).toEqual(command("none", "kafka-1"));
    });

    it("rolls the brokers with migration enabled in phase 2, keeping broker.id and ZooKeeper", () => {
        const broker = properties("brokersMigrating", "kafka-2");
        expect(broker).toMatchObject({
            "broker.id": "2",
            "zookeeper.connect": "zookeeper:2181",
            "zookeeper.metadata.migration.enable": "true",
            "controller.quorum.voters": VOTERS,
            "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
        });
        expect(broker["process.roles"]).toBeUndefined();
        expect(upload("brokersMigrating", "controller-1")).toBe(upload("controllers", "controller-1"));
    });

    it("rolls the brokers into KRaft in phase 3: node.id is the broker.id, no ZooKeeper, no migration flag, storage left as it is", () => {
        const broker = properties("brokersKraft", "kafka-3");
        expect(broker).toMatchObject({ "process.roles": "broker", "node.id": "3", "controller.quorum.voters": VOTERS, "controller.listener.names": "CONTROLLER" });
        for (const key of ["broker.id", "zookeeper.connect", "zookeeper.metadata.migration.enable"]) {
            expect(broker[key]).toBeUndefined();
        }
        // Migrated brokers keep the meta.properties they have; no format step.
        expect(command("brokersKraft", "kafka-3")).toEqual(command("none", "kafka-3"));
        expect(upload("brokersKraft", "controller-1")).toBe(upload("controllers", "controller-1"));
    });

    it("rolls the controllers without ZooKeeper in phase 4, leaving the brokers", () => {
        const controller = properties("controllersKraft", "controller-1");
        for (const key of ["zookeeper.connect", "zookeeper.metadata.migration.enable", "inter.broker.listener.name"]) {
            expect(controller[key]).toBeUndefined();
        }
        expect(controller["listener.security.protocol.map"]).toBe("CONTROLLER:PLAINTEXT");
        expect(upload("controllersKraft", "kafka-1")).toBe(upload("brokersKraft", "kafka-1"));
    });

    it("changes nothing but ZooKeeper's container in phase 5", () => {
        for (const name of ["controller-1", "kafka-1"]) {
            expect(upload("zookeeperRemoved", name)).toBe(upload("controllersKraft", name));
        }
        expect(run("zookeeperRemoved").outputs.zookeeperConnect).toBeUndefined();
    });

    it("rolls controllers one at a time once they run, each after ZooKeeper answers while it runs, and brokers after all of them", () => {
        const urn = (phase: MigrationSetting, name: string) => run(phase).named(TYPES.container, `kafka-cluster-mig-${name}`).urn;
        const before = (phase: MigrationSetting, name: string) => run(phase).named(TYPES.container, `kafka-cluster-mig-${name}`).options.dependsOn.filter((dep) => dep.includes(`$${TYPES.container}::`));
        // A migrating controller reads its cluster id from ZooKeeper at start.
        expect(before("controllers", "controller-2")).toEqual([urn("controllers", "zookeeper-answering")]);
        expect(before("controllersKraft", "controller-2")).toEqual([urn("controllersKraft", "zookeeper-answering"), urn("controllersKraft", "controller-1")]);
        expect(before("zookeeperRemoved", "controller-2")).toEqual([urn("zookeeperRemoved", "controller-1")]);
        expect(before("brokersMigrating", "kafka-2")).toEqual(
            ["zookeeper", "controller-1", "controller-2", "controller-3", "kafka-1-in-sync"].map((name) => urn("brokersMigrating", name)),
        );
    });

    it("records its phase and its quorum, so the next up knows where it is", () => {
        expect(run("none").outputs.kraftMigration).toBeUndefined();
        for (const phase of MIGRATION_SETTINGS.filter((setting) => setting !== "none")) {
            expect(run(phase).outputs.kraftMigration).toBe(phase);
            expect(run(phase).outputs.controllerQuorumVoters).toBe(VOTERS);
        }
    });
});
