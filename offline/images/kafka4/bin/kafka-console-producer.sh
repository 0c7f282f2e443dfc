#!/usr/bin/env bash
# As in the Kafka 4.4 distribution (the image overlays these on ../kafka/bin).
# Console and load tools buffer records; upstream gives them a larger default heap.
: "${KAFKA_HEAP_OPTS:=-Xmx512M}"
export KAFKA_HEAP_OPTS

exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" org.apache.kafka.tools.ConsoleProducer "$@"
