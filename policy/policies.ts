import { Policies } from "@pulumi/policy";
import { broadGrants } from "./rules/broadGrants";
import { loopbackPorts } from "./rules/loopbackPorts";
import { minInsyncBelowReplication } from "./rules/minInsync";
import { noDockerSocket } from "./rules/noDockerSocket";
import { pinnedImages } from "./rules/pinnedImages";
import { protectedData } from "./rules/protectedData";
import { noSecretOutputs } from "./rules/noSecretOutputs";
import { replicationWithinBrokers } from "./rules/replication";
import { secureExternalListener } from "./rules/secureExternal";
import { uiLoginWhenExposed } from "./rules/uiLogin";

// The pack's policies, apart from index.ts: constructing the PolicyPack starts a
// gRPC server (and may exit the process), so tests and tools import this instead.

export const PACK_NAME = "kafka-cluster";

export const policies: Policies = [
    pinnedImages,
    noDockerSocket,
    loopbackPorts,
    uiLoginWhenExposed,
    protectedData,
    replicationWithinBrokers,
    minInsyncBelowReplication,
    secureExternalListener,
    noSecretOutputs,
    broadGrants,
];
