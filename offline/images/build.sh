#!/usr/bin/env bash
# Builds the local test stand-ins for the images the program deploys:
#
#   kafka-cluster-test/base:bookworm-jre17       Debian bookworm minbase + OpenJDK 17 JRE
#   kafka-cluster-test/kafka:<KAFKA_VERSION>      stands in for apache/kafka:<KAFKA_VERSION>
#   kafka-cluster-test/kafka:<KAFKA4_VERSION>     stands in for apache/kafka:<KAFKA4_VERSION> (KRaft mode)
#   kafka-cluster-test/zookeeper:<ZK_VERSION>     stands in for zookeeper:<ZK_VERSION>
#   kafka-cluster-test/kafka-ui-standin:1.0       stands in for ghcr.io/kafbat/kafka-ui
#   kafka-cluster-test/logs-base:bookworm         Debian bookworm minbase + nginx, rsyslog, rsyslog-kafka
#   kafka-cluster-test/nginx:1.22.1               stands in for the official nginx image
#   kafka-cluster-test/nginx-log-shipper:8.2302.0 stands in for images/nginx-log-shipper
#
# No container registry is reachable from CI, so nothing is pulled: the root
# filesystem comes from Debian's archive (debootstrap) and the jars from Maven
# Central. The tags deliberately differ from the official names so a test image
# can never be mistaken for (or shadow) a real one.
#
# Each image carries a label with a hash of everything that went into it; when an
# image with that tag and hash already exists the step is skipped, so a warm run
# costs a few seconds. --force rebuilds everything.
#
# Needs root (debootstrap) and a running engine (see e2e/docker/ensure-dockerd.sh).
#
# Env:
#   KC_IMAGE_PREFIX    tag prefix                   (default kafka-cluster-test)
#   KC_IMAGES_WORKDIR  scratch space, ~1 GB         (default /var/tmp/kafka-cluster-images)
#   DEBIAN_MIRROR      archive for debootstrap      (default http://deb.debian.org/debian)
#   ZK_VERSION         ZooKeeper server version     (default 3.9.4)
#   KC_MAVEN_REPO      Maven local repository       (default Maven's own, ~/.m2/repository)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

PREFIX="${KC_IMAGE_PREFIX:-kafka-cluster-test}"
WORK="${KC_IMAGES_WORKDIR:-/var/tmp/kafka-cluster-images}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
KAFKA_VERSION=3.9.1
# KRaft mode's Kafka (the stack's default brokerImage with metadataMode kraft).
KAFKA4_VERSION=4.4.0
ZK_VERSION="${ZK_VERSION:-3.9.4}"
UI_VERSION=1.0
# The versions bookworm ships; build_logs_base checks the installed ones match.
NGINX_VERSION=1.22.1
RSYSLOG_VERSION=8.2302.0

BASE_TAG="$PREFIX/base:$SUITE-jre17"
KAFKA_TAG="$PREFIX/kafka:$KAFKA_VERSION"
KAFKA4_TAG="$PREFIX/kafka:$KAFKA4_VERSION"
ZK_TAG="$PREFIX/zookeeper:$ZK_VERSION"
UI_TAG="$PREFIX/kafka-ui-standin:$UI_VERSION"
LOGS_BASE_TAG="$PREFIX/logs-base:$SUITE"
NGINX_TAG="$PREFIX/nginx:$NGINX_VERSION"
SHIPPER_TAG="$PREFIX/nginx-log-shipper:$RSYSLOG_VERSION"

BASE_PACKAGES="openjdk-17-jre-headless,bash,netcat-openbsd,wget,procps,ca-certificates"
# Nginx and rsyslog with omkafka for the log pipeline: no JRE, its own minbase.
LOGS_PACKAGES="nginx,rsyslog,rsyslog-kafka,curl,procps"
HASH_LABEL="org.kafka-cluster-test.input-hash"

# A newer docker CLI without the buildx plugin (as installed on the CI machines,
# ahead of Debian's in PATH) refuses BuildKit builds outright; the classic
# builder works with every client and the local base image.
export DOCKER_BUILDKIT=0

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }

