//! How HTTP connections are accepted and served: what `axum::serve` does, over HTTP/1.1
//! only.
//!
//! Every member's app keeps a live channel open (`GET /v1/sync/events`) for as long as it
//! runs, and apps keep their connections for the next request, so a server holds thousands
//! of connections at once. `axum::serve` first reads a connection's opening bytes to tell
//! HTTP/1.1 from HTTP/2 and hands them back to hyper ahead of the rest; hyper's read buffer
//! then grows from 8 KB to 16 KB to take the request after them, and keeps that size for the
//! connection's life. Served as HTTP/1.1 from the first byte, a live channel costs 19 KB
//! instead of 24 and a connection kept after a pull 14 KB instead of 18 (measured with 2,000
//! of each, `docs/performance.md`). Apps and browsers reach the server through a TLS reverse
//! proxy or a load balancer, which may speak HTTP/2 to them and speaks HTTP/1.1 to it (README).

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a connection may wait between requests, or take to send a request's headers.
pub const IDLE: Duration = Duration::from_secs(30);

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting and lets
/// the connections finish what they are answering (live channels end on their own: their
/// pokes stop with the server).
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()> + Send + 'static) {
    let mut builder = http1::Builder::new();
    // A connection that sends no request for this long is closed: one kept open between
    // requests and no longer used, or one that sends its headers a byte at a time to hold the
    // server's memory. A live channel is an answer being written, never idle. (A reverse proxy
    // that keeps connections to the server must let them go sooner: README.)
    builder.timer(TokioTimer::new()).header_read_timeout(IDLE);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    accept_failed(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // As `into_make_service_with_connect_info`: handlers may ask for the peer's address.
        let service = router.clone().map_request(move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            request
        });
        let connection =
            graceful.watch(builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::trace!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// A connection that failed while being accepted concerns that connection only; anything else
/// (out of file descriptors, most often) is waited out, as `axum::serve` does.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(error.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset) {
        return;
    }
    tracing::error!(%error, "could not accept a connection; trying again in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
