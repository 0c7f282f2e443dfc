#!/usr/bin/env bash
# Test "hosts" for the multi-host e2e: Docker engines on this machine, each in a
# network namespace of its own with its own data root, exec root, pidfile and
# socket, joined by veth links on a bridge that only they, a client machine
# without an engine, and this machine sit on. No traffic leaves the machine.
#
#   e2e/docker/multihost.sh up [N]     create what is missing of hosts 1..N (default 3) and
#                                      the client machine; load the test images. `up 4` on
#                                      three running hosts adds a fourth and touches nothing else
#   e2e/docker/multihost.sh down       stop every engine, remove links, namespaces and data
#   e2e/docker/multihost.sh cut N      take host N's link down (the whole host is cut off)
#   e2e/docker/multihost.sh restore N  bring it back
#
# Host N (1..9): netns kc-host-N, address 10.77.0.(10+N), engine socket
# /run/kc-host-N/docker.sock. The client machine: netns kc-client, address
# 10.77.0.100, no engine (run clients there with `ip netns exec kc-client ...`).
# This machine is 10.77.0.1 on bridge kc-hosts0.
#
# Why nsenter and not `ip netns exec`: the latter remounts /sys for the namespace,
# and dockerd then finds no cgroup hierarchy ("Devices cgroup isn't mounted").
# Each inner engine manages iptables inside its own namespace (NAT for its
# containers, published ports), which nf_tables keeps apart per namespace.
#
# Env:
#   KC_HOSTS_IMAGES  images to load into every engine (default: the test images)
#   KC_IMAGE_PREFIX  prefix of the test images (default kafka-cluster-test)
set -euo pipefail

MAX_HOSTS=9
BRIDGE=kc-hosts0
SUBNET_PREFIX=10.77.0
CLIENT_NETNS=kc-client
CLIENT_ADDRESS="$SUBNET_PREFIX.100"
PREFIX="${KC_IMAGE_PREFIX:-kafka-cluster-test}"
IMAGES="${KC_HOSTS_IMAGES:-$PREFIX/kafka:3.9.1 $PREFIX/kafka:4.4.0 $PREFIX/zookeeper:3.9.4 $PREFIX/kafka-ui-standin:1.0}"
STATE=/var/lib/kc-hosts

say() { printf 'multihost: %s\n' "$*" >&2; }

netns() { echo "kc-host-$1"; }
run_dir() { echo "/run/kc-host-$1"; }
socket() { echo "unix://$(run_dir "$1")/docker.sock"; }
address() { echo "$SUBNET_PREFIX.$((10 + $1))"; }
outer_link() { echo "kc-host-$1"; }

engine_up() { docker -H "$(socket "$1")" info >/dev/null 2>&1; }

alive() {
  local pidfile="$1/docker.pid" pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]
}

bridge_up() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$SUBNET_PREFIX.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  # Docker on this machine sets FORWARD to DROP, and bridged frames pass through
  # iptables (br_netfilter): let the hosts' bridge forward among its own ports.
  iptables -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null || iptables -I FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
}

# A machine on the bridge: netns, veth link (its outer end named like the netns), address.
machine_up() {
  local ns="$1" addr="$2"
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  if ! ip link show "$ns" >/dev/null 2>&1; then
    ip link add "$ns" type veth peer name eth0 netns "$ns"
    ip link set "$ns" master "$BRIDGE"
    ip -n "$ns" addr add "$addr/24" dev eth0
  fi
  ip link set "$ns" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$SUBNET_PREFIX.1"
}

host_up() {
  local n="$1" ns dir
  ns="$(netns "$n")"
  dir="$(run_dir "$n")"
  machine_up "$ns" "$(address "$n")"
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
  mkdir -p "$dir" "$STATE/$n"
  if ! alive "$dir"; then
    say "starting the engine of host $n ($(address "$n"))"
    # setsid: the engine outlives this script and the session that ran it.
    setsid nsenter --net="/run/netns/$ns" dockerd \
      --data-root "$STATE/$n/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
      -H "$(socket "$n")" --containerd-namespace "kc-host-$n" --containerd-plugins-namespace "kc-host-$n-plugins" \
      --bip "172.31.$n.1/24" </dev/null >"$STATE/$n/dockerd.log" 2>&1 &
  fi
  for _ in $(seq 1 60); do
    engine_up "$n" && return 0
    sleep 1
  done
  say "the engine of host $n did not answer within 60 s; last log lines:"
  tail -20 "$STATE/$n/dockerd.log" >&2
  return 1
}

