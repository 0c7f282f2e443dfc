// Package bridgeserve starts a bridged provider plugin; both providers here
// start the same way.
package bridgeserve

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
)

// Serve generates the Pulumi schema from the bridged Terraform schema in
// process and then serves the provider. The bridge uses the schema for more
// than GetSchema (it type-checks config and inputs against it), so it has to
// be the real one; generating it here keeps it from ever drifting from the
// mapping compiled into the same binary.
//
// `pulumi-resource-<name> -schema` prints the schema and exits, to compare it
// with the one the npm SDK was generated from.
func Serve(pkg, version string, info tfbridge.ProviderInfo) {
	info.Version = version
	// Warnings (e.g. missing docs) must not reach stdout: the engine reads
	// the plugin's port from there.
	sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
	res, err := tfgen.GenerateSchemaWithOptions(tfgen.GenerateSchemaOptions{
		ProviderInfo:    info,
		DiagnosticsSink: sink,
		// Upstream docs live in the Terraform provider's repository, which a
		// running plugin does not have; descriptions come from the TF schema.
		XInMemoryDocs: true,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: generating schema: %v\n", pkg, err)
		os.Exit(1)
	}
	schema, err := json.Marshal(res.PackageSpec)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: encoding schema: %v\n", pkg, err)
		os.Exit(1)
	}
	if len(os.Args) == 2 && os.Args[1] == "-schema" {
		os.Stdout.Write(schema)
		return
	}
	tfbridge.Main(pkg, version, info, schema)
}
