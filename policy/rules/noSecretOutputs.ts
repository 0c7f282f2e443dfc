import { StackValidationPolicy } from "@pulumi/policy";

// Stack outputs are shown by `pulumi stack output` to anyone who can read the
// stack, and printed by every `up`. A private key or a credential there is out.

const STACK = "pulumi:pulumi:Stack";
const SECRET_SHAPES: readonly [RegExp, string][] = [
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
    [/password="[^"]+"|password=\S+/i, "a password"],
];

export const noSecretOutputs: StackValidationPolicy = {
    name: "no-plain-text-secret-outputs",
    description: "No stack output holds a private key or a password in plain text.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const stack of args.resources.filter((resource) => resource.type === STACK)) {
            for (const [name, value] of Object.entries(stack.props ?? {})) {
                // A secret output reaches policies as a secret: it is not plain text in the stack.
                const text = typeof value === "string" ? value : JSON.stringify(value ?? "");
                for (const [shape, what] of SECRET_SHAPES) {
                    if (shape.test(text)) {
                        reportViolation(`stack output ${name} holds ${what} in plain text; export it with pulumi.secret() or not at all`, stack.urn);
                    }
                }
            }
        }
    },
};
