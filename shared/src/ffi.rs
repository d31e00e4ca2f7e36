//! The only module that knows about uniffi: the `CoreFFI` object the shells hold.
//!
//! Three byte methods, as Crux's bridge defines them: events in, effect requests out;
//! effect outputs in, further requests out; the view model out. Bytes are bincode, read and
//! written by the generated types of each shell. Bad bytes, an unknown request id or a
//! panic inside the core come back as a typed [`CoreError`], never as a crash of the app.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use crux_core::Core;
use crux_core::bridge::{Bridge, BridgeError, EffectId};

use crate::app::Fabrique;

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
