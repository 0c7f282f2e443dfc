#!/usr/bin/env bash
# Previews a stack the way a pull request shows it: refreshed against the live
# resources, rendered as a diff, with the policy pack enforced.
#
#   scripts/preview.sh <stack> [more pulumi preview flags...]
#   scripts/preview.sh --policy-config <stack>    print the stack's policy pack config and exit
#
# The pack's stack facts (broker count, protect, allowPublicBind, allowBroadGrants, the broker default
# min.insync.replicas) are derived from the stack's own config on every run, so the
# stack file stays the one place they are set.
#
# Exits with pulumi's status (0: the preview ran and no mandatory policy failed), or
# 1 when the stack's config cannot be read.
#
# Env:
#   PULUMI          the CLI to run (default: pulumi on PATH)
#   KC_PROJECT_DIR  the Pulumi project (default: the repository root)
#   KC_PREVIEW_PARALLEL  resource operations at once, reads included (default: 32)
set -euo pipefail

# shellcheck source=scripts/preview-env.sh
. "$(dirname "${BASH_SOURCE[0]}")/preview-env.sh"

die() { echo "preview.sh: $*" >&2; exit 1; }
usage() { die "usage: preview.sh <stack> [pulumi preview flags...] | preview.sh --policy-config <stack>"; }

project_name() {
  local name
  name=$(sed -n 's/^name:[[:space:]]*//p' "$project/Pulumi.yaml" | head -n 1 | tr -d "\"'[:space:]")
  [ -n "$name" ] || die "no project name in $project/Pulumi.yaml"
  echo "$name"
}

# Prints the policy pack config for a stack, as JSON.
policy_config() {
  local stack=$1 namespace config
  # `npm ci` installs the program's packages only; the pack has its own.
  if [ ! -d "$root/policy/node_modules/@pulumi/policy" ]; then
    echo "preview.sh: installing the policy pack's dependencies (npm ci --prefix policy)" >&2
    npm ci --prefix "$root/policy" --no-audit --no-fund >&2 || die "could not install the policy pack's dependencies"
  fi
  namespace=$(project_name)
  config=$("$PULUMI" config --json --stack "$stack" --cwd "$project") ||
    die "could not read the config of stack $stack (see pulumi's error above)"
  (cd "$root/policy" && node_modules/.bin/ts-node --transpile-only cli/pack-config.ts "$namespace") <<<"$config"
}

[ $# -ge 1 ] || usage
if [ "$1" = "--policy-config" ]; then
  [ $# -eq 2 ] || usage
  policy_config "$2"
  exit 0
fi

stack=$1
shift
config_file=$(mktemp "${TMPDIR:-/tmp}/kafka-cluster-policy-config.XXXXXX")
trap 'rm -f "$config_file"' EXIT
policy_config "$stack" >"$config_file"

status=0
"$PULUMI" preview --stack "$stack" --cwd "$project" --diff --refresh --parallel "$parallel" --non-interactive \
  --policy-pack "$root/policy" --policy-pack-config "$config_file" "$@" || status=$?
exit "$status"
