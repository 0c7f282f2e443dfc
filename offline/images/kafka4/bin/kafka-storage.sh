#!/usr/bin/env bash
# As in the Kafka 4.4 distribution (the image overlays these on ../kafka/bin).
exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
