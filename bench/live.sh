#!/usr/bin/env bash
# npm run bench:live: the live benchmark (bench/live.ts) with the offline toolchain
# on PATH. The outer timeout is a backstop only: the benchmark bounds each command
# itself and stops starting new sizes past BENCH_LIVE_MINUTES.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
if ! command -v pulumi >/dev/null 2>&1 || [ -n "${KC_TOOLCHAIN_DIR:-}" ]; then
  # shellcheck source=offline/toolchain/env.sh
  . offline/toolchain/env.sh
fi
minutes=${BENCH_LIVE_MINUTES:-50}
exec timeout --signal=TERM --kill-after=120 "$((minutes + 60))m" \
  node -r ts-node/register/transpile-only bench/live.ts "$@"
