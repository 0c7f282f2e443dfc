import { aclGrantKey, AclGrant, AclPermission, AclResourceType, OPERATIONS_BY_RESOURCE } from "../kafka/acls";
import { closest, ConfigProblems, readBoolean, readInteger, readObject, readString, show } from "./problems";
import { CONTROLLER_USERNAME, INTER_BROKER_USERNAME } from "../render/security";
import type { TopicSpec } from "./topicSpecs";

// Stack config `security`: SASL/SCRAM on both listeners, an admin super user that
// the brokers and the Pulumi Kafka provider authenticate as, SCRAM users, their
// ACLs, and TLS on the EXTERNAL listener. Off unless `security.enabled` is true.
// Passwords arrive here in clear text (Pulumi decrypts config before the program
// runs) and leave only as Pulumi secrets; they are known at plan time, which is
// what the Kafka provider needs (v0.13.1 panics on an unknown password).

/**
 * Principals the stack logs in as itself. A user of the same name would share
 * their privileges: the controllers treat a request a broker forwards for a user
 * named CONTROLLER_USERNAME as the super user it is there.
 */
const STACK_PRINCIPALS: ReadonlyMap<string, string> = new Map([
    [INTER_BROKER_USERNAME, "the brokers' own principal"],
    [CONTROLLER_USERNAME, "the principal brokers and controllers log in to the KRaft controllers as"],
]);

export const SCRAM_MECHANISMS = ["SCRAM-SHA-512", "SCRAM-SHA-256"] as const;
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[number];

export interface ScramUserSpec {
    readonly name: string;
    /** Clear text; callers wrap it with pulumi.secret before it goes anywhere. */
    readonly password: string;
    readonly mechanism: ScramMechanism;
}

export interface TlsSpec {
    /** Bumped by hand to re-issue every broker certificate (brokers then roll). */
    readonly rotation: number;
    /** A CA of the user's own (PEM); absent means the stack generates one. */
    readonly ca?: { readonly certPem: string; readonly keyPem: string };
}

export interface SecuritySpec {
    readonly adminUsername: string;
    readonly adminPassword: string;
    /** Sorted by name. */
    readonly users: readonly ScramUserSpec[];
    /** Every grant, one ACL each, in declaration order. */
    readonly acls: readonly AclGrant[];
    /** TLS on the EXTERNAL listener (SASL_SSL); undefined keeps it SASL_PLAINTEXT. */
    readonly tls?: TlsSpec;
    /** The SCRAM user kafka-ui connects as; undefined when the UI is off. */
    readonly uiUser?: string;
}

export const SECURITY_DEFAULTS = {
    enabled: false,
    adminUsername: "admin",
    externalTls: true,
    uiUser: "kafka-ui",
} as const;

const FIELDS = ["enabled", "adminUsername", "adminPassword", "externalTls", "tls", "users", "acls", "uiUser"];
const USER_FIELDS = ["password", "mechanism"];
const GRANT_FIELDS = ["topic", "topicPrefix", "group", "groupPrefix", "cluster", "operations", "permission", "host"];
const TLS_FIELDS = ["rotation", "caCert", "caKey"];
const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export interface SecurityContext {
    readonly stack: string;
    readonly topics: readonly TopicSpec[];
    readonly uiEnabled: boolean;
    /** Whether Pulumi holds `security` encrypted (any of its values set with --secret). */
    readonly storedAsSecret: boolean;
}

