#!/usr/bin/env bash
# End-to-end check of the test images with plain `docker`, doing what the
# deployment does: one user-defined network, ZooKeeper, three brokers and the
# kafka-ui stand-in, config files uploaded into created-but-not-started
# containers, named volumes, ports published on 127.0.0.1, and the same
# healthcheck commands. Then it exercises the cluster and stops a broker to
# check for a clean shutdown. Everything it creates is removed on exit (the
# images are kept).
#
# Env:
#   KC_IMAGE_PREFIX          image tag prefix            (default kafka-cluster-test)
#   ZK_VERSION               ZooKeeper image version     (default 3.9.4)
#   SMOKE_HEALTH_INTERVAL    healthcheck interval for all (default: the program's)
#   SMOKE_UI_PORT            host port for the UI        (default 18080)
#   SMOKE_KEEP=1             leave everything running for inspection
set -euo pipefail

PREFIX="${KC_IMAGE_PREFIX:-kafka-cluster-test}"
KAFKA_IMAGE="$PREFIX/kafka:3.9.1"
ZK_IMAGE="$PREFIX/zookeeper:${ZK_VERSION:-3.9.4}"
UI_IMAGE="$PREFIX/kafka-ui-standin:1.0"

NET=kc-smoke
P=kc-smoke
BROKERS=(1 2 3)
UI_PORT="${SMOKE_UI_PORT:-18080}"
CLUSTER_NAME=kc-smoke
UI_USER="admin"
UI_PASSWORD="smoke-$$-$RANDOM"
TOPIC=smoke-events

# Healthcheck timings as the program sets them (interval timeout retries start-period);
# SMOKE_HEALTH_INTERVAL overrides every interval, e.g. 1s to see raw start-up time.
health_opts() {
  printf '%s\n' --health-interval "${SMOKE_HEALTH_INTERVAL:-$1}" --health-timeout "$2" \
    --health-retries "$3" --health-start-period "$4"
}
mapfile -t ZK_HEALTH_OPTS < <(health_opts 5s 5s 12 10s)
mapfile -t KAFKA_HEALTH_OPTS < <(health_opts 10s 30s 12 30s)
mapfile -t UI_HEALTH_OPTS < <(health_opts 10s 5s 18 30s)
KAFKA_HEALTH='KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:19092 >/dev/null 2>&1'
ZK_HEALTH='echo ruok | nc -w 2 127.0.0.1 2181 | grep -q imok'
UI_HEALTH='wget -qO- http://127.0.0.1:8080/actuator/health | grep -q UP'

# Output is captured before grepping: with pipefail, `cmd | grep -q` fails
# whenever grep exits early and cmd gets SIGPIPE.
TMP="$(mktemp -d)"
FAILURES=0

log() { printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
pass() { log "ok: $*"; }
fail() { log "FAIL: $*"; FAILURES=$((FAILURES + 1)); }

containers() { echo "$P-zookeeper" "${BROKERS[@]/#/$P-kafka-}" "$P-kafka-ui"; }
volumes() {
  echo "$P-zookeeper-data" "$P-zookeeper-datalog"
  local n
  for n in "${BROKERS[@]}"; do echo "$P-kafka-$n-data"; done
}

cleanup() {
  local rc=$?
  if [ "${SMOKE_KEEP:-0}" = 1 ]; then
    log "SMOKE_KEEP=1: leaving containers, volumes and network $NET in place"
  else
    # shellcheck disable=SC2046
    docker rm -f -v $(containers) >/dev/null 2>&1 || true
    # shellcheck disable=SC2046
    docker volume rm $(volumes) >/dev/null 2>&1 || true
    docker network rm "$NET" >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The deployment's Docker provider uploads files into a created container as a
# tar with the full path, so missing parent directories appear owned by root.
upload() { # upload <container> <absolute path in container> <local file>
  local stage="$TMP/upload.$RANDOM"
  mkdir -p "$stage/$(dirname "$2")"
  cp "$3" "$stage/$2"
  chmod 0644 "$stage/$2"
  tar -C "$stage" --owner=0 --group=0 --numeric-owner -cf - "${2#/}" | docker cp - "$1:/"
  rm -rf "$stage"
}

health() { docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null; }

wait_healthy() { # wait_healthy <timeout seconds> <container...>
  local deadline=$(( $(date +%s) + $1 )) c pending
  shift
  while :; do
    pending=()
    for c in "$@"; do
      case "$(health "$c")" in
        healthy) ;;
        unhealthy)
          log "$c is unhealthy; last output and logs:"
          docker inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}{{end}}' "$c" >&2 || true
          docker logs --tail 40 "$c" >&2 || true
          return 1 ;;
        *)
          if [ "$(docker inspect -f '{{.State.Running}}' "$c")" != true ]; then
            log "$c exited; logs:"
            docker logs --tail 40 "$c" >&2 || true
            return 1
          fi
          pending+=("$c") ;;
      esac
    done
    [ "${#pending[@]}" -eq 0 ] && return 0
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "timed out waiting for: ${pending[*]}"
      for c in "${pending[@]}"; do docker logs --tail 40 "$c" >&2 || true; done
      return 1
    fi
    sleep 0.5
  done
}

