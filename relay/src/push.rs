//! A Web Push as the relay hands it on, and what APNs or FCM made of it: the words the
//! platforms' modules and the relay's front share.

use axum::body::Bytes;

/// What a push carries besides its body (RFC 8030 §5).
#[derive(Debug, Clone)]
pub struct WebPush {
    pub body: Bytes,
    /// Seconds the push service may keep it.
    pub ttl: u64,
    /// `very-low`, `low`, `normal` or `high`.
    pub urgency: String,
    /// Replaces a push with the same topic still waiting.
    pub topic: Option<String>,
}

/// What APNs or FCM made of a push, as the relay answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    Accepted,
    /// The token is unknown or no longer valid: the server forgets the device.
    Gone,
    /// Refused because of the request itself (not worth sending again).
    Refused(String),
    /// Later, after this many seconds.
    Later(u64),
}

/// Seconds to wait from a `Retry-After` header (seconds or an HTTP date), within bounds.
pub fn retry_after(headers: &reqwest::header::HeaderMap, default: u64) -> u64 {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(default)
        .clamp(1, 3600)
}
