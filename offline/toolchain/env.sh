# shellcheck shell=bash
# Source this file (do not execute it) to use the toolchain that build.sh made:
#   source offline/toolchain/env.sh
# It sets only what every stack needs; backend URL, passphrase and stack
# config stay with the caller.

if [ -n "${BASH_SOURCE[0]:-}" ]; then
  _kc_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
else
  _kc_here=$(cd "$(dirname "$0")" && pwd)
fi
export KC_TOOLCHAIN_DIR="${KC_TOOLCHAIN_DIR:-$(cd "$_kc_here/../.." && pwd)/.toolchain}"
unset _kc_here

# bin first: the CLI finds its language host and plugins on PATH before any
# plugin cache, and nothing else named pulumi-* must shadow them.
case ":$PATH:" in
  *":$KC_TOOLCHAIN_DIR/bin:"*) ;;
  *) export PATH="$KC_TOOLCHAIN_DIR/bin:$PATH" ;;
esac
# Keeps credentials, plugin cache and workspace state out of the user's ~/.pulumi.
export PULUMI_HOME="$KC_TOOLCHAIN_DIR/pulumi-home"
# Both would try to reach get.pulumi.com, which is not reachable here; a
# missing plugin should fail at once instead of timing out on a download.
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
