#!/usr/bin/env bash
# Capacity: how many concurrently active members the server holds on this machine within
# Mattermost's limits (average latency ≤ 100 ms, p99 ≤ 2 s, errors ≤ 0.025 %), release build,
# ramping up (500 members at a time by default; about 15 minutes) until a limit breaks. Each member keeps a live channel open,
# pulls when poked, reads, writes and votes at the rates of Mattermost's own simulated user, and
# has a push device at the local push service (see tests/src/bin/fabrique-loadgen/capacity.rs).
# The dataset is the foundation's (10,000 people in 5 groups each, 1,000 groups, 100,000 posts).
# Write limits are off (the load generator writes as thousands of people from one address).
#
#   ./scripts/bench-capacity.sh [sqlite | postgres | postgres-2] [max members, default 8000] [seconds per step, default 20] [members added per step, default 500]
#
# `postgres` and `postgres-2` (two `fabrique serve` instances on one database, the members
# spread over both) need PostgreSQL: FABRIQUE_BENCH_POSTGRES_URL names a server and a role
# that may create databases (default: the test suite's, postgres://fabrique_test:…@127.0.0.1/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
max=${2:-8000}
seconds=${3:-20}
step=${4:-500}
people=$(( max + 1 > 10000 ? max + 1 : 10000 ))
data=$(mktemp -d -t fabrique-capacity-XXXXXX)
push_port=18091
ports=(18088 18089)
servers=()
trap 'kill "${servers[@]}" "${service:-}" 2>/dev/null || true; rm -rf "$data"' EXIT
# Thousands of live channels: as many open files as this shell may have.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cargo build --release --locked --bin fabrique --bin fabrique-loadgen
case "$backend" in
    sqlite)
        database="sqlite:$data/fabrique.db"
        instances=1
        ./target/release/fabrique-loadgen seed --data-dir "$data" --people "$people" --groups $(( people / 10 ))
        ;;
    postgres | postgres-2)
        admin_url=${FABRIQUE_BENCH_POSTGRES_URL:-postgres://fabrique_test:fabrique_test@127.0.0.1:5432/postgres}
        name="fabrique_capacity_$$"
        psql -q "$admin_url" -c "CREATE DATABASE $name"
        trap 'kill "${servers[@]}" "${service:-}" 2>/dev/null || true; sleep 1; psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $name" || true; rm -rf "$data"' EXIT
        database="${admin_url%/*}/$name"
        instances=$([ "$backend" = postgres-2 ] && echo 2 || echo 1)
        ./target/release/fabrique-loadgen seed --data-dir "$data" --database-url "$database" --people "$people" --groups $(( people / 10 ))
        ;;
    *)
        echo "backend: sqlite, postgres or postgres-2" >&2
        exit 2
        ;;
esac

./target/release/fabrique-loadgen push-service --bind "127.0.0.1:$push_port" > "$data/push-service.log" 2>&1 &
service=$!
curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$push_port/stats"

args=()
for i in $(seq 0 $(( instances - 1 ))); do
    port=${ports[$i]}
    ./target/release/fabrique serve --write-limits off --push-allow-loopback --data-dir "$data" \
        --database-url "$database" --bind "127.0.0.1:$port" > "$data/server-$i.log" 2>&1 &
    servers+=($!)
    # Retried by curl until it answers (refused connections included), for a minute at most.
    curl -sf --retry 60 --retry-connrefused --retry-max-time 60 -o /dev/null "http://127.0.0.1:$port/health"
    args+=(--url "http://127.0.0.1:$port" --server-pid "${servers[$i]}")
done
echo "== $backend, $instances instance(s): server memory after seeding, idle: $(ps -o rss= -p "${servers[0]}" | awk '{printf "%.0f MB", $1/1024}')"
./target/release/fabrique-loadgen capacity "${args[@]}" --database-url "$database" \
    --push-service "http://127.0.0.1:$push_port" --max "$max" --step-seconds "$seconds" --start "$step" --step "$step"