TIMINGS=()
timed() { # timed <label> <command...>
  local label="$1" t0 rc
  shift
  t0="$(now)"
  "$@" && rc=0 || rc=$?
  TIMINGS+=("$(printf '%-40s %8s%s' "$label" "$(elapsed "$t0")" "$([ "$rc" -eq 0 ] || echo '  FAILED')")")
  log "$label: $(elapsed "$t0")"
  return "$rc"
}

print_timings() {
  [ "${#TIMINGS[@]}" -gt 0 ] || return 0
  printf '\n%s\n' "step timings:" >&2
  printf '  %s\n' "${TIMINGS[@]}" >&2
}
trap print_timings EXIT

sha() { sha256sum | cut -c1-32; }

# Hash of a directory's files (paths and contents), independent of mtimes.
tree_hash() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha
}

image_hash_label() {
  docker image inspect --format "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null || true
}

up_to_date() { # up_to_date <tag> <hash>
  [ "$FORCE" -eq 0 ] && [ "$(image_hash_label "$1")" = "$2" ]
}

require_tools() {
  if ! docker info >/dev/null 2>&1; then
    echo "no Docker engine answering; run e2e/docker/ensure-dockerd.sh first" >&2
    exit 1
  fi
  local missing=()
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "missing: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  log "installing debootstrap from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
}

# A failed debootstrap can leave proc/sys mounted inside the target; removing
# the tree without unmounting first would reach into the host's /proc and /sys.
unmount_under() {
  local dir="$1" m
  [ -d "$dir" ] || return 0
  awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
    umount -l "$m" || true
  done
}

remove_tree() {
  unmount_under "$1"
  rm -rf --one-file-system "$1"
}

# ---------------------------------------------------------------- base image

# Imports a Debian minbase root filesystem with the given packages as an image.
debian_image() { # debian_image <tag> <hash> <packages> <label> [docker import --change ...]
  local tag="$1" hash="$2" packages="$3" label="$4" rootfs="$WORK/rootfs"
  shift 4
  ensure_debootstrap
  remove_tree "$rootfs"
  mkdir -p "$rootfs" "$WORK/debs"

  timed "debootstrap ($SUITE minbase + $label)" \
    debootstrap --variant=minbase --include="$packages" --cache-dir="$WORK/debs" \
      "$SUITE" "$rootfs" "$MIRROR" \
      >"$WORK/debootstrap.log" 2>&1 || {
    tail -n 30 "$WORK/debootstrap.log" >&2
    remove_tree "$rootfs"
    return 1
  }
  unmount_under "$rootfs"

  # The image never runs apt; package caches and docs only add size.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
         "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
         "$rootfs"/var/log/*.log "$rootfs"/var/cache/debconf/*-old
  : >"$rootfs/etc/machine-id"

  # docker import keeps no environment, so PATH has to be given here or every
  # Dockerfile that extends PATH would start from an empty one.
  timed "docker import $label" bash -c 'set -o pipefail
    rootfs="$1" tag="$2"
    shift 2
    tar -C "$rootfs" --numeric-owner -c . | docker import \
      --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "ENV LANG=C.UTF-8" "$@" - "$tag" >/dev/null' _ "$rootfs" "$tag" \
      --change "LABEL $HASH_LABEL=$hash" "$@" || return 1
  remove_tree "$rootfs"
}

build_base() {
  local hash="$1" arch
  arch="$(dpkg --print-architecture)"
  debian_image "$BASE_TAG" "$hash" "$BASE_PACKAGES" "JRE" \
    --change "ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch" --change 'CMD ["bash"]' || return 1

  # The kafka-ui stand-in needs jdk.httpserver, which not every JRE packaging has.
  local modules
  modules="$(docker run --rm --network none "$BASE_TAG" java --list-modules 2>&1 || true)"
  if ! grep -q '^jdk.httpserver@' <<<"$modules"; then
    printf '%s\n' "$modules" | tail -n 5 >&2
    echo "java does not run in $BASE_TAG, or lacks jdk.httpserver" >&2
    docker image rm -f "$BASE_TAG" >/dev/null 2>&1 || true
    return 1
  fi
}

build_logs_base() {
  local hash="$1" versions
  debian_image "$LOGS_BASE_TAG" "$hash" "$LOGS_PACKAGES" "nginx, rsyslog" --change 'CMD ["bash"]' || return 1
  # debootstrap installs whatever the archive holds; the tags promise these versions.
  versions="$(docker run --rm --network none "$LOGS_BASE_TAG" sh -c 'nginx -v 2>&1; rsyslogd -v | head -n 1; ls /usr/lib/x86_64-linux-gnu/rsyslog/omkafka.so /usr/lib/*/rsyslog/omkafka.so 2>/dev/null' || true)"
  if ! grep -q "nginx/$NGINX_VERSION" <<<"$versions" || ! grep -q "rsyslogd  *$RSYSLOG_VERSION" <<<"$versions" || ! grep -q omkafka.so <<<"$versions"; then
    printf '%s\n' "$versions" >&2
    echo "$LOGS_BASE_TAG does not hold nginx $NGINX_VERSION and rsyslog $RSYSLOG_VERSION with omkafka" >&2
    docker image rm -f "$LOGS_BASE_TAG" >/dev/null 2>&1 || true
    return 1
  fi
}

