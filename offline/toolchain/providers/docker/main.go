// Command pulumi-resource-docker is a Pulumi resource provider that bridges
// the kreuzwerker/docker Terraform provider under the tokens of @pulumi/docker.
package main

import "kafka-cluster/e2e/toolchain/providers/bridgeserve"

// version is what the plugin reports; build.sh sets it with -X main.version
// to the @pulumi/docker release this provider stands in for.
var version = "5.2.0"

func main() { bridgeserve.Serve(dockerPkg, version, Provider()) }
