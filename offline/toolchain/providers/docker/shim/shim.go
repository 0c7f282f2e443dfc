// Package shim exposes the Docker Terraform provider, whose implementation
// lives in an internal package, to the Pulumi bridge.
package shim

import (
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/terraform-providers/terraform-provider-docker/internal/provider"
)

// NewProvider returns the SDKv2 half of the upstream provider, which holds
// every resource and data source pulumi-docker bridges. The upstream binary
// muxes it with a plugin-framework provider (actions, docker_compose,
// docker_containers); those have no @pulumi/docker counterpart.
func NewProvider(version string) *schema.Provider {
	return provider.New(version)()
}
