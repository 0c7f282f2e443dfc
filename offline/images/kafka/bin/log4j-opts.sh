#!/usr/bin/env bash
# Sourced by the launchers: prints the JVM flag naming a logging config in
# config/. Kafka 4 logs through Log4j 2 (KIP-653) and its image carries
# <name>2.properties; Kafka 3.x logs through reload4j and carries <name>.properties.
log4j_opts() { # log4j_opts <base_dir> <name: log4j | tools-log4j>
  if [ -f "$1/config/${2}2.properties" ]; then
    printf '%s' "-Dlog4j2.configurationFile=file:$1/config/${2}2.properties"
  else
    printf '%s' "-Dlog4j.configuration=file:$1/config/$2.properties"
  fi
}