# ------------------------------------------------------------ derived images

mvn_libs() { # mvn_libs <pom> <outdir> [extra mvn args...]
  local pom="$1" out="$2" mvn_log="$WORK/mvn.log"
  shift 2
  mkdir -p "$out"
  # Maven prints colour codes even in quiet batch mode; keep its output for failures only.
  mvn -q -B ${KC_MAVEN_REPO:+"-Dmaven.repo.local=$KC_MAVEN_REPO"} \
    -f "$pom" "$@" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$out" -Dmdep.overWriteReleases=true >"$mvn_log" 2>&1 || {
    sed 's/\x1b\[[0-9;]*m//g' "$mvn_log" | tail -n 40 >&2
    return 1
  }
}

# Copies an image's source directory into a fresh build context, leaving out
# the pom (it only feeds mvn) and Java sources (compiled separately).
new_context() { # new_context <name> -> prints the context dir
  local ctx="$WORK/ctx/$1"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  tar -C "$HERE/$1" --exclude=pom.xml --exclude='*.java' -cf - . | tar -C "$ctx" -xf -
  echo "$ctx"
}

docker_build() { # docker_build <tag> <hash> <context> [base image]
  local out="$WORK/docker-build.log"
  docker build --label "$HASH_LABEL=$2" --build-arg "BASE_IMAGE=${4:-$BASE_TAG}" -t "$1" "$3" >"$out" 2>&1 || {
    tail -n 30 "$out" >&2
    return 1
  }
}

build_kafka() {
  local hash="$1" ctx
  ctx="$(new_context kafka)"
  timed "mvn kafka libs" mvn_libs "$HERE/kafka/pom.xml" "$ctx/libs"
  timed "docker build kafka" docker_build "$KAFKA_TAG" "$hash" "$ctx"
}

