#!/usr/bin/env bash
# Starts a broker in the foreground: kafka-server-start.sh server.properties [--override k=v ...]
if [ $# -lt 1 ]; then
  echo "USAGE: $0 server.properties [--override property=value]*" >&2
  exit 1
fi

base_dir="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"

# Same defaults as the upstream script; the deployment passes KAFKA_HEAP_OPTS.
: "${KAFKA_HEAP_OPTS:=-Xmx1G -Xms1G}"
# shellcheck source=log4j-opts.sh
. "$base_dir/bin/log4j-opts.sh"
: "${KAFKA_LOG4J_OPTS:=$(log4j_opts "$base_dir" log4j)}"
export KAFKA_HEAP_OPTS KAFKA_LOG4J_OPTS

exec "$base_dir/bin/kafka-run-class.sh" kafka.Kafka "$@"
