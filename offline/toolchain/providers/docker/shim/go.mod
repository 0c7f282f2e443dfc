// The module path sits next to the provider's internal/ directory, which is
// what lets this package import internal/provider (Go's internal rule).
module github.com/terraform-providers/terraform-provider-docker/shim

go 1.25.8

require github.com/terraform-providers/terraform-provider-docker v0.0.0-20260916201441-96d331c98ff4

// The upstream go.mod declares the pre-rename module path, so the served
// kreuzwerker module can only be used as the target of a replace.
replace github.com/terraform-providers/terraform-provider-docker => github.com/kreuzwerker/terraform-provider-docker v0.0.0-20260916201441-96d331c98ff4
