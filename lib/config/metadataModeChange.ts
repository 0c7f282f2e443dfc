import type { MetadataQuorum } from "../render/serverProperties";
import { MIGRATION_SETTINGS, MigrationSetting, migrationStepProblems, phaseLayout, stepBackWarning } from "./kraftMigration";

// What a running stack's recorded outputs say about its metadata service, and
// which planned changes to it are refused. Switching a stack between ZooKeeper
// and KRaft in one `up` would start brokers against an empty metadata service:
// every topic would vanish from the cluster's view; the way from ZooKeeper to
// KRaft is the phased migration (kraftMigration.ts). Changing the voters of a
// static KRaft quorum would start new controllers on empty logs, which the
// Kafka docs warn can elect a leader that lacks committed metadata.

/** The outputs a stack records about its metadata service (index.ts). */
export interface RecordedMetadata {
    /** Recorded by ZooKeeper-mode stacks while ZooKeeper runs. */
    readonly zookeeperConnect?: unknown;
    /** Recorded by KRaft-mode stacks, and by migrating ones once they run controllers: controller.quorum.voters. */
    readonly controllerQuorumVoters?: unknown;
    /** Recorded by stacks with kraftMigration set: the phase they ran. */
    readonly kraftMigration?: unknown;
}

/** What the stack runs, or undefined for a stack that has not run yet. */
export interface RunningMetadata {
    readonly quorum: MetadataQuorum;
    /** The migration phase it ran; none for a ZooKeeper stack that never set kraftMigration. Absent for a KRaft stack. */
    readonly migration?: MigrationSetting;
    /** Controllers it runs (KRaft mode, or a migration from phase 1 on). */
    readonly controllerCount?: number;
}

export function recordedQuorum(recorded: RecordedMetadata): RunningMetadata | undefined {
    const voters = recorded.controllerQuorumVoters;
    const controllerCount = typeof voters === "string" ? voters.split(",").length : undefined;
    const migration = recorded.kraftMigration;
    if (typeof migration === "string" && (MIGRATION_SETTINGS as readonly string[]).includes(migration)) {
        const setting = migration as MigrationSetting;
        return {
            quorum: setting === "none" || controllerCount === undefined ? { mode: "zookeeper" } : { mode: "zookeeper", migration: { phase: setting, controllerCount } },
            migration: setting,
            controllerCount,
        };
    }
    if (controllerCount !== undefined) {
        return { quorum: { mode: "kraft", controllerCount }, controllerCount };
    }
    return typeof recorded.zookeeperConnect === "string" ? { quorum: { mode: "zookeeper" }, migration: "none" } : undefined;
}

const plannedMigration = (planned: MetadataQuorum): MigrationSetting => (planned.mode === "zookeeper" ? (planned.migration?.phase ?? "none") : "none");
const plannedControllers = (planned: MetadataQuorum): number | undefined => (planned.mode === "kraft" ? planned.controllerCount : planned.migration?.controllerCount);

/** Whether the stack already runs KRaft controllers, which then change one at a time. */
export function runsControllers(running: RunningMetadata | undefined): boolean {
    return running?.controllerCount !== undefined && (running.migration === undefined || phaseLayout(running.migration).controllers);
}

export function metadataChangeProblems(running: RunningMetadata | undefined, planned: MetadataQuorum): string[] {
    const migration = plannedMigration(planned);
    if (running === undefined) {
        return migration === "none"
            ? []
            : [
                  `kraftMigration is ${migration} but the stack has not run yet; the migration moves a running ZooKeeper stack (its brokers hold the cluster id the controllers take), so create the stack with kraftMigration none, or with metadataMode kraft for a new KRaft cluster`,
              ];
    }
    const runningMode = running.quorum.mode;
    if (runningMode !== planned.mode) {
        if (running.migration === "zookeeperRemoved") {
            return [
                `metadataMode is ${planned.mode} but the stack finished its migration from ZooKeeper and already runs KRaft; its settings stay metadataMode zookeeper with kraftMigration zookeeperRemoved, so keep those`,
            ];
        }
        if (runningMode === "zookeeper") {
            return [
                `metadataMode is ${planned.mode} but the stack runs zookeeper mode; switching in place would start the brokers against an empty metadata service and lose every topic. ` +
                    `Keep metadataMode zookeeper and move the running cluster to KRaft with the phased migration, one phase per up: set kraftMigration ${nextSetting(running.migration ?? "none")} next (README, "Migrating from ZooKeeper to KRaft")`,
            ];
        }
        return [
            `metadataMode is ${planned.mode} but the stack runs ${runningMode} mode; switching in place would start the brokers against an empty metadata service and lose every topic; keep metadataMode ${runningMode} for this stack`,
        ];
    }
    const problems = running.migration === undefined ? [] : migrationStepProblems(running.migration, migration);
    const count = plannedControllers(planned);
    if (problems.length === 0 && runsControllers(running) && count !== undefined && running.controllerCount !== count) {
        problems.push(
            `controllerCount is ${count} but the stack runs a static quorum of ${running.controllerCount} controllers; changing the voters of a static quorum would start controllers on empty logs, so it is refused. Keep controllerCount ${running.controllerCount}`,
        );
    }
    return problems;
}

/** Warnings about allowed metadata changes whose cost the diff does not spell out. */
export function metadataChangeWarnings(running: RunningMetadata | undefined, planned: MetadataQuorum): string[] {
    const warning = running?.migration === undefined ? undefined : stepBackWarning(running.migration, plannedMigration(planned));
    return warning ? [warning] : [];
}

function nextSetting(setting: MigrationSetting): MigrationSetting {
    return MIGRATION_SETTINGS[Math.min(MIGRATION_SETTINGS.indexOf(setting) + 1, MIGRATION_SETTINGS.length - 1)] ?? setting;
}
