//! The pull cursor: opaque to clients, a small base64url JSON document to the server.
//!
//! It records how far the client has read (`seq`), up to which change number it has taken
//! the person's scopes into account (`at` for grants, `purged` for revocations), and the
//! round of snapshots under way for scopes granted since (`round`). It never lists the
//! scopes themselves: each row of `person_scopes` carries the number of its last grant or
//! revocation, so a cursor stays about a hundred bytes whatever the number of groups.
//!
//! It holds no secret: scopes are checked against the person's rights on every pull, so a
//! forged cursor can only make its holder miss or purge data, never see more.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorCode};

/// The cursor's format number, written in every cursor.
const FORMAT: u8 = 2;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cursor {
    v: u8,
    /// Every change numbered up to here in the known scopes has been sent.
    pub seq: i64,
    /// Scopes granted up to this number are known (sent in full); -1 before any.
    pub at: i64,
    /// Revocations and grants again up to this number have been purged.
    #[serde(rename = "p")]
    pub purged: i64,
    /// Scopes granted after `at` being sent, if any.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub round: Option<Round>,
}

/// The snapshots of the scopes granted in `(at, to]`, one after the other in the order of
/// their names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Round {
    pub to: i64,
    /// The scopes up to this name are sent in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<String>,
    /// The scope being sent, if a page ended within it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Snapshot>,
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

/// The first format (until December 2026), which listed every scope the device held: read
/// once, when a device that was up to date pulls after the server's update.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ListingCursor {
    pub seq: i64,
    pub known: Vec<String>,
    pub pending: Vec<Snapshot>,
}

/// A cursor as a device sent it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Received {
    Current(Cursor),
    Listing(ListingCursor),
}

impl Default for Cursor {
    /// A device that holds nothing yet.
    fn default() -> Self {
        Cursor { v: FORMAT, seq: 0, at: -1, purged: -1, round: None }
    }
}

impl Cursor {
    /// A device that holds every scope granted up to `seq`, and every change up to it.
    pub fn caught_up(seq: i64) -> Cursor {
        Cursor { v: FORMAT, seq, at: seq, purged: seq, round: None }
    }

    /// Whether the device may hold anything (a cursor that never finished a page holds nothing).
    pub fn started(&self) -> bool {
        self.at >= 0 || self.round.is_some()
    }

    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a cursor always serialises"))
    }

    pub fn decode(text: &str) -> Result<Received, ApiError> {
        let invalid = || {
            ApiError::bad_request(ErrorCode::InvalidCursor, "The sync cursor is not valid: start again without one.")
        };
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| invalid())?;
        match serde_json::from_slice(&bytes).map_err(|_| invalid())? {
            Received::Current(cursor) if cursor.v != FORMAT => Err(invalid()),
            received => Ok(received),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_encoding() {
        let cursor = Cursor {
            round: Some(Round {
                to: 50,
                done: Some("group:a".into()),
                snapshot: Some(Snapshot { scope: "group:y".into(), after: 7, start: 40 }),
            }),
            ..Cursor::caught_up(42)
        };
        assert_eq!(Cursor::decode(&cursor.encode()).unwrap(), Received::Current(cursor));
        let fresh = Cursor::default();
        assert_eq!(Cursor::decode(&fresh.encode()).unwrap(), Received::Current(fresh));
    }

    #[test]
    fn a_cursor_is_small_whatever_the_scopes() {
        // The largest: a snapshot under way, with real scope names.
        let scope = "group:01a24a2b-6930-72dc-8a8f-40213512569c".to_owned();
        let cursor = Cursor {
            round: Some(Round {
                to: 9_000_000_000,
                done: Some(scope.clone()),
                snapshot: Some(Snapshot { scope, after: 9_000_000_000, start: 9_000_000_000 }),
            }),
            ..Cursor::caught_up(9_000_000_000)
        };
        assert!(cursor.encode().len() < 320, "{}", cursor.encode().len());
        assert!(Cursor::caught_up(9_000_000_000).encode().len() < 80);
    }

    #[test]
    fn a_cursor_of_the_first_format_is_still_read() {
        let text = URL_SAFE_NO_PAD.encode(br#"{"seq":42,"known":["person:x"],"pending":[]}"#);
        assert_eq!(
            Cursor::decode(&text).unwrap(),
            Received::Listing(ListingCursor { seq: 42, known: vec!["person:x".into()], pending: vec![] })
        );
    }

    #[test]
    fn garbage_is_an_invalid_cursor_not_a_crash() {
        let future = URL_SAFE_NO_PAD.encode(br#"{"v":3,"seq":1,"at":1,"p":1}"#);
        for text in ["", "%%%", "bm90IGpzb24", "eyJzZXEiOiJ4In0", future.as_str()] {
            assert!(Cursor::decode(text).is_err(), "{text}");
        }
    }
}
