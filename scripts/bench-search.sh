#!/usr/bin/env bash
# Search over a generated federation on SQLite, release build: 1,000,000 posts in 1,000
# groups, searched by a person in 50 groups, for a common term and a rare one (p50, p95).
#
#   ./scripts/bench-search.sh [posts, default 1000000] [queries per term, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-1000000}
queries=${2:-200}
data=$(mktemp -d -t fabrique-search-XXXXXX)
port=18089
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data" --posts "$posts"
du -sh "$data"
./target/release/fabrique serve --write-limits off --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
# Retried by curl until it answers (refused connections included), for a minute at most.
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
./target/release/fabrique-loadgen search --url "http://127.0.0.1:$port" --queries "$queries"