/** `security` as a typed spec, undefined when it is off. Every problem names its key. */
export function parseSecurity(problems: ConfigProblems, raw: unknown, context: SecurityContext): SecuritySpec | undefined {
    const fields = readObject(problems, "security", raw ?? {});
    if (!fields) return undefined;
    rejectUnknown(problems, "security", fields, FIELDS);
    if (!readBoolean(problems, "security.enabled", fields.enabled ?? SECURITY_DEFAULTS.enabled)) {
        return undefined;
    }
    let adminUsername = readUserName(problems, "security.adminUsername", fields.adminUsername ?? SECURITY_DEFAULTS.adminUsername);
    if (adminUsername !== undefined && STACK_PRINCIPALS.has(adminUsername)) {
        problems.add(`security.adminUsername is ${show(adminUsername)}, ${STACK_PRINCIPALS.get(adminUsername)}, which the stack manages apart from the admin; choose another name`);
        adminUsername = undefined;
    }
    const adminPassword = readPassword(problems, "security.adminPassword", fields.adminPassword, context.stack);
    const users = readUsers(problems, fields.users ?? {}, adminUsername, context.stack);
    const declared = new Set(users.map((user) => user.name));

    const uiUser = context.uiEnabled ? readUserName(problems, "security.uiUser", fields.uiUser ?? SECURITY_DEFAULTS.uiUser) : undefined;
    if (uiUser !== undefined && !declared.has(uiUser)) {
        problems.add(
            `security.uiUser is ${show(uiUser)} but no such user is declared in security.users; kafka-ui connects as its own SCRAM user: declare it with a password (pulumi config set --path --secret 'security.users.${uiUser}.password' <password>)`,
        );
    }
    const acls = readAcls(problems, fields.acls ?? {}, { declared, adminUsername, topics: context.topics });

    const secretKeys = [adminPassword !== undefined ? "security.adminPassword" : undefined, ...users.map((user) => `security.users.${user.name}.password`)].filter(
        (key): key is string => key !== undefined,
    );
    if (secretKeys.length > 0 && !context.storedAsSecret) {
        problems.add(
            `${secretKeys.join(", ")} ${secretKeys.length === 1 ? "is" : "are"} stored in plain text in Pulumi.${context.stack}.yaml; store each encrypted: pulumi config set --path --secret '${secretKeys[0]}' <password> --stack ${context.stack}`,
        );
    }

    const externalTls = readBoolean(problems, "security.externalTls", fields.externalTls ?? SECURITY_DEFAULTS.externalTls);
    const tls = externalTls ? readTls(problems, fields.tls ?? {}, context.stack) : undefined;
    if (externalTls === false) {
        problems.warn("security.externalTls is false: SCRAM authenticates the EXTERNAL listener, but its traffic (messages included) crosses the network unencrypted");
    }
    if (adminUsername === undefined || adminPassword === undefined || (externalTls && tls === undefined)) {
        return undefined;
    }
    return { adminUsername, adminPassword, users, acls, tls, uiUser };
}

function rejectUnknown(problems: ConfigProblems, prefix: string, fields: Record<string, unknown>, known: readonly string[]): void {
    for (const field of Object.keys(fields).filter((key) => !known.includes(key))) {
        const suggestion = closest(field, known);
        problems.add(`${prefix}.${field} is not a setting; ${suggestion ? `did you mean ${suggestion}?` : `the settings are ${known.join(", ")}`}`);
    }
}

function readUserName(problems: ConfigProblems, key: string, raw: unknown): string | undefined {
    const name = readString(problems, key, raw);
    if (name !== undefined && !USER_NAME.test(name)) {
        problems.add(`${key} is ${show(name)} but a user name may hold only letters, digits, '.', '_' and '-' (at most 64)`);
        return undefined;
    }
    return name;
}

function readPassword(problems: ConfigProblems, key: string, raw: unknown, stack: string): string | undefined {
    if (raw === undefined || raw === null || raw === "") {
        problems.add(`${key} is missing; set it encrypted: pulumi config set --path --secret '${key}' <password> --stack ${stack}`);
        return undefined;
    }
    if (typeof raw !== "string") {
        problems.add(`${key} must be a string (set it with pulumi config set --path --secret '${key}' <password>)`);
        return undefined;
    }
    // SCRAM itself takes any string; a newline would end the JAAS and properties lines it is written to.
    if (/[\r\n]/.test(raw) || raw.length < 8) {
        problems.add(`${key} must be at least 8 characters on one line`);
        return undefined;
    }
    return raw;
}

