#!/usr/bin/env bash
# Main classes moved between core (kafka.*) and tools (org.apache.kafka.tools.*)
# from release to release; this is the one Kafka 3.9 ships.
exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" kafka.admin.BrokerApiVersionsCommand "$@"
