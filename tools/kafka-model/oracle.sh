#!/usr/bin/env bash
# Runs Kafka's own validation as a filter (see src/main/java/kafkamodel/Oracle.java).
# Usage: tools/kafka-model/oracle.sh <kafka-version> < cases > verdicts
set -euo pipefail
version=${1:?usage: oracle.sh <kafka-version, e.g. 3.9.1>}
here=$(cd "$(dirname "$0")" && pwd)
classpath=$("$here/build.sh" "$version")
exec java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$classpath" kafkamodel.Oracle
