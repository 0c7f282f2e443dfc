#!/usr/bin/env bash
# As in the Kafka 3.9 distribution: KRaft controllers of a ZooKeeper-to-KRaft
# migration read the cluster id ZooKeeper holds with it (Kafka 4 has no ZooKeeper).
exec "$(dirname "$(readlink -f "$0")")/kafka-run-class.sh" org.apache.zookeeper.ZooKeeperMainWithTlsSupportForKafka -server "$@"
