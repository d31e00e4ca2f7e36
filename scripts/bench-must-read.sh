#!/usr/bin/env bash
# A must-read message to a federation of 250,000 people on SQLite, release build (issue 22):
# the time to write its deliveries, the reach's p50/p95 while "J'ai lu" arrives, and the mails
# queued per second once the delay is over, and the mails sent per second to an SMTP server
# on a local port by the server's own sender.
#
#   ./scripts/bench-must-read.sh [people, default 250000] [readers, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-250000}
readers=${2:-200}
data=$(mktemp -d -t fabrique-must-read-XXXXXX)
port=18091
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data" --people "$people" --groups 0 --posts 0
./target/release/fabrique serve --write-limits off --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
# Retried by curl until it answers (refused connections included), for a minute at most.
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
./target/release/fabrique-loadgen must-read --url "http://127.0.0.1:$port" --data-dir "$data" --readers "$readers"
echo "server memory: $(grep VmHWM /proc/$server/status)"
