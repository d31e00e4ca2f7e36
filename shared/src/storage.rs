//! What the core keeps in the device's key-value storage, and under which keys.
//!
//! - `settings`: the person's language;
//! - `federation`: the address and name of the federation this phone talks to;
//! - `secret:session`: the signed-in person's token (absent when signed out). Keys starting
//!   with `secret:` hold secrets: the shells keep them in the platform's protected storage
//!   (Android Keystore, iOS Keychain, never in a backup), not in plain files;
//! - `outbox:<person>`: that person's writes not yet covered by a pull, with the device's
//!   client id for them (kept across sign-out: nothing a person wrote is lost);
//! - `outbox-kept:<person>:<copy>`: an outbox that did not read, kept as it was;
//! - `draft:<person>`: the form being written, until sent or cancelled;
//! - `store:<person>`: the pull cursor and the list of scopes held, and `store:<person>:<scope>`
//!   the entities of each scope (all deleted at sign-out, so a shared phone does not keep
//!   someone else's groups).

use crux_kv::{KeyValueOperation, KeyValueResponse, KeyValueResult, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::i18n::Language;

pub const SETTINGS: &str = "settings";
pub const SESSION: &str = "secret:session";
/// The names a push notice may use (the person's groups), for the phone's push handler,
/// which runs without the app (iOS: a separate extension). Keys starting with `shared:` are
/// kept where it reads them (iOS: the App Group's container).
pub const NOTICE_NAMES: &str = "shared:notice-names";
/// Where versions before the protected storage kept the session: read once, moved, deleted.
pub const OLD_SESSION: &str = "session";
pub const FEDERATION: &str = "federation";

pub fn outbox_key(person: Uuid) -> String {
    format!("outbox:{person}")
}

pub fn store_key(person: Uuid) -> String {
    format!("store:{person}")
}

/// The post or comment being written, so a draft survives the app being killed.
pub fn draft_key(person: Uuid) -> String {
    format!("draft:{person}")
}

/// An outbox that did not read, kept aside as it was (never overwritten): a later version of
/// the app, or support, can still read what the person wrote.
pub fn kept_outbox_key(person: Uuid, copy: Uuid) -> String {
    format!("outbox-kept:{person}:{copy}")
}

/// The bytes of a value read back, whatever they hold.
pub fn raw(result: &KeyValueResult) -> Option<Vec<u8>> {
    match result {
        KeyValueResult::Ok { response: KeyValueResponse::Get { value: Value::Bytes(bytes) } } => Some(bytes.clone()),
        _ => None,
    }
}

/// Writes `bytes` as they are under `key`.
pub fn set_raw(key: impl Into<String>, bytes: Vec<u8>) -> KeyValueOperation {
    KeyValueOperation::Set { key: key.into(), value: bytes }
}

/// One scope of the store (a group, the person's own scope).
pub fn scope_key(person: Uuid, scope: &str) -> String {
    format!("store:{person}:{scope}")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    pub language: Language,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedSession {
    pub server_url: String,
    pub token: String,
    pub person_id: Uuid,
}

pub fn get(key: impl Into<String>) -> KeyValueOperation {
    KeyValueOperation::Get { key: key.into() }
}

pub fn set(key: impl Into<String>, value: &impl Serialize) -> KeyValueOperation {
    KeyValueOperation::Set { key: key.into(), value: serde_json::to_vec(value).unwrap_or_default() }
}

pub fn delete(key: impl Into<String>) -> KeyValueOperation {
    KeyValueOperation::Delete { key: key.into() }
}

/// A stored value that no longer reads (from an older version of the app, or damaged), or a
/// storage that failed.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable;

/// What a `get` found: `Ok(None)` when the key is absent; never a panic.
pub fn read<T: for<'de> Deserialize<'de>>(result: KeyValueResult) -> Result<Option<T>, Unreadable> {
    match result {
        KeyValueResult::Ok { response: KeyValueResponse::Get { value: Value::Bytes(bytes) } } => {
            serde_json::from_slice(&bytes).map(Some).map_err(|_| Unreadable)
        }
        KeyValueResult::Ok { response: KeyValueResponse::Get { value: Value::None } } => Ok(None),
        _ => Err(Unreadable),
    }
}

/// A value written with its format's number (`{"format": N, "value": …}`), so a later version
/// of the app reads it through its migrations.
pub fn set_versioned(key: impl Into<String>, format: u64, value: &impl Serialize) -> KeyValueOperation {
    set(key, &serde_json::json!({ "format": format, "value": value }))
}

/// A migration of a stored value from one format to the next.
pub type Migration = fn(serde_json::Value) -> serde_json::Value;

/// A versioned value as this version reads it: a value of format `n` goes through
/// `migrations[n - 1..]` (`migrations[i]` takes format `i + 1` to `i + 2`; a value with no
/// format number is format 1) up to `migrations.len() + 1`, this version's. A value of a
/// later format (written by a newer version, before going back) is `Unreadable`: the caller
/// keeps it aside rather than losing it.
pub fn read_versioned<T: for<'de> Deserialize<'de>>(
    result: KeyValueResult,
    migrations: &[Migration],
) -> Result<Option<T>, Unreadable> {
    let bytes = match result {
        KeyValueResult::Ok { response: KeyValueResponse::Get { value: Value::Bytes(bytes) } } => bytes,
        KeyValueResult::Ok { response: KeyValueResponse::Get { value: Value::None } } => return Ok(None),
        _ => return Err(Unreadable),
    };
    let mut value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| Unreadable)?;
    let current = migrations.len() as u64 + 1;
    let mut format = value.get("format").and_then(serde_json::Value::as_u64).unwrap_or(1);
    if format > current || format == 0 {
        return Err(Unreadable);
    }
    while format < current {
        value = migrations[(format - 1) as usize](value);
        format += 1;
    }
    serde_json::from_value(value.get_mut("value").map(serde_json::Value::take).ok_or(Unreadable)?)
        .map(Some)
        .map_err(|_| Unreadable)
}

/// Whether a `set` or `delete` was carried out.
pub fn done(result: &KeyValueResult) -> bool {
    matches!(result, KeyValueResult::Ok { .. })
}
