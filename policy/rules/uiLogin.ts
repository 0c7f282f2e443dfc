import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { publicPorts } from "../lib/ports";
import { CONTAINER, ContainerInputs, describe, ROLE_LABEL, UI_ROLE } from "../lib/resources";

// Once anything is published beyond loopback the host is reachable from the
// network, and kafka-ui without a login can read, produce and delete on every topic.
// A stack policy, because the exposed port and the UI are different resources.

const AUTH_TYPE = "AUTH_TYPE";
const LOGIN_FORM = "LOGIN_FORM";
const PASSWORD = "SPRING_SECURITY_USER_PASSWORD";

export const uiLoginWhenExposed: StackValidationPolicy = {
    name: "ui-login-when-exposed",
    description: `kafka-ui has a login (${AUTH_TYPE}=${LOGIN_FORM} and a ${PASSWORD}) whenever any port is published beyond loopback.`,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const containers = args.resources.filter((resource) => resource.type === CONTAINER);
        const exposed = containers.flatMap((container) =>
            publicPorts(container.props as ContainerInputs).map((port) => `${describe(container)} on ${port.binding}`),
        );
        if (exposed.length === 0) {
            return;
        }
        for (const ui of containers.filter(isUi)) {
            const missing = missingLogin((ui.props as ContainerInputs).envs ?? []);
            if (missing !== undefined) {
                reportViolation(
                    `${describe(ui)} is kafka-ui without a login (${missing}) while ports are published beyond loopback ` +
                        `(${exposed.join(", ")}): kafka-ui needs ${AUTH_TYPE}=${LOGIN_FORM} and a ${PASSWORD} ` +
                        "whenever the stack publishes a port on a non-loopback address",
                    ui.urn,
                );
            }
        }
    },
};

function isUi(container: PolicyResource): boolean {
    const labels = (container.props as ContainerInputs).labels ?? [];
    return labels.some((label) => label.label === ROLE_LABEL && label.value === UI_ROLE);
}

/** Why the env list is not a login, or undefined when it is one. */
function missingLogin(envs: string[]): string | undefined {
    const env = new Map<string, string>();
    for (const entry of envs) {
        const eq = entry.indexOf("=");
        if (eq > 0) {
            env.set(entry.slice(0, eq), entry.slice(eq + 1));
        }
    }
    const authType = env.get(AUTH_TYPE);
    if (authType !== LOGIN_FORM) {
        return `${AUTH_TYPE} is ${authType === undefined ? "unset" : JSON.stringify(authType)}`;
    }
    return env.get(PASSWORD) ? undefined : `${PASSWORD} is ${env.has(PASSWORD) ? "empty" : "unset"}`;
}
