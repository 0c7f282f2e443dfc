# shellcheck shell=bash
# What every toolchain build shares: the install layout under KC_TOOLCHAIN_DIR
# and the Go environment. Sourced by build.sh and providers/build.sh once die()
# is defined; sets repo, bin and logs, and leaves the compiler's version in
# $gover for the build stamps.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export KC_TOOLCHAIN_DIR=${KC_TOOLCHAIN_DIR:-$repo/.toolchain}
bin=$KC_TOOLCHAIN_DIR/bin
logs=$KC_TOOLCHAIN_DIR/logs
mkdir -p "$bin" "$logs"

export GOMODCACHE=${GOMODCACHE:-$KC_TOOLCHAIN_DIR/cache/gomod}
export GOCACHE=${GOCACHE:-$KC_TOOLCHAIN_DIR/cache/gobuild}
# readonly: the committed go.mod/go.sum are the pins; a build must never re-resolve them.
# buildvcs=false: the wrappers live inside this repo, whose git state must not leak into the binaries.
export GOFLAGS="-mod=readonly -buildvcs=false"
# The installed Go is used as is unless the caller names a toolchain: with e.g.
# GOTOOLCHAIN=go1.26.8 any Go >= 1.21 fetches that release from the module proxy.
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
export CGO_ENABLED=0

# The oldest Go that the Pulumi and provider modules' go.mod files accept.
MIN_GO=go1.25.11
command -v go >/dev/null || die "go is not on PATH; install Go >= ${MIN_GO#go}"
gover=$(go env GOVERSION) || die "go env failed (GOTOOLCHAIN=$GOTOOLCHAIN)"
if [ "$(printf '%s\n%s\n' "$MIN_GO" "$gover" | sort -V | head -n1)" != "$MIN_GO" ]; then
  die "$gover is too old; the modules need $MIN_GO or later (or set GOTOOLCHAIN=go1.26.8)"
fi
