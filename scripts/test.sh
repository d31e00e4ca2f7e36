#!/usr/bin/env bash
# The whole test suite, with its own set-up: every test on SQLite, clippy, the generated bindings
# checked for drift, the apps' Swift and Kotlin sources checked, the Kotlin bridge under JUnit on the JVM, then every Rust test again on
# PostgreSQL (installed and started here when missing; a fresh database per test).
#
#   ./scripts/test.sh
#
# FABRIQUE_TEST_POSTGRES_URL: use this PostgreSQL server instead of the local one
# (e.g. postgres://user:password@host:5432/postgres). Outside CI,
# FABRIQUE_SKIP_POSTGRES=1 runs the SQLite pass only.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

# A clean clone's build gains nothing from incremental compilation, whose files would about
# double the size of the target directory on a machine whose disk is shared.
if [ "${CI:-}" = true ]; then
    export CARGO_INCREMENTAL=0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

start_local_postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        say "Installing PostgreSQL (Debian packages)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    fi
    local version
    version=$(ls /etc/postgresql | sort -n | tail -n 1)
    if [ -z "$version" ]; then
        as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -n 1)" main
        version=$(ls /etc/postgresql | sort -n | tail -n 1)
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        say "Starting PostgreSQL $version"
        as_root pg_ctlcluster "$version" main start
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -h 127.0.0.1 -p 5432
    # A role for the tests, allowed to create a database per test.
    as_root su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fabrique_test') THEN CREATE ROLE fabrique_test LOGIN CREATEDB PASSWORD 'fabrique_test'; END IF; END \\\$\\\$;\""
    # Forget the databases of earlier runs.
    as_root su postgres -c "psql -qAt -c \"SELECT datname FROM pg_database WHERE datname LIKE 'fabrique\\_test\\_%'\"" |
        while read -r name; do as_root su postgres -c "dropdb --if-exists $name"; done
    export FABRIQUE_TEST_POSTGRES_URL="postgres://fabrique_test:fabrique_test@127.0.0.1:5432/postgres"
}

# The console's stories drive a real headless Chromium through chromedriver (Debian packages).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "Installing Chromium and ChromeDriver (Debian packages) for the console's browser tests"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# One build of everything (tests included, so dev-dependency features are settled once):
# the test runs, the binding generators and the Kotlin test then reuse it without rebuilding.
say "Building"
cargo build --workspace --lib --bins --tests --locked

say "Tests on SQLite (server, core, and the headless phones' stories)"
cargo test --workspace --locked

say "Lints (clippy, every warning an error) and formatting (rustfmt)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo fmt --all --check

say "The shells' generated bindings and types match the core"
./scripts/generate-bindings.sh --check

say "The iOS and Android apps' sources (syntax, C header, labels in French and English)"
./scripts/check-shells.sh

say "The Android core bridge on the JVM (kotlinc + JUnit, real library, real server)"
./scripts/test-kotlin.sh

if [ "${FABRIQUE_SKIP_POSTGRES:-}" = 1 ] && [ "${CI:-}" != true ]; then
    say "PostgreSQL pass skipped (FABRIQUE_SKIP_POSTGRES=1)"
    exit 0
fi
if [ -z "${FABRIQUE_TEST_POSTGRES_URL:-}" ]; then
    start_local_postgres
fi
say "Tests on PostgreSQL"
FABRIQUE_TEST_DATABASE_URL="$FABRIQUE_TEST_POSTGRES_URL" cargo test --workspace --locked