function readUsers(problems: ConfigProblems, raw: unknown, adminUsername: string | undefined, stack: string): ScramUserSpec[] {
    const entries = readObject(problems, "security.users", raw);
    if (!entries) return [];
    const users: ScramUserSpec[] = [];
    for (const [name, value] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b))) {
        const key = `security.users.${name}`;
        if (readUserName(problems, `${key} (the user name)`, name) === undefined) continue;
        if (STACK_PRINCIPALS.has(name)) {
            problems.add(`${key} is ${STACK_PRINCIPALS.get(name)}; the stack generates and manages its credential, so choose another user name`);
            continue;
        }
        if (name === adminUsername) {
            problems.add(
                `${key} is the admin (security.adminUsername); the stack manages the admin's credential itself (security.adminPassword), so declaring it again would manage it twice`,
            );
            continue;
        }
        const fields = readObject(problems, key, value);
        if (!fields) continue;
        rejectUnknown(problems, key, fields, USER_FIELDS);
        const password = readPassword(problems, `${key}.password`, fields.password, stack);
        const mechanism = fields.mechanism ?? SCRAM_MECHANISMS[0];
        if (typeof mechanism !== "string" || !(SCRAM_MECHANISMS as readonly string[]).includes(mechanism)) {
            problems.add(`${key}.mechanism is ${show(mechanism)} but must be one of ${SCRAM_MECHANISMS.join(", ")}`);
            continue;
        }
        if (password !== undefined) users.push({ name, password, mechanism: mechanism as ScramMechanism });
    }
    return users;
}

interface AclContext {
    readonly declared: ReadonlySet<string>;
    readonly adminUsername: string | undefined;
    readonly topics: readonly TopicSpec[];
}

function readAcls(problems: ConfigProblems, raw: unknown, context: AclContext): AclGrant[] {
    const perUser = readObject(problems, "security.acls", raw);
    if (!perUser) return [];
    const grants: AclGrant[] = [];
    const seen = new Map<string, string>();
    for (const [user, list] of Object.entries(perUser)) {
        const userKey = `security.acls.${user}`;
        if (user === context.adminUsername) {
            problems.add(`${userKey} grants to the admin, a super user whom ACLs do not restrict; remove it`);
            continue;
        }
        if (!context.declared.has(user)) {
            const suggestion = closest(user, context.declared);
            problems.add(
                `${userKey} names user ${show(user)}, which security.users does not declare${suggestion ? `; did you mean ${suggestion}?` : context.declared.size ? ` (declared: ${[...context.declared].join(", ")})` : ""}`,
            );
            continue;
        }
        if (!Array.isArray(list)) {
            problems.add(`${userKey} is ${show(list)} but must be a list of grants, like [{topic: orders, operations: [Read, Describe]}]`);
            continue;
        }
        list.forEach((entry, index) => {
            const at = `${userKey}[${index}]`;
            for (const grant of readGrant(problems, at, user, entry, context.topics)) {
                const key = aclGrantKey(grant);
                const first = seen.get(key);
                if (first !== undefined) {
                    problems.add(`${at} grants ${grant.permission} ${grant.operation} on ${grant.resourceType} ${show(grant.resourceName)} again, as ${first} already does; remove the duplicate`);
                    continue;
                }
                seen.set(key, at);
                grants.push(grant);
            }
        });
    }
    return grants;
}

