// Command pulumi-resource-kafka is a Pulumi resource provider that bridges
// the Mongey/kafka Terraform provider under the tokens of @pulumi/kafka.
package main

import "kafka-cluster/e2e/toolchain/providers/bridgeserve"

// version is what the plugin reports; build.sh sets it with -X main.version
// to the @pulumi/kafka release this provider stands in for.
var version = "3.13.2"

func main() { bridgeserve.Serve(mainPkg, version, Provider()) }
