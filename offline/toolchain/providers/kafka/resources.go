package main

import (
	"unicode"

	"github.com/Mongey/terraform-provider-kafka/kafka"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// Tokens must equal the __pulumiType strings baked into @pulumi/kafka, or the
// engine would ask this plugin for resource types it does not know.
const (
	mainPkg = "kafka"
	mainMod = "index"
)

func makeResource(mod, res string) tokens.Type {
	fn := string(unicode.ToLower(rune(res[0]))) + res[1:]
	return tokens.Type(mainPkg + ":" + mod + "/" + fn + ":" + res)
}

// Provider mirrors pulumi-kafka's provider/resources.go: same config defaults,
// same renames, same tokens, so @pulumi/kafka programs and their existing state
// work against it unchanged.
func Provider() tfbridge.ProviderInfo {
	prov := tfbridge.ProviderInfo{
		P:                 shimv2.NewProvider(kafka.Provider()),
		Name:              mainPkg,
		Version:           version,
		GitHubOrg:         "Mongey",
		Description:       "A Pulumi package for creating and managing Kafka.",
		Keywords:          []string{"pulumi", "kafka"},
		License:           "Apache-2.0",
		Homepage:          "https://pulumi.io",
		Repository:        "https://github.com/pulumi/pulumi-kafka",
		TFProviderLicense: ref(tfbridge.MITLicenseType),
		Config: map[string]*tfbridge.SchemaInfo{
			"sasl_mechanism": {
				Default: &tfbridge.DefaultInfo{EnvVars: []string{"KAFKA_SASL_MECHANISM"}, Value: "plain"},
			},
			"skip_tls_verify": {
				Default: &tfbridge.DefaultInfo{EnvVars: []string{"KAFKA_SKIP_VERIFY"}, Value: false},
			},
			// true, as in pulumi-kafka: a plaintext cluster must say tlsEnabled: false.
			"tls_enabled": {
				Default: &tfbridge.DefaultInfo{EnvVars: []string{"KAFKA_ENABLE_TLS"}, Value: true},
			},
		},
		Resources: map[string]*tfbridge.ResourceInfo{
			// Plain resourceName would clash with the name argument every SDK
			// constructor takes (resource_name in Python), hence the prefix.
			"kafka_acl": {
				Tok: makeResource(mainMod, "Acl"),
				Fields: map[string]*tfbridge.SchemaInfo{
					"resource_name": {Name: "aclResourceName"},
					"resource_type": {Name: "aclResourceType"},
				},
			},
			"kafka_topic":                 {Tok: makeResource(mainMod, "Topic")},
			"kafka_quota":                 {Tok: makeResource(mainMod, "Quota")},
			"kafka_user_scram_credential": {Tok: makeResource(mainMod, "UserScramCredential")},
		},
		// Functions have flat tokens (no file segment) in @pulumi/kafka.
		DataSources: map[string]*tfbridge.DataSourceInfo{
			"kafka_topic":  {Tok: tokens.ModuleMember(mainPkg + ":" + mainMod + ":getTopic")},
			"kafka_topics": {Tok: tokens.ModuleMember(mainPkg + ":" + mainMod + ":getTopics")},
		},
	}

	// Topic names get a random suffix when a program leaves `name` unset, as in pulumi-kafka.
	prov.SetAutonaming(255, "-")

	return prov
}

func ref[T any](v T) *T { return &v }
