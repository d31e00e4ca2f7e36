//! uniffi's bindings generator, built from our pinned uniffi: `scripts/generate-bindings.sh` runs it.
fn main() {
    uniffi::uniffi_bindgen_main()
}
