//! The pull cursor: opaque to clients, a small base64url JSON document to the server.
//!
//! It records how far the client has read (`seq`), the scopes it holds in full (`known`),
//! and the scopes whose snapshot it is still receiving (`pending`). It holds no secret:
//! scopes are checked against the person's rights on every pull, so a forged cursor can
//! only make its holder miss or purge data, never see more.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorCode};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Cursor {
    /// Every change numbered up to here in the known scopes has been sent.
    pub seq: i64,
    pub known: Vec<String>,
    pub pending: Vec<Snapshot>,
}

/// A scope being sent for the first time, page by page in sequence order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    pub scope: String,
    /// Sent up to this sequence number.
    pub after: i64,
    /// The counter when the snapshot began: tombstones below it concern objects the client never had.
    pub start: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a cursor always serialises"))
    }

    pub fn decode(text: &str) -> Result<Cursor, ApiError> {
        let invalid = || {
            ApiError::bad_request(ErrorCode::InvalidCursor, "The sync cursor is not valid: start again without one.")
        };
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| invalid())?;
        serde_json::from_slice(&bytes).map_err(|_| invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_encoding() {
        let cursor = Cursor {
            seq: 42,
            known: vec!["person:x".into()],
            pending: vec![Snapshot { scope: "group:y".into(), after: 7, start: 40 }],
        };
        assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), cursor);
    }

    #[test]
    fn garbage_is_an_invalid_cursor_not_a_crash() {
        for text in ["", "%%%", "bm90IGpzb24", "eyJzZXEiOiJ4In0"] {
            assert!(Cursor::decode(text).is_err(), "{text}");
        }
    }
}
