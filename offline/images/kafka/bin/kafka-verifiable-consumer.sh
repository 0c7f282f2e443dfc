#!/usr/bin/env bash
# As in the Kafka 3.9 distribution: the tool lives in kafka-tools (org.apache.kafka.tools).
: "${KAFKA_HEAP_OPTS:=-Xmx512M}"
export KAFKA_HEAP_OPTS

exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" org.apache.kafka.tools.VerifiableConsumer "$@"
