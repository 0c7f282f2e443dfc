// What a secured cluster holds beyond what the stack declares: SCRAM users and
// ACL bindings created by hand (kafka-configs.sh, kafka-acls.sh). Each
// `kafka.UserScramCredential` and `kafka.Acl` reads back only itself, so
// nothing else would ever see them; the access inventory
// (components/accessInventory.ts) compares the whole live set with the declared
// one using the functions here. Everything is keyed by one readable line per
// credential or binding, the line the drift check and the preview print.
//
// This module is captured into the inventory's dynamic provider (Pulumi
// serializes what the provider's methods reference), so it stays small and
// imports nothing at run time.

/** One SCRAM credential as Kafka lists it: a user holds one per mechanism. */
export interface LiveCredential {
    readonly user: string;
    readonly mechanism: string;
}

/** One ACL binding in Kafka's vocabulary, as DescribeAcls returns it (names, not wire codes). */
export interface LiveAcl {
    readonly principal: string;
    readonly permission: string;
    readonly operation: string;
    readonly resourceType: string;
    readonly resourceName: string;
    readonly patternType: string;
    readonly host: string;
}

/** `mallory (SCRAM-SHA-512)` */
export function credentialLine(credential: LiveCredential): string {
    return `${credential.user} (${credential.mechanism})`;
}

/** `User:mallory ALLOW Read Topic:orders (LITERAL) host *`: every field of the binding, so two lines are equal only for the same ACL. */
export function aclLine(acl: LiveAcl): string {
    return `${acl.principal} ${acl.permission.toUpperCase()} ${acl.operation} ${acl.resourceType}:${acl.resourceName} (${acl.patternType.toUpperCase()}) host ${acl.host}`;
}

/** What the inventory compares the cluster with. */
export interface DeclaredAccess {
    /** credentialLine of each declared user's credential. */
    readonly users: readonly string[];
    /** aclLine of each declared binding. */
    readonly acls: readonly string[];
    /**
     * Users the stack manages outside the declared set (the admin, the brokers'
     * own principal): their credentials, and any binding naming them, are never
     * reported nor deleted.
     */
    readonly keepUsers: readonly string[];
}

/** Live credentials and bindings the declaration does not hold, by their lines, sorted. */
export function undeclaredAccess(declared: DeclaredAccess, live: { credentials: readonly LiveCredential[]; acls: readonly LiveAcl[] }): { users: string[]; acls: string[] } {
    const keep = new Set(declared.keepUsers);
    const keepPrincipals = new Set(declared.keepUsers.map((user) => `User:${user}`));
    const users = new Set(declared.users);
    const acls = new Set(declared.acls);
    return {
        users: unique(live.credentials.filter((credential) => !keep.has(credential.user)).map(credentialLine)).filter((line) => !users.has(line)),
        acls: unique(live.acls.filter((acl) => !keepPrincipals.has(acl.principal)).map(aclLine)).filter((line) => !acls.has(line)),
    };
}

/**
 * What an update deletes: what the last read reported (what the preview showed)
 * and is, at this moment, still live and still undeclared. A plain `up` thus
 * deletes nothing a preview did not name, and a user or ACL declared since the
 * read is kept.
 */
export function toDelete<T>(reported: readonly string[] | undefined, undeclaredNow: readonly string[], live: readonly T[], line: (item: T) => string): T[] {
    const wanted = new Set((reported ?? []).filter((entry) => undeclaredNow.includes(entry)));
    return live.filter((item) => wanted.has(line(item)));
}

function unique(lines: string[]): string[] {
    return [...new Set(lines)].sort();
}
