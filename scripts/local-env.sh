# shellcheck shell=bash
# Sourced by the local-* scripts: a Pulumi environment for stacks on this machine.
# State in a file backend inside the checkout (.pulumi-state), no account, no
# passphrase prompt, and the offline toolchain (.toolchain, built from the Go
# module proxy) when no Pulumi CLI is installed.

_kc_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

mkdir -p "$_kc_repo/.pulumi-state"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$_kc_repo/.pulumi-state}"
# The passphrase protects secrets in the stack file; empty is fine for a laptop
# dev stack, and anyone who set one (or a passphrase file) keeps theirs.
if [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
fi
export PULUMI_SKIP_UPDATE_CHECK=true

if ! command -v pulumi >/dev/null 2>&1 && [ -x "${KC_TOOLCHAIN_DIR:-$_kc_repo/.toolchain}/bin/pulumi" ]; then
    # shellcheck source=offline/toolchain/env.sh
    . "$_kc_repo/offline/toolchain/env.sh"
fi
unset _kc_repo
