#!/usr/bin/env bash
# Builds the Rust core for the Android ABIs the app ships (arm64-v8a, armeabi-v7a, x86_64)
# into android/app/src/main/jniLibs with cargo-ndk, and writes the bindings and types again.
# Needs the Android NDK (ANDROID_NDK_HOME, or the one Android Studio installed) and the
# Rust targets; run it on the machine that builds the app, before Gradle.
#
#   ./scripts/build-android.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
flags=()
if [ "${1:-}" = --release ]; then profile=release; flags=(--release); fi

if [ -z "${ANDROID_NDK_HOME:-}" ]; then
    for sdk in "${ANDROID_HOME:-}" "$HOME/Library/Android/sdk" "$HOME/Android/Sdk"; do
        if [ -n "$sdk" ] && [ -d "$sdk/ndk" ]; then
            ANDROID_NDK_HOME="$sdk/ndk/$(ls "$sdk/ndk" | sort -V | tail -1)"
            break
        fi
    done
fi
[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "No Android NDK: install it from Android Studio (SDK Manager → SDK Tools → NDK) or set ANDROID_NDK_HOME." >&2; exit 1; }
export ANDROID_NDK_HOME

rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
command -v cargo-ndk >/dev/null || cargo install cargo-ndk --locked

cargo ndk -t arm64-v8a -t armeabi-v7a -t x86_64 -o android/app/src/main/jniLibs \
    build -p fabrique-shared --lib --locked "${flags[@]}"
./scripts/generate-bindings.sh
echo "Built the core ($profile) into android/app/src/main/jniLibs; open android/ in Android Studio."
