#!/usr/bin/env bash
# Builds the Pulumi CLI and its plugins from Go modules fetched through the Go
# module proxy (or a mirror of it), so machines that reach only package
# registries can run the real engine. Safe to re-run: a binary whose version
# stamp matches is skipped.
#
#   KC_TOOLCHAIN_DIR  install root (default: <repo>/.toolchain); binaries land in $KC_TOOLCHAIN_DIR/bin
#   GOMODCACHE, GOCACHE  default to $KC_TOOLCHAIN_DIR/cache/{gomod,gobuild}; set them to share caches (CI)
#   KC_TOOLCHAIN_JOBS  how many binaries to build at once (default 1; see README for measurements)
#   KC_TOOLCHAIN_ONLY  space-separated subset of: pulumi language-nodejs scripts providers
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PULUMI_VERSION=v3.248.0
# The Node.js language host has been a separate, untagged module
# (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) since
# v3.69, and the module proxy mirror this project reaches serves no version of
# it; so the host is built from the newest SDK release that still carried it
# inside github.com/pulumi/pulumi/sdk/v3.
LANGUAGE_NODEJS_VERSION=v3.68.0

die() { echo "build.sh: ERROR: $*" >&2; exit 1; }

# shellcheck source=offline/toolchain/build-env.sh
. "$here/build-env.sh"
# The real language host, behind the front the CLI finds on PATH.
libexec=$KC_TOOLCHAIN_DIR/libexec
mkdir -p "$libexec"

# A stamp ties a binary to its version, the wrapper's pins, its own sources
# and the compiler, so any change to them triggers a rebuild and nothing else does.
stamp_for() { # name version wrapper-dir package
  local src=() d
  src+=("$3/go.mod" "$3/go.sum")
  case $4 in
    ./*) for d in "$3/${4#./}"/*.go; do src+=("$d"); done ;;
  esac
  printf '%s %s %s %s\n' "$1" "$2" "$gover" "$(cat "${src[@]}" | sha256sum | cut -c1-16)"
}

up_to_date() { # path stamp
  [ -x "$1" ] && [ -f "$(dirname "$1")/.$(basename "$1").version" ] &&
    [ "$(cat "$(dirname "$1")/.$(basename "$1").version")" = "$2" ]
}

# go_build dest-dir name version wrapper-dir package ldflags [tags]
go_build() {
  local dest=$1 name=$2 version=$3 dir=$4 pkg=$5 ldflags=$6 tags=${7:-}
  local stamp log start
  stamp=$(stamp_for "$name" "$version" "$dir" "$pkg")
  if up_to_date "$dest/$name" "$stamp"; then
    echo "up to date: $name $version"
    return 0
  fi
  mkdir -p "$dest"
  log=$logs/$(basename "$dest")-$name.log
  start=$SECONDS
  echo "building $name $version (log: $log)"
  if ! (cd "$dir" && go build -trimpath ${tags:+-tags "$tags"} -ldflags "$ldflags" \
      -o "$dest/.$name.tmp" "$pkg") >"$log" 2>&1; then
    echo "----- last lines of $log -----" >&2
    tail -n 40 "$log" >&2
    die "building $name $version failed (cd $dir && go build $pkg)"
  fi
  mv -f "$dest/.$name.tmp" "$dest/$name"
  echo "$stamp" >"$dest/.$name.version"
  echo "built $name $version in $((SECONDS - start)) s"
}

build_pulumi() {
  go_build "$bin" pulumi "$PULUMI_VERSION" "$here/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    osusergo,grpcnotrace
}

# The real host goes to libexec/, out of PATH; bin/ gets our front for it
# (pulumi/langhost), which adds the policy-pack support the old host lacks.
build_language_nodejs() {
  go_build "$libexec" pulumi-language-nodejs "$LANGUAGE_NODEJS_VERSION" "$here/language-nodejs" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
    "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGUAGE_NODEJS_VERSION" \
    osusergo,grpcnotrace
  go_build "$bin" pulumi-language-nodejs "$LANGUAGE_NODEJS_VERSION-front" "$here/pulumi" ./langhost \
    "-s -w" osusergo,grpcnotrace
}

# install_script name module version path-in-module h1-sum
# The shell plugins the release archive ships next to `pulumi` come from the SDK
# module zip; the h1 sum pins the zip the way go.sum would.
install_script() {
  local name=$1 mod=$2 version=$3 path=$4 sum=$5
  local stamp="$name $mod@$version $sum" json dir got
  if up_to_date "$bin/$name" "$stamp"; then
    echo "up to date: $name ($mod@$version)"
    return 0
  fi
  # GOSUMDB=off: the pinned h1 sum below is checked instead, so a mirror
  # without checksum-database access still works.
  json=$(cd / && GOSUMDB=off go mod download -json "$mod@$version") ||
    die "go mod download $mod@$version failed: $json"
  got=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",\{0,1\}$/\1/p')
  dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ "$got" = "$sum" ] || die "$mod@$version has sum '$got', expected '$sum'"
  [ -f "$dir/$path" ] || die "$mod@$version has no $path"
  install -m 0755 "$dir/$path" "$bin/$name"
  echo "$stamp" >"$bin/.$name.version"
  echo "installed $name from $mod@$version"
}

install_scripts() {
  install_script pulumi-resource-pulumi-nodejs github.com/pulumi/pulumi/sdk/v3 "$PULUMI_VERSION" \
    nodejs/dist/pulumi-resource-pulumi-nodejs "h1:TwY9uuToQO8xIey4a7awRzNX7iJ/doDmZkl1MzxULCE="
  # v3.219.0 is the newest SDK release on the mirror that still ships this
  # script (unchanged since v3.52.0). The v3.248.0 CLI itself starts Node.js
  # policy packs through the language host; the script is kept for tools that
  # call it by name.
  install_script pulumi-analyzer-policy github.com/pulumi/pulumi/sdk/v3 v3.219.0 \
    nodejs/dist/pulumi-analyzer-policy "h1:OwTSwk1ZuOI4hQUdSccWuIAuqs4fL/FcppesPOAKHQ8="
}

want() { [ -z "${KC_TOOLCHAIN_ONLY:-}" ] || [[ " $KC_TOOLCHAIN_ONLY " == *" $1 "* ]]; }

jobs_max=${KC_TOOLCHAIN_JOBS:-1}
[[ "$jobs_max" =~ ^[1-9][0-9]*$ ]] || die "KC_TOOLCHAIN_JOBS must be a positive integer, got '$jobs_max'"

total=$SECONDS
failed=0
running=0
# Largest first, so a parallel run starts the long CLI build at once.
for step in pulumi:build_pulumi language-nodejs:build_language_nodejs scripts:install_scripts; do
  want "${step%%:*}" || continue
  if [ "$jobs_max" -eq 1 ]; then
    "${step#*:}"
    continue
  fi
  if [ "$running" -ge "$jobs_max" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
  "${step#*:}" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
[ "$failed" -eq 0 ] || die "one or more builds failed; see the messages above"
# The kafka and docker resource plugins: our own bridged builds, because the
# mirror serves neither Pulumi provider module (see providers/README.md).
if want providers; then
  "$here/providers/build.sh"
fi
echo "toolchain ready in $bin ($((SECONDS - total)) s)"
