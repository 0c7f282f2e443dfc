# shellcheck shell=bash disable=SC2034  # the variables are read by the scripts that source this file
# Sourced by preview.sh and drift-check.sh: which backend, CLI, project and
# parallelism a refreshed preview of a stack runs with. Sets root, PULUMI,
# project and parallel.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Stacks brought up with `npm run up` live in this checkout's file backend; a
# backend set in the environment (CI, a team's bucket) always wins.
if [ -z "${PULUMI_BACKEND_URL:-}" ] && [ -d "$root/.pulumi-state" ]; then
  # shellcheck source=scripts/local-env.sh
  . "$root/scripts/local-env.sh"
fi
PULUMI=${PULUMI:-pulumi}
project=${KC_PROJECT_DIR:-$root}
# Reads during a refresh wait on the network (Docker, Kafka), not on the CPU, and
# Pulumi's default of 4 operations per CPU leaves a stack of a thousand topics
# reading 8 at a time on a 2-core runner: 63 s instead of 36 s at 32 (npm run bench:live).
parallel=${KC_PREVIEW_PARALLEL:-32}
