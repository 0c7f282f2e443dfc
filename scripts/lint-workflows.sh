#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint, built from the Go module proxy
# (no release download needed) and cached under the toolchain directory.
#
#   scripts/lint-workflows.sh [workflow files...]   (default: .github/workflows/*.yml)
#
# The `run:` scripts are checked with shellcheck when it is installed
# (apt-get install shellcheck); without it that part is skipped, with a note.
#
# Env:
#   KC_TOOLCHAIN_DIR     install root (default: <repo>/.toolchain); actionlint lands in its bin/
#   GOMODCACHE, GOCACHE  default to $KC_TOOLCHAIN_DIR/cache/{gomod,gobuild}, shared with offline/toolchain
set -euo pipefail

ACTIONLINT_VERSION=v1.7.12

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
toolchain=${KC_TOOLCHAIN_DIR:-$root/.toolchain}
actionlint=$toolchain/bin/actionlint

die() { echo "lint-workflows.sh: $*" >&2; exit 1; }

installed_version() {
  [ -x "$actionlint" ] && "$actionlint" -version 2>/dev/null | head -n 1
}

if [ "$(installed_version || true)" != "$ACTIONLINT_VERSION" ]; then
  command -v go >/dev/null || die "go is not on PATH; it is needed once to build actionlint"
  echo "building actionlint $ACTIONLINT_VERSION into $toolchain/bin" >&2
  mkdir -p "$toolchain/bin"
  # GOFLAGS is cleared: `go install pkg@version` rejects -mod and other module flags.
  GOBIN="$toolchain/bin" \
    GOMODCACHE="${GOMODCACHE:-$toolchain/cache/gomod}" \
    GOCACHE="${GOCACHE:-$toolchain/cache/gobuild}" \
    GOTOOLCHAIN=local GOFLAGS='' CGO_ENABLED=0 \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  [ "$(installed_version || true)" = "$ACTIONLINT_VERSION" ] || die "built actionlint does not report $ACTIONLINT_VERSION"
fi

checks=(-pyflakes=)
if command -v shellcheck >/dev/null; then
  checks+=("-shellcheck=$(command -v shellcheck)")
else
  echo "lint-workflows.sh: shellcheck is not installed, so the workflows' run: scripts are not checked" >&2
  checks+=(-shellcheck=)
fi

if [ $# -eq 0 ]; then
  set -- "$root"/.github/workflows/*.yml
  [ -e "$1" ] || die "no workflows in $root/.github/workflows"
fi
cd "$root"
"$actionlint" "${checks[@]}" "$@"
echo "actionlint $ACTIONLINT_VERSION: $# workflow file(s) clean" >&2
