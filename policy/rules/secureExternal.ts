import { ResourceValidationPolicy } from "@pulumi/policy";
import { publicPorts } from "../lib/ports";
import { CONTAINER, ContainerInputs, describe, ROLE_LABEL } from "../lib/resources";

// A broker reachable from the network must authenticate its clients and encrypt
// what they send: SASL over TLS (SASL_SSL) on the EXTERNAL listener, the only one
// the program publishes. Read from the rendered server.properties the broker runs.

const PROPERTIES_FILE = "server.properties";
const PROTOCOL_MAP = "listener.security.protocol.map";

interface UploadInput {
    file?: string;
    content?: string;
}

export const secureExternalListener: ResourceValidationPolicy = {
    name: "secure-external-listener",
    description: "A broker published beyond loopback runs SASL_SSL (SCRAM over TLS) on its EXTERNAL listener (stack config security).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== CONTAINER) return;
        const props = args.props as ContainerInputs & { uploads?: UploadInput[] };
        const isBroker = (props.labels ?? []).some((label) => label.label === ROLE_LABEL && label.value === "broker");
        const exposed = publicPorts(props);
        if (!isBroker || exposed.length === 0) return;
        const file = (Array.isArray(props.uploads) ? props.uploads : []).find((upload) => upload.file?.endsWith(`/${PROPERTIES_FILE}`));
        const line = (file?.content ?? "").split("\n").find((candidate) => candidate.startsWith(`${PROTOCOL_MAP}=`));
        const external = line?.slice(PROTOCOL_MAP.length + 1).split(",").find((entry) => entry.startsWith("EXTERNAL:"))?.slice("EXTERNAL:".length);
        if (external !== "SASL_SSL") {
            reportViolation(
                `${describe(args)} publishes its EXTERNAL listener on ${exposed.map((port) => port.binding).join(", ")} speaking ${external ?? "an unknown protocol"}: ` +
                    "a broker published beyond loopback must run SASL_SSL there; turn on security (security.enabled, with externalTls)",
            );
        }
    },
};