kexec() { docker exec "$P-kafka-$1" "${@:2}"; }

# ------------------------------------------------------------------- start

for img in "$KAFKA_IMAGE" "$ZK_IMAGE" "$UI_IMAGE"; do
  docker image inspect "$img" >/dev/null 2>&1 || { log "missing image $img (run offline/images/build.sh)"; exit 1; }
done

# Leftovers from an interrupted run would make `docker create` fail on names.
# shellcheck disable=SC2046
docker rm -f -v $(containers) >/dev/null 2>&1 || true
# shellcheck disable=SC2046
docker volume rm $(volumes) >/dev/null 2>&1 || true
docker network rm "$NET" >/dev/null 2>&1 || true

docker network create "$NET" >/dev/null
for v in $(volumes); do docker volume create "$v" >/dev/null; done

cat >"$TMP/zoo.cfg" <<'EOF'
tickTime=2000
initLimit=5
syncLimit=2
dataDir=/data
dataLogDir=/datalog
clientPort=2181
maxClientCnxns=60
standaloneEnabled=true
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,mntr
autopurge.snapRetainCount=3
autopurge.purgeInterval=24
EOF

for n in "${BROKERS[@]}"; do
  cat >"$TMP/server-$n.properties" <<EOF
broker.id=$n
zookeeper.connect=zookeeper:2181
zookeeper.connection.timeout.ms=18000
listeners=INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:9092
advertised.listeners=INTERNAL://kafka-$n:19092,EXTERNAL://127.0.0.1:$((19091 + n))
listener.security.protocol.map=INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT
inter.broker.listener.name=INTERNAL
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
default.replication.factor=3
min.insync.replicas=2
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
EOF
done

T0="$(now)"
log "starting zookeeper"
docker create --name "$P-zookeeper" --hostname zookeeper --restart unless-stopped \
  --network "$NET" --network-alias zookeeper \
  -e ZOOCFGDIR=/conf \
  -v "$P-zookeeper-data:/data" -v "$P-zookeeper-datalog:/datalog" \
  --health-cmd "$ZK_HEALTH" "${ZK_HEALTH_OPTS[@]}" \
  "$ZK_IMAGE" zkServer.sh start-foreground >/dev/null
upload "$P-zookeeper" /conf/zoo.cfg "$TMP/zoo.cfg"
docker start "$P-zookeeper" >/dev/null
wait_healthy 180 "$P-zookeeper"
T_ZK="$(now)"
log "zookeeper healthy after $(secs "$T0" "$T_ZK")s"

