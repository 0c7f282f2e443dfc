#!/usr/bin/env bash
# Regenerates lib/kafka/model/<major.minor>.json from Kafka's own ConfigDefs.
# Usage: tools/kafka-model/generate.sh <kafka-version>   (e.g. 3.9.1)
set -euo pipefail
version=${1:?usage: generate.sh <kafka-version, e.g. 3.9.1>}
here=$(cd "$(dirname "$0")" && pwd)
minor=$(cut -d. -f1,2 <<<"$version")
out="$here/../../lib/kafka/model/$minor.json"
classpath=$("$here/build.sh" "$version")
java -cp "$classpath" kafkamodel.GenerateModel "$out"
echo "wrote lib/kafka/model/$minor.json (Kafka $version)"
