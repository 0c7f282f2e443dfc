#!/bin/sh
# JAVA_OPTS is split on purpose (several flags). exec so the JVM gets SIGTERM.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX" \
  -cp '/opt/kafka-ui/kafka-ui-standin.jar:/opt/kafka-ui/libs/*' \
  KafkaUiStandin
