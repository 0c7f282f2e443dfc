#!/usr/bin/env bash
# Brings a stack up on the local Docker engine with a state backend in this
# checkout (.pulumi-state) and no prompts: no Pulumi account, no passphrase
# question. Usage: scripts/local-up.sh [stack]   (default: dev)
#
# On a machine without a Pulumi CLI or without a reachable container registry
# (package mirrors only), it builds what is missing from the package registries,
# as the end-to-end suite does, and says so before each long step:
#   - no `pulumi` on PATH: the CLI and plugins from the Go module proxy (needs Go);
#   - an image of the stack that is neither local nor pullable: the offline
#     stand-ins from Debian and Maven Central (needs root), which the stack is
#     then set to use, visibly, in Pulumi.<stack>.yaml.
set -euo pipefail

stack="${1:-dev}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
say() { printf '\nlocal-up: %s\n' "$*" >&2; }
die() { printf '\nlocal-up: %s\n' "$*" >&2; exit 1; }

# shellcheck source=scripts/local-env.sh
. scripts/local-env.sh

command -v docker >/dev/null && docker info >/dev/null 2>&1 ||
    die "no Docker engine answers (docker info failed); install Docker and start it, then rerun"

if ! command -v pulumi >/dev/null; then
    command -v go >/dev/null ||
        die "no Pulumi CLI on PATH. Install it (https://www.pulumi.com/docs/install/), or, on a machine that reaches only package registries, install Go 1.24 or newer and rerun: the CLI and plugins are then built from the Go module proxy"
    say "no Pulumi CLI on PATH: building it and the docker and kafka provider plugins from the Go module proxy into .toolchain (about 12 minutes on 2 cores, once)"
    offline/toolchain/build.sh
    # shellcheck source=offline/toolchain/env.sh
    . offline/toolchain/env.sh
fi

pulumi stack select --create "$stack" --non-interactive

# The images the stack runs, as the program reads them (stack file, else default).
images=$(npx --no-install ts-node --transpile-only scripts/stack-images.ts "$stack")
missing=()
for image in $images; do
    docker image inspect "$image" >/dev/null 2>&1 && continue
    say "pulling $image"
    timeout 300 docker pull "$image" >/dev/null 2>&1 || missing+=("$image")
done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] ||
        die "cannot pull ${missing[*]} (no registry reachable?). Load them with docker load, or rerun as root to build local stand-ins from Debian and Maven Central"
    say "cannot pull ${missing[*]}: building local stand-ins from Debian and Maven Central (offline/images/build.sh, a few minutes, once)"
    offline/images/build.sh
    # The stand-ins' tags, for the keys whose image could not be had.
    npx --no-install ts-node --transpile-only scripts/stack-images.ts "$stack" --stand-ins "${missing[@]}" |
        while read -r key image; do
            pulumi config set "$key" "$image" --stack "$stack" --non-interactive
            say "set $key to $image in Pulumi.$stack.yaml (the official image cannot be pulled here)"
        done
fi

pulumi up --stack "$stack" --yes --non-interactive
pulumi stack output --stack "$stack"
