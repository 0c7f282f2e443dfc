#!/usr/bin/env bash
# Brings a stack up on the local Docker engine with a state backend in this
# checkout (.pulumi-state) and no prompts: no Pulumi account, no passphrase
# question. Usage: scripts/local-up.sh [stack]   (default: dev)
set -euo pipefail

stack="${1:-dev}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

mkdir -p .pulumi-state
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$repo/.pulumi-state}"
# The passphrase protects secrets in the stack file; empty is fine for a laptop
# dev stack, and anyone who set one (or a passphrase file) keeps theirs.
if [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
fi
export PULUMI_SKIP_UPDATE_CHECK=true

pulumi stack select --create "$stack" --non-interactive
pulumi up --stack "$stack" --yes --non-interactive
pulumi stack output --stack "$stack"
