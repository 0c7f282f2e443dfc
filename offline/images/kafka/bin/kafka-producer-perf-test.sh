#!/usr/bin/env bash
# Main classes moved between core (kafka.*) and tools (org.apache.kafka.tools.*)
# from release to release; this is the one Kafka 3.9 ships.
# Console and load tools buffer records; upstream gives them a larger default heap.
: "${KAFKA_HEAP_OPTS:=-Xmx512M}"
export KAFKA_HEAP_OPTS

exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" org.apache.kafka.tools.ProducerPerformance "$@"
