#!/usr/bin/env bash
# Runs a Java main class with the Kafka classpath: kafka-run-class.sh <class> [args...]
#
# Honours the same variables as the upstream launcher so that callers (and
# healthchecks) can tune a JVM the usual way:
#   KAFKA_HEAP_OPTS             default -Xmx256M (tools); kafka-server-start.sh sets its own
#   KAFKA_JVM_PERFORMANCE_OPTS  default G1 settings as upstream
#   KAFKA_LOG4J_OPTS            default config/tools-log4j[2].properties (stderr, WARN)
#   KAFKA_OPTS                  extra JVM flags, after the classpath
#   KAFKA_JMX_OPTS, JMX_PORT    JMX is off unless one of them is set
#   LOG_DIR                     default /opt/kafka/logs
#   CLASSPATH                   prepended to libs/*
#   JAVA_HOME                   java from there, else from PATH
if [ $# -lt 1 ]; then
  echo "USAGE: $0 classname [opts]" >&2
  exit 1
fi

base_dir="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"

: "${LOG_DIR:=$base_dir/logs}"
: "${KAFKA_HEAP_OPTS:=-Xmx256M}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}"
# shellcheck source=log4j-opts.sh
. "$base_dir/bin/log4j-opts.sh"
: "${KAFKA_LOG4J_OPTS:=$(log4j_opts "$base_dir" tools-log4j)}"

if [ -n "${JMX_PORT:-}" ] && [ -z "${KAFKA_JMX_OPTS:-}" ]; then
  KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false -Dcom.sun.management.jmxremote.port=$JMX_PORT"
fi

classpath="$base_dir/libs/*"
if [ -n "${CLASSPATH:-}" ]; then
  classpath="$CLASSPATH:$classpath"
fi

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java=java
fi

# The *_OPTS variables hold several flags each, so they are split on purpose.
# exec: the JVM replaces this shell, so a container stop's SIGTERM reaches it
# directly and the broker runs its controlled shutdown.
# shellcheck disable=SC2086
exec "$java" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS ${KAFKA_JMX_OPTS:-} \
  -Dkafka.logs.dir="$LOG_DIR" $KAFKA_LOG4J_OPTS \
  -cp "$classpath" ${KAFKA_OPTS:-} "$@"
