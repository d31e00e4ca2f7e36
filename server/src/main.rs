//! The `fabrique` binary: parses the command line and hands over to the library.

use clap::Parser;

/// Many small allocations per request (rows, JSON): mimalloc serves them faster than the
/// system allocator (measured with the load generator; see the foundation issue's note).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use fabrique_server::config::Cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    fabrique_server::cli::run(Cli::parse()).await
}
