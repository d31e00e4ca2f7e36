//! TLS for the local stand-ins of outside services (APNs, FCM): a certificate made for the
//! test (for `localhost` and 127.0.0.1), and a server that speaks HTTP/2 (ALPN `h2`) or
//! HTTP/1.1 over it, as the real ones do. The client under test is told to trust the
//! certificate ([`TestTls::certificate_pem`]); nothing else does.

use std::sync::Arc;

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

pub struct TestTls {
    /// The certificate, PEM: what the client under test adds to its roots.
    pub certificate_pem: String,
    acceptor: TlsAcceptor,
}

impl TestTls {
    pub fn new() -> TestTls {
        // Each with a name of its own: a client trusting several finds each one's issuer by name.
        let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .expect("the certificate's names");
        let name = format!("Fabrique test stand-in {}", uuid::Uuid::new_v4().simple());
        params.distinguished_name.push(rcgen::DnType::CommonName, name);
        let key_pair = rcgen::KeyPair::generate().expect("a key");
        let made = params.self_signed(&key_pair).expect("a test certificate");
        let certificate: CertificateDer<'static> = made.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_pair.serialize_der()));
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certificate], key)
            .expect("the certificate and its key");
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        TestTls { certificate_pem: made.pem(), acceptor: TlsAcceptor::from(Arc::new(config)) }
    }

    /// Serves `app` over TLS on `listener`, each connection in HTTP/2 or HTTP/1.1 as its
    /// client negotiated.
    pub fn serve(&self, listener: tokio::net::TcpListener, app: Router) {
        let acceptor = self.acceptor.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let (acceptor, app) = (acceptor.clone(), app.clone());
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else { return };
                    let service = TowerToHyperService::new(app);
                    let _ = Builder::new(TokioExecutor::new()).serve_connection(TokioIo::new(tls), service).await;
                });
            }
        });
    }
}

impl Default for TestTls {
    fn default() -> Self {
        TestTls::new()
    }
}
