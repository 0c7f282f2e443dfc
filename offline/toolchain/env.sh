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

# The CLI, its language host and the launcher scripts come first on PATH, so
# nothing else named pulumi-* shadows them. The resource plugins do not: the CLI
# warns about every plugin it takes from PATH, so build.sh registers them in the
# plugin cache below instead, and PATH gets a directory of links to the rest.
_kc_path=$KC_TOOLCHAIN_DIR/path
mkdir -p "$_kc_path"
for _kc_bin in "$KC_TOOLCHAIN_DIR"/bin/*; do
  case ${_kc_bin##*/} in
    pulumi-resource-docker | pulumi-resource-kafka) ;;
    *) [ -e "$_kc_bin" ] && ln -sfn "$_kc_bin" "$_kc_path/" ;;
  esac
done
case ":$PATH:" in
  *":$_kc_path:"*) ;;
  *) export PATH="$_kc_path:$PATH" ;;
esac
unset _kc_path _kc_bin
# Keeps credentials, plugin cache and workspace state out of the user's ~/.pulumi.
export PULUMI_HOME="$KC_TOOLCHAIN_DIR/pulumi-home"
# Both would try to reach get.pulumi.com, which is not reachable here; a
# missing plugin should fail at once instead of timing out on a download.
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
