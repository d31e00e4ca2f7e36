//! Generates the shells' types (events, effects, view model) from the core with facet:
//! Kotlin into `<root>/android/core/src/generated/kotlin`, Swift into `<root>/ios/SharedTypes`.
//! `scripts/generate-bindings.sh` runs it; shells never edit what it writes.

use std::path::PathBuf;

use crux_core::type_generation::facet::{Config, TypeRegistry};
use fabrique_core::Fabrique;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let generator = TypeRegistry::new().register_app::<Fabrique>()?.build()?;
    generator
        .kotlin(&Config::builder("org.fabrique.core.types", root.join("android/core/src/generated/kotlin")).build())?;
    generator.swift(&Config::builder("SharedTypes", root.join("ios")).build())?;
    Ok(())
}
