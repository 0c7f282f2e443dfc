module kafka-cluster/e2e/toolchain/providers/bridgeserve

go 1.25.11

// The versions both provider modules pin; as a dependency this module's own
// requirements never raise theirs.
require (
	github.com/pulumi/pulumi-terraform-bridge/v3 v3.120.0
	github.com/pulumi/pulumi/sdk/v3 v3.218.0
)
