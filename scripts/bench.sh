#!/usr/bin/env bash
# The foundation's benchmark: a release server on SQLite over a generated dataset
# (10,000 people, 1,000 groups, 100,000 posts), loaded by fabrique-loadgen over HTTP.
# Prints post and pull latencies (p50, p99) and throughput at each level of concurrency (pulls
# asked gzip-compressed, as the apps ask; the reader in 50 groups, then a member in 5), the
# size on the wire of the reader's pull of 100 items (plain, gzip, zstd), then the capacity:
# how many concurrently active members the server holds within Mattermost's limits
# (scripts/bench-capacity.sh, about 15 minutes; FABRIQUE_BENCH_CAPACITY=off leaves it out).
# The server's memory is printed at rest over the dataset, at its highest under the posts and
# pulls (tens of thousands of posts written) and at rest after them.
#
#   ./scripts/bench.sh [seconds per phase, default 10] [concurrency levels, default "1 8 16"]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
levels=${2:-1 8 16}
data=$(mktemp -d -t fabrique-bench-XXXXXX)
port=18088
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data"
./target/release/fabrique serve --write-limits off --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.2
done
memory() { awk -v field="$1:" '$1 == field { printf "%.0f MB", $2 / 1024 }' "/proc/$server/status"; }
code() { echo "$(memory RssFile) of it mapped from files, the program's code above all"; }
echo "== the server's memory at rest over the dataset: $(memory VmRSS) ($(code))"
for concurrency in $levels; do
    echo "== $concurrency concurrent clients"
    ./target/release/fabrique-loadgen run --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency "$concurrency"
done
echo "== the reader's pull of 100 items on the wire"
token=$(curl -sf "http://127.0.0.1:$port/v1/auth/sign-in" -H 'content-type: application/json' \
    -d '{"email": "reader@bench.fabrique", "password": "load-generator"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
for encoding in identity gzip zstd; do
    bytes=$(curl -sf -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/v1/sync/pull" \
        -H "authorization: Bearer $token" -H 'content-type: application/json' -H "accept-encoding: $encoding" \
        -d '{"limit": 100}')
    echo "$encoding: $bytes bytes"
done
sleep 5
echo "== the server's memory: $(memory VmHWM) at its highest under these loads, $(memory VmRSS) at rest after them ($(code))"
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
if [ "${FABRIQUE_BENCH_CAPACITY:-on}" != off ]; then
    echo "== capacity (SQLite)"
    ./scripts/bench-capacity.sh sqlite
fi
