// Command pulumi-resource-docker is a Pulumi resource provider that bridges
// the kreuzwerker/docker Terraform provider under the tokens of @pulumi/docker.
package main

// version is what the plugin reports; build.sh sets it with -X main.version
// to the @pulumi/docker release this provider stands in for.
var version = "5.2.0"

func main() { serve(dockerPkg, version, Provider()) }