log "starting ${#BROKERS[@]} brokers"
for n in "${BROKERS[@]}"; do
  docker create --name "$P-kafka-$n" --hostname "kafka-$n" --restart unless-stopped \
    --network "$NET" --network-alias "kafka-$n" \
    -p "127.0.0.1:$((19091 + n)):9092" \
    -e KAFKA_HEAP_OPTS="-Xmx512m -Xms512m" \
    -v "$P-kafka-$n-data:/var/lib/kafka/data" \
    --health-cmd "$KAFKA_HEALTH" "${KAFKA_HEALTH_OPTS[@]}" \
    "$KAFKA_IMAGE" /opt/kafka/bin/kafka-server-start.sh /etc/kafka-cluster/server.properties >/dev/null
  upload "$P-kafka-$n" /etc/kafka-cluster/server.properties "$TMP/server-$n.properties"
done
for n in "${BROKERS[@]}"; do docker start "$P-kafka-$n" >/dev/null; done
# shellcheck disable=SC2046
wait_healthy 300 $(for n in "${BROKERS[@]}"; do echo "$P-kafka-$n"; done)
T_KAFKA="$(now)"
log "brokers healthy after $(secs "$T_ZK" "$T_KAFKA")s more"

log "starting kafka-ui stand-in"
docker run -d --name "$P-kafka-ui" --hostname kafka-ui --restart unless-stopped \
  --network "$NET" --network-alias kafka-ui \
  -p "127.0.0.1:$UI_PORT:8080" \
  -e KAFKA_CLUSTERS_0_NAME="$CLUSTER_NAME" \
  -e KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS="$(printf 'kafka-%s:19092,' "${BROKERS[@]}" | sed 's/,$//')" \
  -e AUTH_TYPE=LOGIN_FORM \
  -e SPRING_SECURITY_USER_NAME="$UI_USER" -e SPRING_SECURITY_USER_PASSWORD="$UI_PASSWORD" \
  -e DYNAMIC_CONFIG_ENABLED=false \
  --health-cmd "$UI_HEALTH" "${UI_HEALTH_OPTS[@]}" \
  "$UI_IMAGE" >/dev/null
wait_healthy 180 "$P-kafka-ui"
T_UI="$(now)"
log "kafka-ui healthy after $(secs "$T_KAFKA" "$T_UI")s more"
log "TIME TO ALL HEALTHY: $(secs "$T0" "$T_UI")s (zookeeper $(secs "$T0" "$T_ZK")s, brokers +$(secs "$T_ZK" "$T_KAFKA")s, ui +$(secs "$T_KAFKA" "$T_UI")s; intervals ${SMOKE_HEALTH_INTERVAL:-5s/10s/10s})"

# ------------------------------------------------------------------ checks

for c in $(containers); do
  uid="$(docker exec "$c" id -u)"
  [ "$uid" != 0 ] && pass "$c runs as uid $uid" || fail "$c runs as root"
done

for n in "${BROKERS[@]}"; do
  owner="$(kexec "$n" stat -c %U /var/lib/kafka/data)"
  if [ "$owner" = appuser ] && kexec "$n" test -f /var/lib/kafka/data/meta.properties; then
    pass "kafka-$n writes its log dir on the named volume (owner $owner)"
  else
    fail "kafka-$n log dir owner=$owner or meta.properties missing"
  fi
done

ids="$(docker exec "$P-zookeeper" zkCli.sh -server 127.0.0.1:2181 ls /brokers/ids 2>/dev/null | tail -n 1)"
[ "$ids" = "[1, 2, 3]" ] && pass "brokers registered in zookeeper: $ids" || fail "zookeeper /brokers/ids: '$ids'"
mode="$(docker exec "$P-zookeeper" zkServer.sh status 2>&1 || true)"
[[ "$mode" == *"Mode: standalone"* ]] && pass "zkServer.sh status: $mode" || fail "zkServer.sh status: $mode"

# The healthcheck relies on nc returning once the server closes or -w expires;
# check both, the second against a listener that never answers.
# `echo ruok` sends a newline ZooKeeper never reads; closing with unread input
# makes the kernel send a reset, which now and then (a few percent) discards
# the reply. The healthcheck's retries absorb that, so allow a retry here too.
t="$(now)"
for attempt in 1 2 3; do
  out="$(docker exec "$P-zookeeper" sh -c "$ZK_HEALTH && echo healthy" || true)"
  [ "$out" = healthy ] && break
