//! E-mail (DESIGN.md §6b): what must reach people outside the app (invitations, password
//! reset). SMTP through `lettre`, configured by `--smtp-url` and `--mail-from`.
//!
//! A mail is written to the outbox ([`queue`]) in the same transaction as its cause, as a
//! whole RFC 5322 message (text and HTML, in the person's language); [`sender`] sends it,
//! retries with backoff and records what came of it. A cause (`reset:<id>`,
//! `invitation:<id>`) is unique in the outbox: it is never mailed twice. A message may carry a
//! one-time link, so it is kept only until it is sent; what stays is who, what kind, when.
//! Without SMTP configured nothing is queued: the console shows the links to pass on.

pub mod messages;
pub mod sender;

use std::fmt;

use chrono::Utc;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{Message, Tokio1Executor};

use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::exec;

/// How mails leave: the SMTP server and the sender's address.
#[derive(Clone)]
pub struct MailConfig {
    /// `smtp://`, `smtps://`, with credentials (see `fabrique serve --help`); never printed.
    smtp_url: String,
    pub from: Mailbox,
}

/// The URL may hold a password: never print it.
impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig").field("smtp_url", &"[redacted]").field("from", &self.from.to_string()).finish()
    }
}

impl MailConfig {
    /// Checks the SMTP URL and the sender; without `from`, `Fabrique <noreply@HOST>` where
    /// HOST is the public address's.
    pub fn new(smtp_url: &str, from: Option<&str>, public_url: &str) -> Result<MailConfig, String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("the SMTP URL is not valid (smtp://…, smtps://…): {e}"))?;
        let from = match from {
            Some(from) => from.parse::<Mailbox>().map_err(|e| format!("the sender's address is not valid: {e}"))?,
            None => {
                let host = url::Url::parse(public_url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .filter(|h| h.contains('.') && h.parse::<std::net::IpAddr>().is_err())
                    .unwrap_or_else(|| "localhost.localdomain".into());
                format!("Fabrique <noreply@{host}>").parse::<Mailbox>().map_err(|e| e.to_string())?
            }
        };
        Ok(MailConfig { smtp_url: smtp_url.to_owned(), from })
    }

    pub fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.smtp_url).map_err(|e| e.to_string())?.build())
    }

    fn domain(&self) -> &str {
        self.from.email.domain()
    }
}

/// A mail ready to be queued: both bodies already written in the recipient's language.
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A one-click unsubscribe address (RFC 8058), for mails people chose to get (digests).
    pub unsubscribe: Option<String>,
}

/// Writes a mail to the outbox in `tx`, the transaction of its cause. `false` when this cause
/// was already queued (it is not mailed twice).
pub async fn queue(tx: &mut Tx, config: &MailConfig, cause: &str, kind: &str, mail: Outgoing) -> ApiResult<bool> {
    let to: Mailbox =
        mail.to.parse().map_err(|e| ApiError::internal(format!("a mail's recipient is not an address: {e}")))?;
    let mut message = Message::builder()
        .from(config.from.clone())
        .to(to)
        .subject(mail.subject)
        .message_id(Some(format!("<{}@{}>", uuid::Uuid::now_v7().simple(), config.domain())))
        .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
        .map_err(|e| ApiError::internal(format!("a mail could not be built: {e}")))?;
    if let Some(address) = &mail.unsubscribe {
        // RFC 2369 and RFC 8058: mail clients offer "unsubscribe", which posts to it at once.
        let headers = message.headers_mut();
        headers
            .insert_raw(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{address}>")));
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".into(),
        ));
    }
    let now = Utc::now();
    let inserted = exec!(
        tx,
        sqlx::query(
            "INSERT INTO mail_outbox (cause, kind, recipient, message, state, not_before, created_at) \
             VALUES ($1, $2, $3, $4, 'waiting', $5, $5) ON CONFLICT (cause) DO NOTHING"
        )
        .bind(cause)
        .bind(kind)
        .bind(&mail.to)
        .bind(message.formatted())
        .bind(now)
    )?;
    Ok(inserted > 0)
}
