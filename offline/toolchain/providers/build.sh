#!/usr/bin/env bash
# Builds pulumi-resource-kafka and pulumi-resource-docker: our own bridged
# providers (see README.md), because the module proxy mirror serves neither
# pulumi-kafka's nor pulumi-docker's provider module. Safe to re-run: a binary
# whose version stamp matches is skipped.
#
#   KC_TOOLCHAIN_DIR     install root (default: <repo>/.toolchain); binaries land in $KC_TOOLCHAIN_DIR/bin
#   GOMODCACHE, GOCACHE  default to $KC_TOOLCHAIN_DIR/cache/{gomod,gobuild}; set them to share caches (CI)
#   KC_PROVIDERS_ONLY    space-separated subset of: kafka docker
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Every module is pinned by go.sum, so the checksum database is never needed
# for a build; these two (Pulumi's SDK fork and the kreuzwerker pseudo-version)
# are the ones a mirror without checksum-database access trips over when the
# pins are refreshed with `go mod tidy`.
export GONOSUMDB=${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/terraform-plugin-sdk,github.com/kreuzwerker/terraform-provider-docker

# The versions the plugins report: those of the npm SDKs they stand in for
# (package.json "pulumi" block of @pulumi/kafka and @pulumi/docker).
KAFKA_VERSION=3.13.2
DOCKER_VERSION=5.2.0

die() { echo "providers/build.sh: ERROR: $*" >&2; exit 1; }

# shellcheck source=offline/toolchain/build-env.sh
. "$here/../build-env.sh"

# An SDK bumped in package.json without bumping the plugin here would still
# run (the engine takes plugins on PATH whatever version they report), but
# the mismatch is worth knowing about.
check_sdk_version() { # npm-package version
  local pj=$repo/node_modules/$1/package.json got
  [ -f "$pj" ] || return 0
  got=$(sed -n 's/^    "version": "\(.*\)",\{0,1\}$/\1/p' "$pj" | tail -n1)
  if [ -n "$got" ] && [ "$got" != "$2" ]; then
    echo "providers/build.sh: warning: $1 in node_modules is $got, the provider reports $2" >&2
  fi
}

# The stamp covers everything that goes into a binary: version, flags,
# compiler, pins and every source file of the module (shim/ included) and of
# the shared bridgeserve module it replaces in from next door.
stamp_for() { # name version dir tags ldflags
  local sum
  sum=$(cd "$3/.." && find "$(basename "$3")" bridgeserve -name '*.go' -o -name go.mod -o -name go.sum |
    LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)
  printf '%s %s %s tags=%s ldflags=%s src=%s\n' "$1" "$2" "$gover" "$4" "$5" "$sum"
}

# build name version module-dir tags
build() {
  local name=$1 version=$2 dir=$3 tags=$4
  local ldflags="-s -w -X main.version=$version"
  local dest=$bin/$name stampfile=$bin/.$name.version log=$logs/providers-$name.log
  local stamp start
  stamp=$(stamp_for "$name" "$version" "$dir" "$tags" "$ldflags")
  if [ -x "$dest" ] && [ -f "$stampfile" ] && [ "$(cat "$stampfile")" = "$stamp" ]; then
    echo "up to date: $name $version"
    return 0
  fi
  start=$SECONDS
  echo "building $name $version (log: $log)"
  if ! (cd "$dir" && go build -trimpath ${tags:+-tags "$tags"} -ldflags "$ldflags" \
      -o "$bin/.$name.tmp" .) >"$log" 2>&1; then
    rm -f "$bin/.$name.tmp"
    echo "----- last lines of $log -----" >&2
    tail -n 40 "$log" >&2
    die "building $name $version failed (cd $dir && go build .)"
  fi
  # A provider that cannot generate its schema would fail at the first
  # `pulumi preview`; better to fail here.
  if ! "$bin/.$name.tmp" -schema >/dev/null 2>>"$log"; then
    echo "----- last lines of $log -----" >&2
    tail -n 40 "$log" >&2
    die "$name was built but cannot generate its schema"
  fi
  mv -f "$bin/.$name.tmp" "$dest"
  echo "$stamp" >"$stampfile"
  echo "built $name $version in $((SECONDS - start)) s"
}

want() { [ -z "${KC_PROVIDERS_ONLY:-}" ] || [[ " $KC_PROVIDERS_ONLY " == *" $1 "* ]]; }

# The CLI takes a plugin it finds on PATH over its plugin cache, but warns
# "using pulumi-resource-X from $PATH" on every command. So the plugins go into
# the cache of env.sh's PULUMI_HOME, under the versions the SDKs ask for, and
# env.sh keeps them off PATH. Re-installed only when the binary changed.
register() { # name plugin-name version
  local name=$1 plugin=$2 version=$3 cli=$bin/pulumi
  local home=${PULUMI_HOME:-$KC_TOOLCHAIN_DIR/pulumi-home}
  local marker=$home/plugins/resource-$plugin-v$version/.kafka-cluster-stamp
  [ -x "$cli" ] || { echo "providers/build.sh: no CLI in $bin yet; $name stays unregistered" >&2; return 0; }
  if [ -f "$marker" ] && cmp -s "$marker" "$bin/.$name.version"; then
    return 0
  fi
  PULUMI_HOME=$home "$cli" plugin install resource "$plugin" "v$version" --file "$bin/$name" --reinstall >/dev/null ||
    die "could not install $name into the plugin cache $home/plugins"
  cp "$bin/.$name.version" "$marker"
  echo "registered $name as resource plugin $plugin v$version in $home/plugins"
}

total=$SECONDS
# One at a time: the two share most packages (bridge, Pulumi SDK, gRPC), so
# the second reuses what the first compiled instead of competing for the CPUs.
if want kafka; then
  check_sdk_version @pulumi/kafka "$KAFKA_VERSION"
  build pulumi-resource-kafka "$KAFKA_VERSION" "$here/kafka" ""
  register pulumi-resource-kafka kafka "$KAFKA_VERSION"
fi
if want docker; then
  check_sdk_version @pulumi/docker "$DOCKER_VERSION"
  # no_compose leaves out the provider's docker_compose resource (framework
  # half, not bridged) and with it docker/compose/v2, a large dependency.
  build pulumi-resource-docker "$DOCKER_VERSION" "$here/docker" no_compose
  register pulumi-resource-docker docker "$DOCKER_VERSION"
fi
echo "providers ready in $bin ($((SECONDS - total)) s)"