done
[ "$out" = healthy ] && pass "zookeeper healthcheck command passes (attempt $attempt, $(secs "$t" "$(now)")s)" \
  || fail "zookeeper healthcheck command failed 3 times"
t="$(now)"
docker exec "$P-zookeeper" bash -c 'nc -l 127.0.0.1 3999 >/dev/null & sleep 0.3; echo ruok | nc -w 2 127.0.0.1 3999; rc=$?; kill %1 2>/dev/null; exit $rc' >/dev/null 2>&1 || true
took="$(secs "$t" "$(now)")"
awk -v s="$took" 'BEGIN { exit !(s < 6) }' && pass "nc -w 2 gives up on a silent server after ${took}s" || fail "nc -w 2 hung for ${took}s"

kexec 1 /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka-1:19092 --create --topic "$TOPIC" \
  --partitions 3 --replication-factor 3 --config min.insync.replicas=2 >/dev/null \
  && pass "topic $TOPIC created" || fail "topic creation"
desc="$(kexec 2 /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka-2:19092 --describe --topic "$TOPIC")"
[ "$(grep -c 'Replicas: [0-9],[0-9],[0-9]' <<<"$desc")" = 3 ] \
  && pass "$TOPIC has 3 partitions with 3 replicas" || fail "describe: $desc"

printf 'message-%s\n' 1 2 3 4 5 | docker exec -i "$P-kafka-2" /opt/kafka/bin/kafka-console-producer.sh \
  --bootstrap-server kafka-1:19092,kafka-2:19092 --topic "$TOPIC" --producer-property acks=all \
  && pass "produced 5 messages via INTERNAL" || fail "produce"
got="$(kexec 3 /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server kafka-3:19092 --topic "$TOPIC" \
  --group smoke-group --from-beginning --max-messages 5 --timeout-ms 30000 2>/dev/null | sort | tr '\n' ' ')"
[ "$got" = "message-1 message-2 message-3 message-4 message-5 " ] \
  && pass "consumed: $got" || fail "consumed: '$got'"
groups="$(kexec 1 /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server kafka-1:19092 --describe --group smoke-group 2>/dev/null || true)"
grep -q "$TOPIC" <<<"$groups" && pass "consumer group smoke-group has committed offsets" || fail "consumer-groups: $groups"

kexec 1 /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka-1:19092 --alter --entity-type topics \
  --entity-name "$TOPIC" --add-config retention.ms=3600000 >/dev/null && pass "kafka-configs --alter" || fail "kafka-configs --alter"
cfg="$(kexec 2 /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka-2:19092 --describe --entity-type topics --entity-name "$TOPIC")"
grep -q 'retention.ms=3600000' <<<"$cfg" && pass "retention.ms=3600000 visible from kafka-2" || fail "configs: $cfg"

perf="$(kexec 3 /opt/kafka/bin/kafka-producer-perf-test.sh --topic "$TOPIC" --num-records 2000 --record-size 100 \
  --throughput -1 --producer-props bootstrap.servers=kafka-3:19092 acks=all 2>/dev/null | tail -n 1)"
grep -q '2000 records sent' <<<"$perf" && pass "producer-perf-test: $perf" || fail "producer-perf-test: $perf"

# From the host, as the deployment's Kafka provider connects: through the
# published EXTERNAL ports and the addresses the brokers advertise there.
ext="$(docker run --rm --network host "$KAFKA_IMAGE" /opt/kafka/bin/kafka-topics.sh \
  --bootstrap-server 127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094 --list 2>/dev/null || true)"
grep -qx "$TOPIC" <<<"$ext" && pass "EXTERNAL listeners on 127.0.0.1:19092-19094 list $TOPIC" || fail "EXTERNAL list: '$ext'"
apiv="$(docker run --rm --network host "$KAFKA_IMAGE" /opt/kafka/bin/kafka-broker-api-versions.sh \
  --bootstrap-server 127.0.0.1:19093 2>/dev/null || true)"
