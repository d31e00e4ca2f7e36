#!/usr/bin/env bash
# Writes on SQLite with every commit synced to disk (synchronous = FULL), release build, over
# the foundation's dataset (10,000 people, 1,000 groups, 100,000 posts): posts pushed one
# mutation per push by N devices at once, each mutation committed alone (--write-batch 1) and
# committed in groups (the default), then where the server's CPU goes while it writes
# (perf, software clock; the top functions by self time).
#
#   ./scripts/bench-writes.sh [seconds per phase, default 8] [devices, default "1 4 16"]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
levels=${2:-1 4 16}
data=$(mktemp -d -t fabrique-writes-XXXXXX)
port=18092
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data"
for batch in 1 64; do
    ./target/release/fabrique serve --write-limits off --write-batch "$batch" --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
    server=$!
    curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
    for devices in $levels; do
        echo "== --write-batch $batch, $devices devices at once"
        ./target/release/fabrique-loadgen run --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency "$devices" | grep -E "^post pushed"
    done
    if [ "$batch" = 64 ] && command -v perf >/dev/null; then
        echo "== where the server's CPU goes while 16 devices post (perf, self time)"
        perf record -q -e cpu-clock -F 999 -g -p "$server" -o "$data/perf.data" -- \
            ./target/release/fabrique-loadgen run --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency 16 >/dev/null 2>&1 || true
        perf report -q -i "$data/perf.data" --no-children --sort dso,symbol --percent-limit 1.5 --stdio -g none 2>/dev/null \
            | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | head -40 || true
    fi
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=
done
