//! A real SMTP server on 127.0.0.1 (an embedded one, on a port of its own) that keeps what
//! it received; mails are read back as a mail client would (MIME decoded). Recipients can be
//! refused for good (550, a mailbox that does not exist), and each mail slowed down, so that
//! a story can stop the server in the middle of a round.

use std::collections::HashSet;
use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mail_parser::MessageParser;
use mailin_embedded::{Handler, Response, Server, response};

/// One mail as it arrived: the envelope and the whole message.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub message: Vec<u8>,
}

/// What a mail says, read by a MIME parser.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    /// `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 2369, RFC 8058), as sent.
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
}

impl Received {
    pub fn read(&self) -> Mail {
        let parsed = MessageParser::default().parse(&self.message).expect("a mail that parses");
        Mail {
            to: parsed.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned(),
            from: parsed.from().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned(),
            subject: parsed.subject().unwrap_or_default().to_owned(),
            text: parsed.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: parsed.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            message_id: parsed.message_id().unwrap_or_default().to_owned(),
            list_unsubscribe: parsed.header_raw("List-Unsubscribe").map(|v| v.trim().to_owned()),
            list_unsubscribe_post: parsed.header_raw("List-Unsubscribe-Post").map(|v| v.trim().to_owned()),
        }
    }
}

impl Mail {
    /// The first link in the text that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        let start = self.text.find(prefix).unwrap_or_else(|| panic!("a link {prefix}… in {}", self.text));
        self.text[start..].split_whitespace().next().unwrap_or_default().to_owned()
    }
}

#[derive(Default)]
struct Shared {
    received: Vec<Received>,
    refused: HashSet<String>,
    delay: Duration,
}

#[derive(Clone)]
struct Sink {
    shared: Arc<Mutex<Shared>>,
    current: Option<Received>,
}

impl Handler for Sink {
    fn rcpt(&mut self, to: &str) -> Response {
        let refused = self.shared.lock().unwrap().refused.contains(&to.to_lowercase());
        if refused { response::NO_MAILBOX } else { response::OK }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Some(Received { from: from.to_owned(), to: to.to_vec(), message: Vec::new() });
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(current) = &mut self.current {
            current.message.extend_from_slice(buf);
        }
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let delay = self.shared.lock().unwrap().delay;
        std::thread::sleep(delay);
        if let Some(mail) = self.current.take() {
            self.shared.lock().unwrap().received.push(mail);
        }
        response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }
}

/// The SMTP server; it runs until the test process ends.
pub struct MailServer {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl MailServer {
    pub fn start() -> MailServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port for SMTP");
        // Accepted connections inherit it on Linux: replies leave at once.
        socket2::SockRef::from(&listener).set_tcp_nodelay(true).expect("TCP_NODELAY");
        let port = listener.local_addr().expect("an address").port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let mut server = Server::new(Sink { shared: shared.clone(), current: None });
        server.with_name("mail.test").with_num_threads(4).with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve().map_err(|e| eprintln!("the test SMTP server stopped: {e}"));
        });
        MailServer { port, shared }
    }

    /// `smtp://127.0.0.1:PORT`: for `--smtp-url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Mails to this address are refused for good (550).
    pub fn refuse(&self, address: &str) {
        self.shared.lock().unwrap().refused.insert(address.to_lowercase());
    }

    /// Each mail takes this long to be accepted.
    pub fn slow_down(&self, delay: Duration) {
        self.shared.lock().unwrap().delay = delay;
    }

    /// How many mails arrived (without copying them).
    pub fn count(&self) -> usize {
        self.shared.lock().unwrap().received.len()
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.lock().unwrap().received.clone()
    }

    /// The mails to `address`, read.
    pub fn to(&self, address: &str) -> Vec<Mail> {
        self.received()
            .iter()
            .filter(|r| r.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .map(Received::read)
            .collect()
    }

    /// Waits until `count` mails have arrived in all.
    pub async fn until(&self, count: usize, within: Duration) {
        let deadline = tokio::time::Instant::now() + within;
        while self.count() < count {
            assert!(
                tokio::time::Instant::now() < deadline,
                "{count} mails expected within {within:?}, {} arrived",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The mails to `address` whose text holds `words`, read.
    pub fn to_saying(&self, address: &str, words: &str) -> Vec<Mail> {
        self.to(address).into_iter().filter(|m| m.text.contains(words)).collect()
    }

    /// Waits for the first mail to `address` whose text holds `words`.
    pub async fn first_to(&self, address: &str, words: &str, within: Duration) -> Mail {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(mail) = self.to_saying(address, words).into_iter().next() {
                return mail;
            }
            assert!(tokio::time::Instant::now() < deadline, "no mail to {address} saying {words:?} within {within:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
