#!/usr/bin/env bash
# ZooKeeper CLI, e.g. `zkCli.sh -server 127.0.0.1:2181 ls /brokers/ids`.
# Tests use it to look at what brokers registered; interactive line editing
# (jline) is not included.
prefix="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
conf="${ZOOCFGDIR:-$prefix/conf}"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
# Client log lines would interleave with command output on stdout; keep them out.
# shellcheck disable=SC2086
exec "$java" -Xmx${ZK_CLIENT_HEAP:-256}m ${CLIENT_JVMFLAGS:-} ${JVMFLAGS:-} \
  -Dlogback.configurationFile="file:$prefix/conf/logback-cli.xml" \
  -cp "$prefix/lib/*:$conf" org.apache.zookeeper.ZooKeeperMain "$@"
