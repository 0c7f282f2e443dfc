import { ResourceValidationPolicy } from "@pulumi/policy";
import { factSchema, readFacts } from "../lib/facts";
import { describe, TOPIC, VOLUME } from "../lib/resources";

// In a protected stack a deleted topic or volume is lost data; `protect` makes
// pulumi refuse the delete or replace instead of carrying it out.

export const protectedData: ResourceValidationPolicy = {
    name: "protected-data",
    description: "In a protected stack every topic and data volume has the resource option protect.",
    enforcementLevel: "mandatory",
    configSchema: factSchema("protect"),
    validateResource: (args, reportViolation) => {
        if (args.type !== TOPIC && args.type !== VOLUME) {
            return;
        }
        const { protect } = readFacts(args, "protect");
        if (protect && !args.opts.protect) {
            reportViolation(
                `${describe(args)} has protect: false in a protected stack (protect: true): ` +
                    "every topic and data volume of a protected stack needs the resource option protect: true",
            );
        }
    },
};
