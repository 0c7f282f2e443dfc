import { ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, readFacts } from "../lib/facts";
import { describe, TOPIC, TopicInputs } from "../lib/resources";

// Kafka refuses to create a topic with more replicas than brokers, but only at
// `pulumi up`, after the containers have already changed.

export const replicationWithinBrokers: ResourceValidationPolicy = {
    name: "replication-within-brokers",
    description: "No topic's replicationFactor exceeds the stack's broker count.",
    enforcementLevel: "mandatory",
    configSchema: factSchema("brokers"),
    validateResource: (args, reportViolation) => {
        if (args.type !== TOPIC) {
            return;
        }
        const { brokers } = readFacts(args, "brokers");
        const { replicationFactor } = args.props as TopicInputs;
        if (replicationFactor !== undefined && replicationFactor > brokers) {
            reportViolation(
                `${describe(args)} has replicationFactor ${replicationFactor} but the stack runs ` +
                    `${brokers} broker${brokers === 1 ? "" : "s"}: a topic's replicationFactor may not exceed the broker count`,
            );
        }
    },
};
