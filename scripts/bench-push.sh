#!/usr/bin/env bash
# One notification fanned out to 10,000 devices at the local push service, release build:
# wall seconds, and the server's CPU seconds (target: ≥ 4,000 deliveries per CPU second).
#
#   ./scripts/bench-push.sh [devices, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
devices=${1:-10000}
data=$(mktemp -d -t fabrique-push-XXXXXX)
push_port=18091
port=18090
trap 'kill "${server:-}" "${service:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
# The push service on one core, the server on the other: "per core" means what it says.
core0="" core1=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then core0="taskset -c 0" core1="taskset -c 1"; fi
$core1 ./target/release/fabrique-loadgen push-service --bind "127.0.0.1:$push_port" &
service=$!
# Retried by curl until it answers (refused connections included), for a minute at most.
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$push_port/stats"
./target/release/fabrique-loadgen push-seed --data-dir "$data" --subscriptions "$devices" --push-service "http://127.0.0.1:$push_port"
$core0 ./target/release/fabrique serve --write-limits off --push-allow-loopback --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
# Retried by curl until it answers (refused connections included), for a minute at most.
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
./target/release/fabrique-loadgen push-fanout --url "http://127.0.0.1:$port" --push-service "http://127.0.0.1:$push_port" \
    --server-pid "$server" --expected "$devices"
