#!/usr/bin/env bash
# Writes on SQLite with every commit synced to disk (synchronous = FULL), release build, over
# the foundation's dataset (10,000 people, 1,000 groups, 100,000 posts): posts pushed one
# mutation per push by N devices at once, each mutation committed alone (--write-batch 1) and
# committed in groups (the default), then where the server's CPU goes while it writes
# (perf, software clock; the top functions by self time), then where a batch's time goes:
# inside SQLite (each statement timed by sqlx on SQLite's thread, the commit by the writer) and
# around it (the hand-offs to that thread and back, the transaction's start).
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
        # Recorded while the posts are pushed only: the load generator's run goes on with pulls.
        ./target/release/fabrique-loadgen run --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency 16 > "$data/run.log" 2>&1 &
        run=$!
        until grep -q "^first sync" "$data/run.log" || ! kill -0 "$run" 2>/dev/null; do sleep 0.05; done
        perf record -q -e cpu-clock -F 999 -g -p "$server" -o "$data/perf.data" -- sleep "$seconds" >/dev/null 2>&1 || true
        wait "$run" || true
        perf report -q -i "$data/perf.data" --no-children --sort dso,symbol --percent-limit 1.5 --stdio -g none 2>/dev/null \
            | sed -E 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//' | head -40 || true
    fi
    kill "$server"
    wait "$server" 2>/dev/null || true
    server=
done

echo "== where a batch's time goes while 16 devices post (statements timed on SQLite's thread)"
RUST_LOG=warn,sqlx::query=debug,fabrique_server::sync::writer=debug ./target/release/fabrique serve --write-limits off \
    --data-dir "$data" --bind "127.0.0.1:$port" > "$data/server.log" 2>&1 &
server=$!
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
./target/release/fabrique-loadgen run --url "http://127.0.0.1:$port" --seconds "$seconds" --concurrency 16 | grep -E "^post pushed"
kill "$server"
wait "$server" 2>/dev/null || true
server=
# The writer's own statements: each mutation's opening (the client's row, its savepoint, the
# post), the batch's change log and its counter; the commit as the writer timed it (its round
# trip to SQLite's thread included, so "inside" is a little generous).
sed -E 's/\x1b\[[0-9;]*m//g' "$data/server.log" | awk '
    function ms(v) {
        if (v ~ /ms$/) return v + 0
        if (v ~ /µs$/ || v ~ /us$/) return v / 1000
        if (v ~ /ns$/) return v / 1e6
        return v * 1000
    }
    function field(name,    i) {
        for (i = 1; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2)
        return ""
    }
    /batch committed/ { batches++; posts += field("mutations"); total += ms(field("elapsed")); commit += ms(field("committing")); next }
    /summary="INSERT INTO sync_clients/ { opening += ms(field("elapsed")); next }
    /summary="INSERT INTO sync_log/ || /summary="UPDATE sync_counter/ { changes += ms(field("elapsed")); next }
    END {
        if (batches == 0) { print "no batch logged"; exit 1 }
        inside = opening + changes + commit
        printf "%d batches of %.1f posts on average, %.2f ms each: %.2f ms inside SQLite (the posts %.2f, the change log %.2f, the commit %.2f), %.2f ms around it\n", \
            batches, posts / batches, total / batches, inside / batches, opening / batches, changes / batches, commit / batches, (total - inside) / batches
        printf "a post: %.0f µs of the writer'"'"'s time, %.0f µs of it inside SQLite\n", total / posts * 1000, inside / posts * 1000
    }'
