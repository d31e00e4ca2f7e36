#!/usr/bin/env bash
# The administrators' console over a large federation on SQLite, release build: 250,000
# people in 2,500 associations, 1,000 groups, 100,000 posts, 40 days of activity counters,
# 100,000 audit lines, 2,000 moderation cases; each page timed as the federation
# administrator (p50, p95).
#
#   ./scripts/bench-console.sh [people, default 250000] [requests per page, default 50]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-250000}
requests=${2:-50}
data=$(mktemp -d -t fabrique-console-XXXXXX)
port=18090
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data" --people "$people" --posts 100000
./target/release/fabrique-loadgen console-seed --data-dir "$data"
du -sh "$data"
./target/release/fabrique serve --write-limits off --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
# Retried by curl until it answers (refused connections included), for a minute at most.
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
./target/release/fabrique-loadgen console --url "http://127.0.0.1:$port" --requests "$requests"