apiv="$(grep -c '^127.0.0.1:1909[2-4] (id: [1-3]' <<<"$apiv" || true)"
[ "$apiv" = 3 ] && pass "all 3 brokers answer ApiVersions on their EXTERNAL address" || fail "api-versions saw $apiv brokers"

ui="http://127.0.0.1:$UI_PORT"
[ "$(curl -fsS "$ui/actuator/health")" = '{"status":"UP"}' ] && pass "UI health UP without credentials" || fail "UI health"
code="$(curl -s -o /dev/null -w '%{http_code}' "$ui/api/clusters/$CLUSTER_NAME/topics")"
[ "$code" = 401 ] && pass "UI API without credentials -> 401" || fail "UI API without credentials -> $code"
code="$(curl -s -o /dev/null -w '%{http_code}' -u "$UI_USER:wrong" "$ui/api/clusters/$CLUSTER_NAME/topics")"
[ "$code" = 401 ] && pass "UI API with a wrong password -> 401" || fail "UI API with wrong password -> $code"
topics="$(curl -fsS -u "$UI_USER:$UI_PASSWORD" "$ui/api/clusters/$CLUSTER_NAME/topics" || true)"
[ "$topics" = "[\"$TOPIC\"]" ] && pass "UI lists topics: $topics" || fail "UI topics: '$topics'"
code="$(curl -s -o /dev/null -w '%{http_code}' -u "$UI_USER:$UI_PASSWORD" "$ui/")"
[ "$code" = 200 ] && pass "UI index page with credentials -> 200" || fail "UI index -> $code"
ui_logs="$(docker logs "$P-kafka-ui" 2>&1)"
grep -q "connected to cluster '$CLUSTER_NAME'" <<<"$ui_logs" && pass "UI connected to the cluster at start" || fail "UI never logged a connection"

# A stop must reach the JVM (exec chain) and finish well inside the grace
# period: exit 143 is SIGTERM handled, 137 would mean Docker had to SIGKILL.
t="$(now)"
docker stop -t 30 "$P-kafka-3" >/dev/null
took="$(secs "$t" "$(now)")"
exit_code="$(docker inspect -f '{{.State.ExitCode}}' "$P-kafka-3")"
k3_logs="$(docker logs "$P-kafka-3" 2>&1)"
if [ "$exit_code" = 143 ] && grep -q 'shut down completed' <<<"$k3_logs"; then
  pass "kafka-3 stopped cleanly in ${took}s (exit $exit_code, 'shut down completed' logged)"
else
  fail "kafka-3 stop: exit $exit_code after ${took}s"
  docker logs --tail 30 "$P-kafka-3" >&2 || true
fi
grep -q 'Controlled shutdown request returned successfully' <<<"$k3_logs" && pass "kafka-3 did a controlled shutdown" || fail "no controlled shutdown in kafka-3 logs"

printf 'after-stop\n' | docker exec -i "$P-kafka-1" /opt/kafka/bin/kafka-console-producer.sh \
  --bootstrap-server kafka-1:19092 --topic "$TOPIC" --producer-property acks=all \
  && pass "acks=all produce still works with one broker down" || fail "produce with one broker down"

t="$(now)"
docker stop -t 30 "$P-kafka-ui" >/dev/null
exit_code="$(docker inspect -f '{{.State.ExitCode}}' "$P-kafka-ui")"
[ "$exit_code" = 143 ] && pass "kafka-ui stopped on SIGTERM in $(secs "$t" "$(now)")s" || fail "kafka-ui exit $exit_code"

for n in 1 2; do docker stop -t 30 "$P-kafka-$n" >/dev/null; done
t="$(now)"
docker stop -t 30 "$P-zookeeper" >/dev/null
exit_code="$(docker inspect -f '{{.State.ExitCode}}' "$P-zookeeper")"
[ "$exit_code" = 143 ] && pass "zookeeper stopped on SIGTERM in $(secs "$t" "$(now)")s" || fail "zookeeper exit $exit_code"

if [ "$FAILURES" -eq 0 ]; then
  log "all checks passed"
else
  log "$FAILURES check(s) failed"
  exit 1
fi
