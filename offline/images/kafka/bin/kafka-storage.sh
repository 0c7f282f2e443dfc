#!/usr/bin/env bash
# As in the Kafka 3.9 distribution.
exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
