//! The `fabrique` binary: parses the command line and hands over to the library.

use clap::Parser;
use fabrique_server::config::Cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    fabrique_server::cli::run(Cli::parse()).await
}
