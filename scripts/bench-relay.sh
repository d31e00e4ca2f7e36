#!/usr/bin/env bash
# The push relay forwarding signed Web Push to a local APNs stand-in, release build: pushes
# per second and per CPU second of the relay (target ≥ 5,000), the p99 it adds (target ≤ 5 ms),
# its memory at rest. The load generator and the stand-in on one core, the relay on the other.
#
#   ./scripts/bench-relay.sh [pushes, default 20000] [concurrency, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin fabrique-relay --bin fabrique-loadgen
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    # The relay, started by the load generator, inherits its core; it is moved to the other one.
    taskset -c 1 ./target/release/fabrique-loadgen relay --pushes "${1:-20000}" --concurrency "${2:-64}" &
    bench=$!
    sleep 1
    relay=$(pgrep -n -f "target/release/fabrique-relay" || true)
    [ -n "$relay" ] && taskset -pc 0 "$relay" >/dev/null
    wait "$bench"
else
    ./target/release/fabrique-loadgen relay --pushes "${1:-20000}" --concurrency "${2:-64}"
fi
