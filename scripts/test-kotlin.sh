#!/usr/bin/env bash
# The Android shell's Kotlin that does not need Android (the `Core` loop and its effect
# handlers), compiled with kotlinc with the generated bindings and types, and run under
# JUnit on the desktop JVM against the real Rust library and a real `fabrique` server.
#
#   ./scripts/test-kotlin.sh      (after `cargo build --workspace --lib --bins --tests`; scripts/test.sh does both)
#
# Installs what it needs when missing: kotlinc (npm package kotlin-compiler, kept in
# .tools/), JNA and JUnit 4 (Debian packages). A missing tool is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

KOTLIN_VERSION=2.4.20
tools=.tools
kotlin_home="$tools/kotlin-compiler-$KOTLIN_VERSION"
if [ ! -x "$kotlin_home/bin/kotlinc" ]; then
    say "Installing kotlinc $KOTLIN_VERSION (npm package kotlin-compiler)"
    mkdir -p "$tools"
    (cd "$tools" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
    rm -rf "$kotlin_home.partial" && mkdir -p "$kotlin_home.partial"
    tar -xzf "$tools/kotlin-compiler-$KOTLIN_VERSION.tgz" -C "$kotlin_home.partial" --strip-components=1
    rm -f "$tools/kotlin-compiler-$KOTLIN_VERSION.tgz"
    chmod +x "$kotlin_home.partial/bin/"*
    mv "$kotlin_home.partial" "$kotlin_home"
fi
java_jars=/usr/share/java
if [ ! -f "$java_jars/jna.jar" ] || [ ! -f "$java_jars/junit4.jar" ] || [ ! -f "$java_jars/hamcrest-core.jar" ]; then
    say "Installing JNA and JUnit 4 (Debian packages)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java junit4 >/dev/null
fi
command -v java >/dev/null || { echo "Java 17 is needed (Debian package openjdk-17-jdk-headless)" >&2; exit 1; }

for built in target/debug/libfabrique_core.so target/debug/fabrique; do
    [ -f "$built" ] || { echo "$built is missing: run cargo build --workspace --lib --bins --tests first" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

say "Compiling the Kotlin core bridge and its tests"
classpath="$java_jars/jna.jar:$java_jars/junit4.jar:$java_jars/hamcrest-core.jar"
"$kotlin_home/bin/kotlinc" -nowarn -jvm-target 17 -cp "$classpath" -d "$work/classes" \
    android/core/src/generated/kotlin/org android/core/src/generated/kotlin/com \
    android/core/src/main/kotlin android/core/src/test/kotlin

say "Starting a fabrique server with the demo data"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
target/debug/fabrique serve --demo --bind "127.0.0.1:$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
sign_in=$(grep -o 'Sign in as [^ ]* with the password "[^"]*"' "$work/server.log")
email=$(sed -E 's/Sign in as ([^ ]*) with.*/\1/' <<<"$sign_in")
password=$(sed -E 's/.*password "([^"]*)"/\1/' <<<"$sign_in")

say "Running the JUnit tests against the Rust library and the server"
FABRIQUE_URL="http://127.0.0.1:$port" FABRIQUE_EMAIL="$email" FABRIQUE_PASSWORD="$password" \
    java -Djna.library.path=target/debug \
    -cp "$work/classes:$kotlin_home/lib/kotlin-stdlib.jar:$classpath" \
    org.junit.runner.JUnitCore org.fabrique.core.CoreTest org.fabrique.core.PushDecryptTest org.fabrique.core.ProtectedKeyValueStoreTest
