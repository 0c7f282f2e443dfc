// The outputs a stack can have, as one list: index.ts must return exactly these
// keys (the type says so) and the README's Outputs table must name exactly these
// (tests/unit/readme.test.ts).

export const STACK_OUTPUTS = [
    "externalBootstrapServers",
    "internalBootstrapServers",
    "brokers",
    "kafkaUiUrl",
    "zookeeperConnect",
    "controllerQuorumVoters",
    "kraftMigration",
    "networkName",
    "topics",
    "nginxUrls",
    "nginxLogTopic",
    "placement",
    "externalSecurityProtocol",
    "caCertificate",
] as const;

export type StackOutput = (typeof STACK_OUTPUTS)[number];

/**
 * The outputs that apply to this stack. One that does not (no kafka-ui, no
 * migration, ZooKeeper mode's quorum voters) is left out, as Pulumi would leave
 * it out anyway, instead of earning a warning on every preview and `up`.
 */
export function definedOnly(outputs: Record<StackOutput, unknown>): Partial<Record<StackOutput, unknown>> {
    return Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== undefined));
}
