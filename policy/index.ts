import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

// The analyzer's entry point: constructing the pack serves it to the engine. Nothing
// else belongs here; the policies live in ./policies so they can be tested.
new PolicyPack(PACK_NAME, { policies, enforcementLevel: "mandatory" });
