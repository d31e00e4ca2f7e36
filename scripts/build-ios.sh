#!/usr/bin/env bash
# Builds the Rust core for iOS devices and simulators (Apple silicon and Intel) as
# ios/FabriqueCore/FabriqueCoreRust.xcframework, with the uniffi header and module map
# inside, writes the Swift bindings and types again, and the Xcode project with XcodeGen.
# Runs on a Mac with Xcode and rustup.
#
#   ./scripts/build-ios.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(uname)" = Darwin ] || { echo "The iOS build needs a Mac with Xcode." >&2; exit 1; }
profile=debug
flags=()
if [ "${1:-}" = --release ]; then profile=release; flags=(--release); fi

rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
    cargo build -p fabrique-shared --lib --locked --target "$target" "${flags[@]}"
done
# The bindings and types, from a host build of the same core.
./scripts/generate-bindings.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The headers of the framework: the uniffi C header and a module map named as the Swift bindings import it.
mkdir -p "$work/headers"
cp ios/FabriqueCore/Sources/FabriqueFFIBridge/include/FabriqueFFIBridge.h "$work/headers/"
cp ios/FabriqueCore/Sources/FabriqueFFIBridge/include/module.modulemap "$work/headers/module.modulemap"
# One library for both simulator architectures.
mkdir -p "$work/simulator"
lipo -create \
    "target/aarch64-apple-ios-sim/$profile/libfabrique_core.a" \
    "target/x86_64-apple-ios/$profile/libfabrique_core.a" \
    -output "$work/simulator/libfabrique_core.a"
framework=ios/FabriqueCore/FabriqueCoreRust.xcframework
rm -rf "$framework"
xcodebuild -create-xcframework \
    -library "target/aarch64-apple-ios/$profile/libfabrique_core.a" -headers "$work/headers" \
    -library "$work/simulator/libfabrique_core.a" -headers "$work/headers" \
    -output "$framework"

command -v xcodegen >/dev/null || brew install xcodegen
(cd ios && xcodegen generate)
echo "Built the core ($profile) into $framework; open ios/Fabrique.xcodeproj in Xcode."
