#!/usr/bin/env bash
# Regenerates everything the shells take from the core, so they never hold stale copies:
#   - uniffi bindings of `CoreFFI` (Kotlin, Swift), from the built library;
#   - the types that cross it (events, effects, view model) with their bincode runtime
#     (Kotlin, Swift), from facet.
#
#   ./scripts/generate-bindings.sh          write into android/ and ios/
#   ./scripts/generate-bindings.sh --check  fail if what is committed there differs
#
# Output: android/core/src/generated/kotlin/ (packages org.fabrique.core.ffi and
# org.fabrique.core.types, plus com.novi.serde/bincode), ios/FabriqueCore/Sources/
# (FabriqueFFI + its C header module FabriqueFFIBridge) and ios/SharedTypes/.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [ "${1:-}" = --check ]; then check=true; fi

# The same build as the test suite (scripts/test.sh): nothing is rebuilt in between.
cargo build --workspace --lib --bins --tests --locked --quiet

out=.
if $check; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi

kotlin="$out/android/core/src/generated/kotlin"
swift_ffi="$out/ios/FabriqueCore/Sources"
rm -rf "$kotlin/org/fabrique/core/ffi" "$swift_ffi/FabriqueFFI" "$swift_ffi/FabriqueFFIBridge" "$out/ios/SharedTypes"
mkdir -p "$kotlin" "$swift_ffi/FabriqueFFI" "$swift_ffi/FabriqueFFIBridge/include"

library=target/debug/libfabrique_core.so
[ -f "$library" ] || library=target/debug/libfabrique_core.dylib
bindgen() { ./target/debug/uniffi-bindgen generate --library "$library" --config shared/uniffi.toml --no-format "$@"; }
bindgen --language kotlin --out-dir "$kotlin"
tmp_swift=$(mktemp -d)
bindgen --language swift --out-dir "$tmp_swift"
mv "$tmp_swift/FabriqueFFI.swift" "$swift_ffi/FabriqueFFI/"
mv "$tmp_swift/FabriqueFFIBridge.h" "$swift_ffi/FabriqueFFIBridge/include/"
mv "$tmp_swift/FabriqueFFIBridge.modulemap" "$swift_ffi/FabriqueFFIBridge/include/module.modulemap"
rm -rf "$tmp_swift"

./target/debug/codegen "$out"
# The generator also writes a Gradle file for a stand-alone library; our Gradle project has its own.
rm -f "$kotlin/build.gradle.kts"

if $check; then
    status=0
    for dir in android/core/src/generated ios/FabriqueCore/Sources ios/SharedTypes; do
        if ! diff -r -q "$out/$dir" "$dir"; then
            status=1
        fi
    done
    if [ "$status" != 0 ]; then
        echo "The shells' generated code is stale: run ./scripts/generate-bindings.sh and commit the result." >&2
        exit 1
    fi
    echo "Generated bindings and types are up to date."
fi