/** One grant of the config; it expands to one ACL per operation. */
function readGrant(problems: ConfigProblems, key: string, user: string, raw: unknown, topics: readonly TopicSpec[]): AclGrant[] {
    const fields = readObject(problems, key, raw);
    if (!fields) return [];
    rejectUnknown(problems, key, fields, GRANT_FIELDS);
    const targets = (["topic", "topicPrefix", "group", "groupPrefix", "cluster"] as const).filter((field) => fields[field] !== undefined);
    if (targets.length !== 1) {
        problems.add(`${key} must name exactly one of topic, topicPrefix, group, groupPrefix or cluster (it names ${targets.length ? targets.join(", ") : "none"})`);
        return [];
    }
    const target = targets[0] as (typeof targets)[number];
    const resourceType: AclResourceType = target.startsWith("topic") ? "Topic" : target.startsWith("group") ? "Group" : "Cluster";
    const patternType = target.endsWith("Prefix") ? "Prefixed" : "Literal";
    let resourceName = "kafka-cluster";
    if (target !== "cluster") {
        const name = readString(problems, `${key}.${target}`, fields[target]);
        if (name === undefined) return [];
        resourceName = name;
    } else if (fields.cluster !== true) {
        problems.add(`${key}.cluster is ${show(fields.cluster)} but must be true (the cluster has no name)`);
        return [];
    }
    if (target === "topicPrefix" && !topics.some((topic) => topic.name.startsWith(resourceName))) {
        problems.warn(`${key}.topicPrefix is ${show(resourceName)} but no declared topic starts with it; the grant matters only for topics made outside this stack`);
    }
    const allowed = OPERATIONS_BY_RESOURCE[resourceType];
    const operations = Array.isArray(fields.operations) ? fields.operations : [];
    if (operations.length === 0) {
        problems.add(`${key}.operations is ${show(fields.operations)} but must be a non-empty list of ${allowed.join(", ")}`);
        return [];
    }
    const unknown = operations.filter((operation) => typeof operation !== "string" || !(allowed as readonly string[]).includes(operation));
    if (unknown.length > 0) {
        problems.add(`${key}.operations has ${unknown.map(show).join(", ")} but a ${resourceType} grant allows only ${allowed.join(", ")}`);
        return [];
    }
    const permission = fields.permission ?? "Allow";
    if (permission !== "Allow" && permission !== "Deny") {
        problems.add(`${key}.permission is ${show(permission)} but must be Allow or Deny`);
        return [];
    }
    const host = readString(problems, `${key}.host`, fields.host ?? "*");
    if (host === undefined) return [];
    return (operations as string[]).map((operation) => ({ user, resourceType, resourceName, patternType, operation, permission: permission as AclPermission, host }));
}

function readTls(problems: ConfigProblems, raw: unknown, stack: string): TlsSpec | undefined {
    const fields = readObject(problems, "security.tls", raw);
    if (!fields) return undefined;
    rejectUnknown(problems, "security.tls", fields, TLS_FIELDS);
    const rotation = readInteger(problems, "security.tls.rotation", fields.rotation ?? 0, { min: 0, max: 1_000_000 });
    const hasCert = fields.caCert !== undefined;
    const hasKey = fields.caKey !== undefined;
    if (hasCert !== hasKey) {
        problems.add(
            `security.tls.${hasCert ? "caKey" : "caCert"} is missing: bringing your own CA takes both its certificate (security.tls.caCert) and its key (pulumi config set --path --secret security.tls.caKey "$(cat ca.key)" --stack ${stack})`,
        );
        return undefined;
    }
    let ca: TlsSpec["ca"];
    if (hasCert && hasKey) {
        const certPem = readString(problems, "security.tls.caCert", fields.caCert);
        const keyPem = readString(problems, "security.tls.caKey", fields.caKey);
        if (certPem !== undefined && !certPem.includes("-----BEGIN CERTIFICATE-----")) problems.add("security.tls.caCert must be a PEM certificate (-----BEGIN CERTIFICATE-----)");
        if (keyPem !== undefined && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(keyPem)) problems.add("security.tls.caKey must be a PEM RSA private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        if (certPem === undefined || keyPem === undefined) return undefined;
        ca = { certPem, keyPem };
    }
    return rotation === undefined ? undefined : { rotation, ca };
}

/**
 * Stack config `allowBroadGrants`: the users whose ACLs may reach every topic or
 * group, every operation or every user. The policy pack enforces it (policy
 * no-broad-grants); here it is only checked for shape and for names that grant
 * nothing because no such user is declared.
 */
export function checkBroadGrantUsers(problems: ConfigProblems, raw: unknown, security: SecuritySpec | undefined): void {
    if (!Array.isArray(raw) || raw.some((name) => typeof name !== "string")) {
        problems.add(`allowBroadGrants is ${show(raw)}, but must be a list of user names, e.g. [kafka-ui]`);
        return;
    }
    const declared = new Set([...(security?.users.map((user) => user.name) ?? []), "*"]);
    for (const name of raw as string[]) {
        if (!declared.has(name)) {
            problems.warn(`allowBroadGrants lists ${show(name)}, which is not a user in security.users; it allows nothing`);
        }
    }
}