# Kafka 4: the same image recipe and launchers as 3.9, with kafka4/ laid over
# them (its jars, Log4j 2 configs, and the tools whose classes moved or are new).
build_kafka4() {
  local hash="$1" ctx
  ctx="$(new_context kafka)"
  rm -f "$ctx"/config/*log4j.properties
  tar -C "$HERE/kafka4" --exclude=pom.xml -cf - . | tar -C "$ctx" -xf -
  timed "mvn kafka4 libs" mvn_libs "$HERE/kafka4/pom.xml" "$ctx/libs"
  timed "docker build kafka4" docker_build "$KAFKA4_TAG" "$hash" "$ctx"
}

build_zookeeper() {
  local hash="$1" ctx
  ctx="$(new_context zookeeper)"
  timed "mvn zookeeper libs" mvn_libs "$HERE/zookeeper/pom.xml" "$ctx/libs" "-Dzookeeper.version=$ZK_VERSION"
  timed "docker build zookeeper" docker_build "$ZK_TAG" "$hash" "$ctx"
}

build_ui() {
  local hash="$1" ctx classes
  ctx="$(new_context kafka-ui-standin)"
  timed "mvn kafka-ui-standin libs" mvn_libs "$HERE/kafka-ui-standin/pom.xml" "$ctx/libs"
  classes="$WORK/ctx/kafka-ui-standin-classes"
  rm -rf "$classes"
  mkdir -p "$classes"
  # The base image carries only a JRE, so the stand-in is compiled here.
  timed "javac kafka-ui-standin" bash -c '
    javac -nowarn --release 17 -encoding UTF-8 -cp "$1/libs/*" -d "$2" "$3"/src/*.java &&
    jar --create --file "$1/kafka-ui-standin.jar" -C "$2" .' _ "$ctx" "$classes" "$HERE/kafka-ui-standin"
  timed "docker build kafka-ui-standin" docker_build "$UI_TAG" "$hash" "$ctx"
}

build_nginx() {
  timed "docker build nginx" docker_build "$NGINX_TAG" "$1" "$(new_context nginx)" "$LOGS_BASE_TAG"
}

build_shipper() {
  timed "docker build nginx-log-shipper" docker_build "$SHIPPER_TAG" "$1" "$(new_context nginx-log-shipper)" "$LOGS_BASE_TAG"
}

# --------------------------------------------------------------------- main

# An image on the base, rebuilt when the base, its version, its directory or its
# recipe changes; the hash is the one the image is labelled with.
build_service_image() { # build_service_image <tag> <version> "<dir>..." <build-function> <base-hash>
  local hash dir
  hash="$(printf '%s\n' "$5" "$2" "$(for dir in $3; do tree_hash "$HERE/$dir"; done)" \
    "$(declare -f "$4" new_context mvn_libs docker_build)" | sha)"
  if up_to_date "$1" "$hash"; then
    log "$1 is up to date"
  else
    log "building $1"
    "$4" "$hash"
  fi
}

main() {
  local t0 base_hash logs_hash
  t0="$(now)"
  require_tools
  mkdir -p "$WORK"

  # Function bodies are part of the hashes, so editing a recipe here rebuilds
  # exactly the images it affects.
  base_hash="$(printf '%s\n' "$SUITE" "$BASE_PACKAGES" "$(declare -f build_base debian_image)" | sha)"
  if up_to_date "$BASE_TAG" "$base_hash"; then
    log "$BASE_TAG is up to date"
  else
    log "building $BASE_TAG"
    timed "base image total" build_base "$base_hash"
  fi

  build_service_image "$KAFKA_TAG" "$KAFKA_VERSION" kafka build_kafka "$base_hash"
  build_service_image "$KAFKA4_TAG" "$KAFKA4_VERSION" "kafka kafka4" build_kafka4 "$base_hash"
  build_service_image "$ZK_TAG" "$ZK_VERSION" zookeeper build_zookeeper "$base_hash"
  build_service_image "$UI_TAG" "$UI_VERSION" kafka-ui-standin build_ui "$base_hash"

  logs_hash="$(printf '%s\n' "$SUITE" "$LOGS_PACKAGES" "$NGINX_VERSION" "$RSYSLOG_VERSION" "$(declare -f build_logs_base debian_image)" | sha)"
  if up_to_date "$LOGS_BASE_TAG" "$logs_hash"; then
    log "$LOGS_BASE_TAG is up to date"
  else
    log "building $LOGS_BASE_TAG"
    timed "logs base image total" build_logs_base "$logs_hash"
  fi
  build_service_image "$NGINX_TAG" "$NGINX_VERSION" nginx build_nginx "$logs_hash"
  build_service_image "$SHIPPER_TAG" "$RSYSLOG_VERSION" nginx-log-shipper build_shipper "$logs_hash"

  rm -rf "$WORK/ctx"
  # Rebuilt tags leave their previous images dangling.
  docker image prune -f --filter "label=$HASH_LABEL" >/dev/null 2>&1 || true
  TIMINGS+=("$(printf '%-40s %8s' "build.sh total" "$(elapsed "$t0")")")
  docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep "^$PREFIX/" >&2 || true
}

main