load_images() {
  local n="$1" missing=()
  for image in $IMAGES; do
    docker -H "$(socket "$n")" image inspect "$image" >/dev/null 2>&1 || missing+=("$image")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  say "loading ${missing[*]} into host $n"
  docker -H "$(socket "$n")" load -i "$STATE/images.tar" >/dev/null
}

# `ip` (iproute2) and `nsenter` (util-linux) are on a standard Debian machine; a
# minimal one may lack iproute2.
need_tools() {
  command -v ip >/dev/null && command -v nsenter >/dev/null && return 0
  say "installing iproute2 and util-linux from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 util-linux >/dev/null
}

# Hosts that have an engine's state, whatever `up` created them.
existing_hosts() {
  local n
  for n in $(seq 1 "$MAX_HOSTS"); do
    if [ -e "/run/netns/$(netns "$n")" ] || [ -d "$STATE/$n" ] || [ -d "$(run_dir "$n")" ]; then echo "$n"; fi
  done
}

up() {
  local count="${1:-3}"
  case "$count" in [1-9]) ;; *) echo "up takes a host count from 1 to $MAX_HOSTS, not '$count'" >&2; exit 2 ;; esac
  local hosts
  mapfile -t hosts < <(seq 1 "$count")
  need_tools
  bridge_up
  machine_up "$CLIENT_NETNS" "$CLIENT_ADDRESS"
  for n in "${hosts[@]}"; do host_up "$n"; done
  # One archive, saved once per image set; every engine loads from it.
  # shellcheck disable=SC2086  # IMAGES is a list of words
  local ids
  ids="$(docker image inspect -f '{{.Id}}' $IMAGES | sha256sum | cut -c1-16)"
  if [ "$(cat "$STATE/images.id" 2>/dev/null || true)" != "$ids" ]; then
    say "saving $IMAGES"
    # shellcheck disable=SC2086
    docker save -o "$STATE/images.tar" $IMAGES
    echo "$ids" >"$STATE/images.id"
  fi
  # Only the loads: a bare `wait` would also wait on the engines just started.
  local loads=()
  for n in "${hosts[@]}"; do
    load_images "$n" &
    loads+=($!)
  done
  for pid in "${loads[@]}"; do wait "$pid"; done
  for n in "${hosts[@]}"; do
    for image in $IMAGES; do docker -H "$(socket "$n")" image inspect "$image" >/dev/null; done
  done
  say "up: $(for n in "${hosts[@]}"; do printf 'host %s %s %s; ' "$n" "$(address "$n")" "$(socket "$n")"; done)client $CLIENT_ADDRESS (netns $CLIENT_NETNS)"
}

down() {
  local n
  for n in $(existing_hosts); do
    local dir pid
    dir="$(run_dir "$n")"
    if alive "$dir"; then
      pid="$(cat "$dir/docker.pid")"
      say "stopping the engine of host $n (pid $pid)"
      kill "$pid"
      for _ in $(seq 1 30); do [ -d "/proc/$pid" ] || break; sleep 1; done
    fi
    ip link del "$(outer_link "$n")" 2>/dev/null || true
    [ -e "/run/netns/$(netns "$n")" ] && ip netns del "$(netns "$n")"
    rm -rf "$dir" "${STATE:?}/$n"
  done
  ip link del "$CLIENT_NETNS" 2>/dev/null || true
  [ -e "/run/netns/$CLIENT_NETNS" ] && ip netns del "$CLIENT_NETNS"
  iptables -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null || true
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -rf "$STATE"
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  cut) ip link set "$(outer_link "${2:?host number}")" down ;;
  restore) ip link set "$(outer_link "${2:?host number}")" up ;;
  *) echo "usage: $0 up [N]|down|cut N|restore N" >&2; exit 2 ;;
esac
