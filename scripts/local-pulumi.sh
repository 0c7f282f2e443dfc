#!/usr/bin/env bash
# Runs any pulumi command against the stacks of this checkout (the same file
# backend and empty passphrase as `npm run up`), creating the named stack first
# if it does not exist yet, so settings can be made before the first up:
#
#   npm run pulumi -- config set advertisedHost 192.168.24.170 --stack dev
#   npm run pulumi -- stack output --stack dev
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
# shellcheck source=scripts/local-env.sh
. scripts/local-env.sh
command -v pulumi >/dev/null || { echo "local-pulumi.sh: no pulumi CLI; run npm run up once (it installs or builds one) or see README" >&2; exit 1; }

stack=""
previous=""
for arg in "$@"; do
    case $previous in --stack | -s) stack=$arg ;; esac
    case $arg in --stack=*) stack=${arg#--stack=} ;; esac
    previous=$arg
done
if [ -n "$stack" ] && ! pulumi stack ls --json 2>/dev/null | grep -q "\"name\": \"$stack\""; then
    pulumi stack init "$stack" --non-interactive >&2
fi
exec pulumi "$@"
