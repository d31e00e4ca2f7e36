#!/usr/bin/env bash
# Erasing accounts in a federation of 250,000 people on SQLite, release build (issue 24): how
# long each erasure holds the writer (it reads the change log for every line naming the person
# and writes them again), for the most prolific authors.
#
#   ./scripts/bench-erasure.sh [people, default 250000] [groups, default 2000] [posts, default 250000]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-250000}
groups=${2:-2000}
posts=${3:-250000}
data=$(mktemp -d -t fabrique-erasure-XXXXXX)
trap 'rm -rf "$data"' EXIT

cargo build --release --locked --bin fabrique-loadgen
./target/release/fabrique-loadgen seed --data-dir "$data" --people "$people" --groups "$groups" --posts "$posts"
./target/release/fabrique-loadgen erase --data-dir "$data" --people 5
