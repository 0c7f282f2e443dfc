import { ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, readFacts } from "../lib/facts";
import { publicPorts } from "../lib/ports";
import { CONTAINER, ContainerInputs, describe } from "../lib/resources";

// Kafka's PLAINTEXT listeners and kafka-ui have no network-level protection, so a
// port beyond loopback is a deliberate stack decision, never a default.

export const loopbackPorts: ResourceValidationPolicy = {
    name: "loopback-ports",
    description:
        "Published ports bind to a loopback address unless the stack sets allowPublicBind (an unset ip means 0.0.0.0).",
    enforcementLevel: "mandatory",
    configSchema: factSchema("allowPublicBind"),
    validateResource: (args, reportViolation) => {
        if (args.type !== CONTAINER) {
            return;
        }
        const { allowPublicBind } = readFacts(args, "allowPublicBind");
        if (allowPublicBind) {
            return;
        }
        for (const port of publicPorts(args.props as ContainerInputs)) {
            const why = port.defaulted ? ` (${port.field}.ip is unset, which means every interface)` : "";
            reportViolation(
                `${describe(args)} publishes container port ${port.internal} on ${port.binding}${why}: ` +
                    "published ports must bind to a loopback address unless the stack sets allowPublicBind",
            );
        }
    },
};
