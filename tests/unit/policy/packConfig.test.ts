import { packConfig, StackConfigJson, stackFacts } from "../../../policy/lib/packConfig";
import { PACK_NAME, policies } from "../../../policy/policies";

const NS = "kafka-cluster";

function config(entries: Record<string, string | object>): StackConfigJson {
    const json: StackConfigJson = {};
    for (const [key, value] of Object.entries(entries)) {
        json[`${NS}:${key}`] =
            typeof value === "string"
                ? { value, secret: false }
                : { value: JSON.stringify(value), objectValue: value, secret: false };
    }
    return json;
}

describe("stack facts from `pulumi config --json`", () => {
    it("reads the broker count, protection, public binds and the broker min.insync.replicas", () => {
        const json = config({
            brokers: "3",
            protect: "true",
            allowPublicBind: "true",
            brokerProperties: { "min.insync.replicas": "2", "log.retention.hours": 168 },
            allowBroadGrants: ["kafka-ui"],
        });
        json[`${NS}:uiPassword`] = { secret: true };
        expect(stackFacts(json, NS)).toEqual({
            brokers: 3,
            protect: true,
            allowPublicBind: true,
            brokerMinInsyncReplicas: 2,
            allowBroadGrants: ["kafka-ui"],
        });
    });

    it("falls back to the strict default for public binds and Kafka's default for min.insync.replicas", () => {
        expect(stackFacts(config({ brokers: "1", protect: "false" }), NS)).toEqual({
            brokers: 1,
            protect: false,
            allowPublicBind: false,
            brokerMinInsyncReplicas: 1,
            allowBroadGrants: [],
        });
    });

    it("refuses a stack without a broker count", () => {
        expect(() => stackFacts(config({ protect: "false" }), NS)).toThrow(
            "stack config has no kafka-cluster:brokers and Pulumi.yaml declares no default for it",
        );
    });

    it("refuses values that are not what the program accepts", () => {
        expect(() => stackFacts(config({ brokers: "three", protect: "false" }), NS)).toThrow(
            'kafka-cluster:brokers is "three", not a positive integer',
        );
        expect(() => stackFacts(config({ brokers: "3", protect: "yes" }), NS)).toThrow(
            'kafka-cluster:protect is "yes", not true or false',
        );
        expect(() => stackFacts(config({ brokers: "3", protect: "false", allowBroadGrants: { "kafka-ui": true } }), NS)).toThrow(
            'kafka-cluster:allowBroadGrants is {"kafka-ui":true}, not a list of user names',
        );
    });
});

describe("pack config", () => {
    it("hands every policy exactly the facts its schema declares", () => {
        const facts = { brokers: 3, protect: true, allowPublicBind: false, brokerMinInsyncReplicas: 2, allowBroadGrants: ["kafka-ui"] };
        expect(packConfig(policies, facts)).toEqual({
            "no-broad-grants": { allowBroadGrants: ["kafka-ui"] },
            "loopback-ports": { allowPublicBind: false },
            "protected-data": { protect: true },
            "replication-within-brokers": { brokers: 3 },
            "min-insync-below-replication": { brokerMinInsyncReplicas: 2, protect: true },
        });
    });
});

describe("the pack", () => {
    it("has a valid name and uniquely named, mandatory, described policies", () => {
        expect(PACK_NAME).toMatch(/^[a-zA-Z0-9._-]+$/);
        const names = policies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        for (const policy of policies) {
            expect(policy.name).toMatch(/^[a-z0-9-]+$/);
            expect(policy.enforcementLevel).toBe("mandatory");
            expect(policy.description.length).toBeGreaterThan(20);
        }
    });
});
