//! The only module that knows about uniffi: the `CoreFFI` object the shells hold.
//!
//! Three byte methods, as Crux's bridge defines them: events in, effect requests out;
//! effect outputs in, further requests out; the view model out. Bytes are bincode, read and
//! written by the generated types of each shell. Bad bytes, an unknown request id or a
//! panic inside the core come back as a typed [`CoreError`], never as a crash of the app.
//! Beside the core, functions a push service or extension calls without one:
//! [`push_keys_new`], [`push_decrypt`] and [`push_notice`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use crux_core::Core;
use crux_core::bridge::{Bridge, BridgeError, EffectId};

use crate::app::Fabrique;
use crate::notifications::decrypt::{self, DecryptError};

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum CoreError {
    #[error("the event could not be read: {reason}")]
    BadEvent { reason: String },
    #[error("the effect output could not be read or matches no request: {reason}")]
    BadOutput { reason: String },
    #[error("the core could not write its answer: {reason}")]
    Serialization { reason: String },
    #[error("the core failed: {reason}")]
    Panicked { reason: String },
}

impl From<BridgeError> for CoreError {
    fn from(error: BridgeError) -> Self {
        let message = error.to_string();
        match error {
            BridgeError::DeserializeEvent(_) => CoreError::BadEvent { reason: message },
            BridgeError::DeserializeOutput(_) | BridgeError::ProcessResponse(_) => {
                CoreError::BadOutput { reason: message }
            }
            BridgeError::SerializeRequests(_) | BridgeError::SerializeView(_) => {
                CoreError::Serialization { reason: message }
            }
        }
    }
}

#[derive(uniffi::Object)]
pub struct CoreFFI {
    // The bridge is not meant to be entered twice at once; shells call from one thread, and
    // the lock makes a second caller wait instead of corrupting state.
    bridge: Mutex<Bridge<Fabrique>>,
}

impl Default for CoreFFI {
    fn default() -> Self {
        CoreFFI { bridge: Mutex::new(Bridge::new(Core::new())) }
    }
}

#[uniffi::export]
impl CoreFFI {
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self::default()
    }

    /// Send an event; returns the serialized effect requests it caused.
    pub fn update(&self, event: Vec<u8>) -> Result<Vec<u8>, CoreError> {
        self.guarded(|bridge| {
            let mut requests = Vec::new();
            bridge.update(&event, &mut requests)?;
            Ok(requests)
        })
    }

    /// Answer the effect request `id` with its serialized output; returns further requests.
    pub fn resolve(&self, id: u32, output: Vec<u8>) -> Result<Vec<u8>, CoreError> {
        self.guarded(|bridge| {
            let mut requests = Vec::new();
            bridge.resolve(EffectId(id), &output, &mut requests)?;
            Ok(requests)
        })
    }

    /// The current view model, serialized.
    pub fn view(&self) -> Result<Vec<u8>, CoreError> {
        self.guarded(|bridge| {
            let mut view = Vec::new();
            bridge.view(&mut view)?;
            Ok(view)
        })
    }
}

impl CoreFFI {
    fn guarded(&self, f: impl FnOnce(&Bridge<Fabrique>) -> Result<Vec<u8>, BridgeError>) -> Result<Vec<u8>, CoreError> {
        let bridge = self.bridge.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match catch_unwind(AssertUnwindSafe(|| f(&bridge))) {
            Ok(result) => result.map_err(CoreError::from),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown".to_owned());
                Err(CoreError::Panicked { reason: message })
            }
        }
    }
}

/// A device's push keys (see `notifications::decrypt`): the public key and auth secret go
/// into its Web Push subscription; the private key stays on the device (the iOS app and its
/// notification extension share it through the App Group keychain).
#[derive(uniffi::Record)]
pub struct PushKeys {
    /// Uncompressed P-256 point, 65 bytes (the subscription's `p256dh`).
    pub public_key: Vec<u8>,
    /// 32 bytes, never sent anywhere.
    pub private_key: Vec<u8>,
    /// 16 bytes (the subscription's `auth`).
    pub auth_secret: Vec<u8>,
}

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum PushError {
    #[error("the device's push keys are not valid")]
    BadKeys,
    #[error("the push is not an aes128gcm message")]
    Malformed,
    #[error("the push was not encrypted for this device, or was altered")]
    NotForThisDevice,
}

/// New push keys for this device.
#[uniffi::export]
pub fn push_keys_new() -> PushKeys {
    let keys = decrypt::new_keys();
    PushKeys { public_key: keys.public_key, private_key: keys.private_key, auth_secret: keys.auth_secret }
}

/// The payload of a push (RFC 8291, `aes128gcm`) received by this device: the JSON the server
/// sent (a kind, ids, a generic sentence), or why it cannot be read.
#[uniffi::export]
pub fn push_decrypt(private_key: Vec<u8>, auth_secret: Vec<u8>, body: Vec<u8>) -> Result<Vec<u8>, PushError> {
    decrypt::decrypt(&private_key, &auth_secret, &body).map_err(|error| match error {
        DecryptError::BadKeys => PushError::BadKeys,
        DecryptError::Malformed => PushError::Malformed,
        DecryptError::NotForThisDevice => PushError::NotForThisDevice,
    })
}

/// What a system notification shows for a decrypted push, and how it is kept apart.
#[derive(uniffi::Record)]
pub struct PushNotice {
    /// The notification's id: the key of the system notification, so that a push sent again
    /// (after a server crash) replaces it instead of showing twice.
    pub id: String,
    /// The sentence, in the phone's language.
    pub body: String,
    /// Notifications of one group or conversation are grouped under this.
    pub thread: String,
    /// The kind's stable name (`question_asked`…): the Android channel it goes to.
    pub kind: String,
}

/// The notice for a decrypted push (`language`: `fr` or `en`), naming its group when
/// `names` (what the core keeps under `shared:notice-names`; empty when none) holds it; the
/// app passes the same payload to the core (`NotificationsEvent::Tapped`) when the person
/// taps it.
#[uniffi::export]
pub fn push_notice(payload: Vec<u8>, language: String, names: Vec<u8>) -> Result<PushNotice, PushError> {
    let push: fabrique_wire::notifications::PushPayload =
        serde_json::from_slice(&payload).map_err(|_| PushError::Malformed)?;
    let language =
        if language.starts_with("en") { crate::i18n::Language::English } else { crate::i18n::Language::French };
    let names: crate::notifications::types::NoticeNames = serde_json::from_slice(&names).unwrap_or_default();
    let group = push.group_id.and_then(|g| names.groups.get(&g)).map(String::as_str);
    Ok(PushNotice {
        id: push.notification_id.to_string(),
        body: crate::notifications::notice_in(push.kind, group, language),
        thread: push.group_id.unwrap_or(push.subject_id).to_string(),
        kind: push.kind.as_str().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_bytes_are_an_error_not_a_crash() {
        let core = CoreFFI::new();
        assert!(matches!(core.update(vec![0xff; 7]), Err(CoreError::BadEvent { .. })));
        assert!(matches!(core.resolve(12345, vec![1, 2, 3]), Err(CoreError::BadOutput { .. })));
        assert!(core.view().is_ok());
    }
}
