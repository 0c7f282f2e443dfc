import { ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, readFacts } from "../lib/facts";
import { describe, TOPIC, TopicInputs } from "../lib/resources";

// With min.insync.replicas equal to the replication factor, one broker down (a
// restart, a rolling change) stops every acks=all write. Strictly below keeps
// writes going with one broker out.
//
// The one exception: replicationFactor 1 with min.insync.replicas 1, a topic that
// never had redundancy to lose. It is allowed in unprotected stacks (a one-broker
// dev stack needs it) and refused in protected ones, where data must outlive a broker.

const KEY = "min.insync.replicas";

export const minInsyncBelowReplication: ResourceValidationPolicy = {
    name: "min-insync-below-replication",
    description: `Every topic's ${KEY} (its own, else the broker default) is below its replicationFactor; replicationFactor 1 with ${KEY} 1 only in unprotected stacks.`,
    enforcementLevel: "mandatory",
    configSchema: factSchema("brokerMinInsyncReplicas", "protect"),
    validateResource: (args, reportViolation) => {
        if (args.type !== TOPIC) {
            return;
        }
        const facts = readFacts(args, "brokerMinInsyncReplicas", "protect");
        const topic = args.props as TopicInputs;
        const replicationFactor = topic.replicationFactor;
        if (replicationFactor === undefined) {
            return;
        }
        const own = topic.config?.[KEY];
        const source = own === undefined ? "broker default" : "topic config";
        const minInsync = own === undefined ? facts.brokerMinInsyncReplicas : positiveInteger(own);
        const shown = minInsync === undefined ? JSON.stringify(own) : String(minInsync);
        const subject = `${describe(args)} has ${KEY} ${shown} (${source})`;

        if (minInsync === undefined) {
            reportViolation(`${subject}: ${KEY} must be a positive integer`);
        } else if (replicationFactor === 1 && minInsync === 1) {
            if (facts.protect) {
                reportViolation(
                    `${subject} and replicationFactor 1 in a protected stack: a single-replica topic is lost with its broker; ` +
                        `protected stacks need replicationFactor 2 or more with ${KEY} below it`,
                );
            }
        } else if (minInsync >= replicationFactor) {
            reportViolation(
                `${subject} and replicationFactor ${replicationFactor}: ${KEY} must be below the replication factor ` +
                    "so that acks=all writes go on with one broker down",
            );
        }
    },
};

function positiveInteger(value: string | number): number | undefined {
    const text = String(value).trim();
    return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}
