import { ResourceValidationPolicy } from "@pulumi/policy";
import { CONTAINER, ContainerInputs, describe } from "../lib/resources";

// Whoever reaches the Docker socket is root on the host; the tutorial's kafka-ui
// setup mounts it, this program never needs it.

const SOCKETS = ["/var/run/docker.sock", "/run/docker.sock"];

export const noDockerSocket: ResourceValidationPolicy = {
    name: "no-docker-socket",
    description: "No container mounts the Docker socket, or a host directory that contains it.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== CONTAINER) {
            return;
        }
        for (const finding of socketMounts(args.props as ContainerInputs)) {
            reportViolation(
                `${describe(args)} mounts the Docker socket through ${finding}: ` +
                    "no container may mount the Docker socket, it gives root on the host",
            );
        }
    },
};

function socketMounts(container: ContainerInputs): string[] {
    const findings: string[] = [];
    (container.volumes ?? []).forEach((volume, i) => {
        findings.push(...hostPathFinding(`volumes[${i}].hostPath`, volume.hostPath));
        findings.push(...targetFinding(`volumes[${i}].containerPath`, volume.containerPath));
    });
    (container.mounts ?? []).forEach((mount, i) => {
        // For volume and tmpfs mounts `source` names a volume, not a host path.
        if (mount.type === "bind") {
            findings.push(...hostPathFinding(`mounts[${i}].source`, mount.source));
        }
        findings.push(...targetFinding(`mounts[${i}].target`, mount.target));
    });
    return findings;
}

function hostPathFinding(field: string, path: string | undefined): string[] {
    if (path === undefined) {
        return [];
    }
    const normalized = normalize(path);
    if (SOCKETS.includes(normalized)) {
        return [`${field} ${JSON.stringify(path)}`];
    }
    const contained = SOCKETS.find((socket) => normalized === "/" || socket.startsWith(`${normalized}/`));
    return contained === undefined ? [] : [`${field} ${JSON.stringify(path)} (it contains ${contained})`];
}

function targetFinding(field: string, path: string | undefined): string[] {
    return path !== undefined && SOCKETS.includes(normalize(path)) ? [`${field} ${JSON.stringify(path)}`] : [];
}

function normalize(path: string): string {
    const collapsed = path.replace(/\/+/g, "/");
    return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}
