#!/usr/bin/env bash
# Compiles the generator and the oracle against the given Kafka version's jars
# from Maven Central and prints the classpath to run them with.
# Usage: tools/kafka-model/build.sh <kafka-version>
set -euo pipefail
version=${1:?usage: build.sh <kafka-version, e.g. 3.9.1>}
here=$(cd "$(dirname "$0")" && pwd)
target="$here/target/$version"
mkdir -p "$target"
# Maven's output goes to a log, shown only when the build fails, so callers read a clean classpath.
if ! mvn -B -f "$here/pom.xml" -Dkafka.version="$version" \
    compile dependency:build-classpath -Dmdep.outputFile="$target/classpath.txt" >"$target/build.log" 2>&1; then
    cat "$target/build.log" >&2
    exit 1
fi
printf '%s:%s\n' "$target/classes" "$(cat "$target/classpath.txt")"
