#!/usr/bin/env bash
# ZooKeeper server control, for a container: only foreground operation.
#
#   zkServer.sh [--config <dir>] start-foreground [zoo.cfg path]
#   zkServer.sh [--config <dir>] status [zoo.cfg path]
#   zkServer.sh [--config <dir>] print-cmd [zoo.cfg path]
#
# The config is $ZOOCFGDIR/zoo.cfg unless a path is given (as upstream).
# Env as upstream: ZOOCFGDIR, ZOO_LOG_DIR, ZK_SERVER_HEAP (MB, default 1000),
# SERVER_JVMFLAGS, JVMFLAGS, JAVA_HOME.
set -euo pipefail

bin_dir="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
prefix="$(dirname "$bin_dir")"

if [ "${1:-}" = "--config" ]; then
  ZOOCFGDIR="$2"
  shift 2
fi
ZOOCFGDIR="${ZOOCFGDIR:-$prefix/conf}"

cmd="${1:-}"
cfg="${2:-$ZOOCFGDIR/${ZOOCFG:-zoo.cfg}}"

log_dir="${ZOO_LOG_DIR:-$prefix/logs}"
logback="$ZOOCFGDIR/logback.xml"
[ -f "$logback" ] || logback="$prefix/conf/logback.xml"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi

server_cmd() {
  # shellcheck disable=SC2206  # flag lists are split on purpose
  local extra=(${SERVER_JVMFLAGS:-} ${JVMFLAGS:-})
  printf '%s\0' "$java" \
    "-Xmx${ZK_SERVER_HEAP:-1000}m" \
    "-Dzookeeper.log.dir=$log_dir" \
    "-Dzookeeper.log.file=zookeeper-server.log" \
    "-Dlogback.configurationFile=file:$logback" \
    "-XX:+HeapDumpOnOutOfMemoryError" "-XX:OnOutOfMemoryError=kill -9 %p" \
    -cp "$prefix/lib/*:$ZOOCFGDIR" \
    ${extra[@]+"${extra[@]}"} \
    org.apache.zookeeper.server.quorum.QuorumPeerMain "$cfg"
}

client_port() {
  local port
  port="$(sed -n 's/^[[:space:]]*clientPort[[:space:]]*=[[:space:]]*\([0-9]*\).*/\1/p' "$cfg" 2>/dev/null | tail -n 1)"
  echo "${port:-2181}"
}

case "$cmd" in
  start-foreground)
    if [ ! -r "$cfg" ]; then
      echo "zkServer.sh: cannot read config $cfg" >&2
      exit 1
    fi
    echo "zkServer.sh: using config $cfg" >&2
    mapfile -d '' argv < <(server_cmd)
    # exec: the JVM becomes the container's main process and gets SIGTERM itself.
    exec "${argv[@]}"
    ;;
  print-cmd)
    server_cmd | tr '\0' ' '
    echo
    ;;
  status)
    # srvr is allowed by ZooKeeper's default 4lw whitelist, unlike ruok. No
    # trailing newline: ZooKeeper reads only the 4 command bytes and closes, and
    # an unread byte turns that close into a reset that can drop the reply.
    port="$(client_port)"
    out="$(printf srvr | nc -w 2 127.0.0.1 "$port" 2>/dev/null || true)"
    mode="$(printf '%s\n' "$out" | sed -n 's/^Mode: //p')"
    if [ -z "$mode" ]; then
      echo "Error contacting service on port $port. It is probably not running." >&2
      exit 1
    fi
    echo "Client port found: $port. Mode: $mode"
    ;;
  *)
    echo "Usage: $0 [--config <conf-dir>] {start-foreground|status|print-cmd} [zoo.cfg]" >&2
    exit 1
    ;;
esac
