#!/usr/bin/env bash
# shellcheck disable=SC2317  # the functions run through phase(), which shellcheck cannot follow
# The end-to-end suite: the Pulumi engine with the docker and kafka provider
# plugins against a real Docker engine and real Kafka, offline. CI and people
# run this one command (`npm run test:e2e`); extra arguments go to jest, e.g.
#   e2e/run.sh -t "rolling"
#
# Phases, each cached where it can be: Docker engine, Pulumi CLI and provider
# plugins (built from the Go module proxy) alongside the test images (built from
# Debian and Maven Central), the policy pack's dependencies, then jest. Figures land in
# e2e/.results/figures.json.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

timings=()
phase() { # phase <label> <command...>
  local label=$1 started=$SECONDS status=0
  shift
  printf '\n==> %s (%s)\n' "$label" "$(date -u +%H:%M:%S)"
  "$@" || status=$?
  timings+=("$(printf '%-28s %5d s%s' "$label" $((SECONDS - started)) "$([ "$status" -eq 0 ] || echo "  (exit $status)")")")
  return "$status"
}
print_timings() {
  printf '\nphase timings:\n'
  printf '  %s\n' "${timings[@]}"
}
trap print_timings EXIT

policy_deps() {
  if [ -d policy/node_modules/@pulumi/policy ]; then
    echo "policy pack dependencies present"
  else
    npm ci --prefix policy --no-audit --no-fund
  fi
}

client_deps() {
  # The host-side Kafka client the tests verify through; a devDependency.
  [ -f node_modules/kafkajs/package.json ] || { echo "kafkajs is missing from node_modules; run npm ci" >&2; return 1; }
}

suite() {
  # shellcheck source=offline/toolchain/env.sh
  source offline/toolchain/env.sh
  # Only this run's figures and engine logs.
  rm -rf e2e/.results
  # --verbose: every scenario with its duration in the log, not only the failures.
  npx jest --selectProjects e2e --runInBand --verbose "$@"
}

# The toolchain build keeps both CPUs busy compiling Go; the image build mostly
# waits on Debian's archive and Maven Central. Run side by side, a cold start
# costs the longer of the two instead of their sum.
toolchain_and_images() {
  local images_log=${TMPDIR:-/tmp}/kafka-cluster-images.$$.log images_pid images_status=0 toolchain_status=0
  offline/images/build.sh >"$images_log" 2>&1 &
  images_pid=$!
  offline/toolchain/build.sh || toolchain_status=$?
  wait "$images_pid" || images_status=$?
  printf '\n--- test images (offline/images/build.sh, alongside) ---\n'
  cat "$images_log"
  rm -f "$images_log"
  [ "$toolchain_status" -eq 0 ] || { echo "offline/toolchain/build.sh failed (exit $toolchain_status)" >&2; return "$toolchain_status"; }
  [ "$images_status" -eq 0 ] || { echo "offline/images/build.sh failed (exit $images_status)" >&2; return "$images_status"; }
}

phase "docker engine" e2e/docker/ensure-dockerd.sh
phase "pulumi toolchain and test images" toolchain_and_images
phase "policy pack dependencies" policy_deps
phase "kafka client" client_deps
status=0
phase "jest (e2e)" suite "$@" || status=$?
# Figures of a failed run are still worth reading.
if [ -f e2e/.results/figures.json ]; then
  printf '\nfigures (e2e/.results/figures.json):\n'
  cat e2e/.results/figures.json
fi
exit "$status"
