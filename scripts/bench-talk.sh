#!/usr/bin/env bash
# Conversations and polls on the target federation (250,000 members, 1,000 groups, on
# SQLite), release build: messages sent one push at a time in a conversation of 50 people,
# then votes changed again and again by members of one group at once (p50, p99 of each).
#
#   ./scripts/bench-talk.sh [people, default 250000] [seconds of voting, default 10] [voters at once, default 4]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-250000}
seconds=${2:-10}
voters=${3:-4}
data=$(mktemp -d -t fabrique-talk-XXXXXX)
port=18092
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data" --people "$people" --posts 20000
du -sh "$data"
./target/release/fabrique serve --write-limits off --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
# Retried by curl until it answers (refused connections included), for a minute at most.
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
./target/release/fabrique-loadgen talk --url "http://127.0.0.1:$port" --people "$people" \
    --seconds "$seconds" --concurrency "$voters"
