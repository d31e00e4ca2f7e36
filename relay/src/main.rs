//! `fabrique-relay`: see `lib.rs`; `fabrique-relay --help` is the reference.

use clap::Parser;
use fabrique_relay::{Options, Relay};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let options = Options::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let relay = match Relay::new(&options) {
        Ok(relay) => relay,
        Err(error) => {
            eprintln!("fabrique-relay: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(options.bind).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("fabrique-relay: cannot listen on {}: {error}", options.bind);
            return std::process::ExitCode::FAILURE;
        }
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    tracing::info!(%address, "the relay is listening");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, relay.router()).with_graceful_shutdown(shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("fabrique-relay: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
