#!/usr/bin/env bash
# Compiles the generator and the oracle against the given Kafka version's jars
# from Maven Central and prints the classpath to run them with.
# Usage: tools/kafka-model/build.sh <kafka-version>
set -euo pipefail
version=${1:?usage: build.sh <kafka-version, e.g. 3.9.1>}
here=$(cd "$(dirname "$0")" && pwd)
target="$here/target/$version"
mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -Dkafka.version="$version" \
    compile dependency:build-classpath -Dmdep.outputFile="$target/classpath.txt" >&2
printf '%s:%s\n' "$target/classes" "$(cat "$target/classpath.txt")"
