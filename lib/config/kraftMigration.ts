// Moving a running ZooKeeper-mode stack (Kafka 3.9) to KRaft, the way the Kafka
// 3.9 docs ("ZooKeeper to KRaft Migration") lay it out, one phase per `pulumi up`.
// The stack records the phase it ran (output kraftMigration), and a run may only
// move to the next phase, stay, or step back where Kafka allows it: each phase
// builds on the state the one before left in the cluster, so skipping one would
// start brokers or controllers against metadata that is not there yet.

/** The phases in order; each `up` moves at most one step along this list. */
export const MIGRATION_PHASES = [
    /** KRaft controllers started in migration mode, formatted with the cluster id ZooKeeper holds. */
    "controllers",
    /** Brokers rolled with migration enabled: the controllers copy ZooKeeper's metadata into their log. */
    "brokersMigrating",
    /** Brokers rolled into KRaft (process.roles=broker); ZooKeeper still gets the metadata, for a rollback. */
    "brokersKraft",
    /** Controllers rolled without ZooKeeper: the point of no return. */
    "controllersKraft",
    /** ZooKeeper's container removed; its volumes stay on the host. */
    "zookeeperRemoved",
] as const;

export type MigrationPhase = (typeof MIGRATION_PHASES)[number];
/** `none`: a ZooKeeper stack that has not started migrating. */
export type MigrationSetting = MigrationPhase | "none";
export const MIGRATION_SETTINGS: readonly MigrationSetting[] = ["none", ...MIGRATION_PHASES];

/** A stack part-way through (or done with) the migration, and the quorum it moves to. */
export interface KraftMigration {
    readonly phase: MigrationPhase;
    readonly controllerCount: number;
}

/** The first phase after which ZooKeeper no longer holds the metadata: no way back. */
export const POINT_OF_NO_RETURN: MigrationPhase = "controllersKraft";

/** 0 for none, 1..5 for the phases. */
export function phaseNumber(setting: MigrationSetting): number {
    return setting === "none" ? 0 : MIGRATION_PHASES.indexOf(setting) + 1;
}

const atLeast = (setting: MigrationSetting, phase: MigrationPhase) => phaseNumber(setting) >= phaseNumber(phase);

/** What each part of the cluster runs as in a phase. */
export interface PhaseLayout {
    /** Controllers exist: from phase 1 on. */
    readonly controllers: boolean;
    /** Controllers still talk to ZooKeeper (zookeeper.metadata.migration.enable): phases 1-3. */
    readonly controllersMigrating: boolean;
    /** What the brokers run as. */
    readonly brokers: "zookeeper" | "migrating" | "kraft";
    /** ZooKeeper's container still runs: phases 0-4. */
    readonly zookeeper: boolean;
}

export function phaseLayout(setting: MigrationSetting): PhaseLayout {
    return {
        controllers: atLeast(setting, "controllers"),
        controllersMigrating: atLeast(setting, "controllers") && !atLeast(setting, POINT_OF_NO_RETURN),
        brokers: atLeast(setting, "brokersKraft") ? "kraft" : atLeast(setting, "brokersMigrating") ? "migrating" : "zookeeper",
        zookeeper: !atLeast(setting, "zookeeperRemoved"),
    };
}

/** Going back from these phases is a rolling change Kafka supports (docs, "Reverting to ZooKeeper mode During the Migration"). */
const STEPS_BACK: Partial<Record<MigrationSetting, { to: MigrationSetting; how: string }>> = {
    controllers: { to: "none", how: "the controllers are removed (their volumes are kept; delete them by hand before migrating again, or the controllers would resume from the old log)" },
    brokersKraft: { to: "brokersMigrating", how: "the brokers roll back to ZooKeeper with migration enabled" },
};

/**
 * Why moving from the recorded phase to the planned one is refused (empty when
 * it is allowed): more than one phase forward, back past the point of no return,
 * or back from a phase Kafka only reverts with manual steps.
 */
export function migrationStepProblems(running: MigrationSetting, planned: MigrationSetting): string[] {
    const from = phaseNumber(running);
    const to = phaseNumber(planned);
    if (to === from) {
        return [];
    }
    if (to === from + 1) {
        return [];
    }
    if (to > from) {
        const next = MIGRATION_SETTINGS[from + 1];
        return [
            `kraftMigration is ${planned} (phase ${to}) but the stack is in phase ${from} (${running}); each up moves one phase, after the one before it has finished, so set kraftMigration ${next} (phase ${from + 1}) first`,
        ];
    }
    if (atLeast(running, POINT_OF_NO_RETURN)) {
        return [
            `kraftMigration is ${planned} (phase ${to}) but the stack is in phase ${from} (${running}), past the point of no return (phase ${phaseNumber(POINT_OF_NO_RETURN)}, ${POINT_OF_NO_RETURN}): ZooKeeper no longer has the cluster's metadata, so there is no going back; keep kraftMigration ${running}`,
        ];
    }
    const back = STEPS_BACK[running];
    if (back && back.to === planned) {
        return [];
    }
    const allowed = back ? `the one step back Kafka supports from here is kraftMigration ${back.to}` : `keep kraftMigration ${running}`;
    return [
        `kraftMigration is ${planned} (phase ${to}) but the stack is in phase ${from} (${running}); going back there takes manual steps in ZooKeeper (README, "Migrating from ZooKeeper to KRaft", rollback), so it is refused; ${allowed}`,
    ];
}

/** A warning for an allowed step back, saying what it does. */
export function stepBackWarning(running: MigrationSetting, planned: MigrationSetting): string | undefined {
    const back = STEPS_BACK[running];
    return back && back.to === planned && running !== planned ? `kraftMigration goes back from ${running} to ${planned}: ${back.how}` : undefined;
}
