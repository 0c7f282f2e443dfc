#!/usr/bin/env bash
# Makes sure a Docker engine answers on the default socket.
#
# CI machines start without one and no container registry is reachable, so the
# engine comes from Debian's docker.io package and is started by hand as root
# (there is no init system to hand it to). Safe to run repeatedly.
#
# Env:
#   DOCKERD_LOG            daemon log file   (default /var/log/kafka-cluster-dockerd.log)
#   DOCKERD_WAIT_SECONDS   how long to wait for the daemon to answer (default 60)
set -euo pipefail

LOG="${DOCKERD_LOG:-/var/log/kafka-cluster-dockerd.log}"
WAIT="${DOCKERD_WAIT_SECONDS:-60}"

say() { printf 'ensure-dockerd: %s\n' "$*" >&2; }

engine_up() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && engine_up; then
  say "engine already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "no running engine and not root: cannot install or start dockerd"
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  say "installing docker.io from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # Recommends pull in tini/apparmor bits that are useless here and slow the install.
  apt-get install -y -qq --no-install-recommends docker.io iptables ca-certificates >/dev/null
fi

# The pidfile survives a killed daemon: trust a pid only while it is a live
# (not zombie) dockerd, so neither pid reuse nor a dying daemon is waited on.
alive_dockerd() {
  local pid="$1" state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] || return 1
  state="$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f1)"
  [ "$state" != Z ] && [ "$state" != X ]
}

pid="$(cat /var/run/docker.pid 2>/dev/null || true)"
if alive_dockerd "$pid"; then
  say "dockerd (pid $pid) is running but not answering yet; waiting for it"
else
  pid=""
fi

starts=0
for _ in $(seq 1 "$WAIT"); do
  if engine_up; then
    say "engine up ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
    exit 0
  fi
  if ! alive_dockerd "$pid"; then
    # One retry covers a daemon that was on its way out when first looked at.
    [ "$starts" -lt 2 ] || break
    starts=$((starts + 1))
    rm -f /var/run/docker.pid
    mkdir -p "$(dirname "$LOG")"
    say "starting dockerd (log: $LOG)"
    # setsid: its own session, so the end of the calling CI step or shell does
    # not take the engine down with it. Without job control the background
    # child is no group leader, so setsid execs in place and $! is dockerd.
    setsid dockerd >>"$LOG" 2>&1 </dev/null &
    pid=$!
  fi
  sleep 1
done

say "dockerd did not answer within ${WAIT}s; last lines of $LOG:"
tail -n 40 "$LOG" >&2 || true
exit 1
