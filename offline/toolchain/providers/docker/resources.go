package main

import (
	"unicode"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/terraform-providers/terraform-provider-docker/shim"
)

// Tokens must equal the __pulumiType strings baked into @pulumi/docker, or the
// engine would ask this plugin for resource types it does not know.
const (
	dockerPkg = "docker"
	dockerMod = "index"
)

func dockerResource(res string) tokens.Type {
	fn := string(unicode.ToLower(rune(res[0]))) + res[1:]
	return tokens.Type(dockerPkg + ":" + dockerMod + "/" + fn + ":" + res)
}

func dockerDataSource(fn string) tokens.ModuleMember {
	return tokens.ModuleMember(dockerPkg + ":" + dockerMod + "/" + fn + ":" + fn)
}

// Provider mirrors the bridged part of pulumi-docker's provider/resources.go.
func Provider() tfbridge.ProviderInfo {
	prov := tfbridge.ProviderInfo{
		P:           shimv2.NewProvider(shim.NewProvider(version)),
		Name:        dockerPkg,
		Version:     version,
		GitHubOrg:   "kreuzwerker",
		Description: "A Pulumi package for interacting with Docker in Pulumi programs",
		Keywords:    []string{"pulumi", "docker"},
		License:     "Apache-2.0",
		Homepage:    "https://pulumi.io",
		Repository:  "https://github.com/pulumi/pulumi-docker",
		Config: map[string]*tfbridge.SchemaInfo{
			// No literal default, as in @pulumi/docker: without DOCKER_HOST the
			// upstream DefaultFunc picks the platform's socket.
			"host": {Default: &tfbridge.DefaultInfo{EnvVars: []string{"DOCKER_HOST"}}},
			// A list in Terraform that @pulumi/docker exposes as registryAuth (not plural).
			"registry_auth": {Name: "registryAuth", MaxItemsOne: tfbridge.False()},
		},
		Resources: map[string]*tfbridge.ResourceInfo{
			"docker_config": {Tok: dockerResource("ServiceConfig")},
			"docker_container": {
				Tok: dockerResource("Container"),
				// A fixed container name cannot exist twice, so a replacement
				// must remove the old container first.
				DeleteBeforeReplace: true,
				Fields: map[string]*tfbridge.SchemaInfo{
					// One command (["echo", "1"]), despite being a list.
					"command": {Name: "command"},
					// Not pluralised in @pulumi/docker.
					"networks_advanced": {Name: "networksAdvanced"},
				},
			},
			// pulumi-docker names docker_image RemoteImage; its own Image
			// resource (a docker build) is native, not bridged.
			"docker_image": {
				Tok:    dockerResource("RemoteImage"),
				Fields: map[string]*tfbridge.SchemaInfo{"name": {Name: "name"}},
			},
			"docker_network":        {Tok: dockerResource("Network")},
			"docker_secret":         {Tok: dockerResource("Secret")},
			"docker_service":        {Tok: dockerResource("Service")},
			"docker_volume":         {Tok: dockerResource("Volume")},
			"docker_registry_image": {Tok: dockerResource("RegistryImage")},
			"docker_plugin":         {Tok: dockerResource("Plugin")},
			"docker_tag":            {Tok: dockerResource("Tag")},
			"docker_buildx_builder": {Tok: dockerResource("BuildxBuilder")},
		},
		DataSources: map[string]*tfbridge.DataSourceInfo{
			"docker_network":                  {Tok: dockerDataSource("getNetwork")},
			"docker_registry_image":           {Tok: dockerDataSource("getRegistryImage")},
			"docker_registry_image_manifests": {Tok: dockerDataSource("getRegistryImageManifests")},
			"docker_plugin":                   {Tok: dockerDataSource("getPlugin")},
			"docker_image":                    {Tok: dockerDataSource("getRemoteImage")},
			"docker_logs":                     {Tok: dockerDataSource("getLogs")},
		},
	}

	// As in pulumi-docker: an unset name (network, volume, container, …)
	// becomes the resource name plus a random suffix.
	prov.SetAutonaming(255, "-")

	return prov
}
