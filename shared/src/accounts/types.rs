//! Signing in: what a shell sends, and the sign-in form as it stands.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use crux_http::protocol::HttpResult;
use crux_kv::KeyValueResult;
use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::i18n::Text;

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum AccountsEvent {
    /// The federation's address as the person typed it (`fabrique.ma-federation.fr`), or an
    /// invitation link pasted: checked with the server before it is kept.
    ChooseFederation {
        address: String,
    },
    /// "Not your federation?": forget the address kept, to type another.
    ChangeFederation,
    /// A link the phone opened the app with, or a QR code's text: an invitation
    /// (`https://<federation>/join/<code>`, or `fabrique://join?server=…&code=…` from the
    /// invitation page). It opens the right federation with the code filled in.
    OpenLink {
        url: String,
    },
    SignIn {
        email: String,
        password: String,
    },
    /// Create one's account from the invitation code an association gave.
    Redeem {
        code: String,
        display_name: String,
        password: String,
    },
    SignOut,
    /// "Forgot your password?": a link to choose a new one is mailed to the address, if an
    /// account has it (the answer does not say).
    ForgotPassword {
        email: String,
    },
    /// "Delete my account", with one's password again: the account closes at once on every
    /// device and is erased for good in 14 days; signing in again before then cancels it.
    EraseAccount {
        password: String,
    },
    /// The answers of this area's effects: only the core creates these.
    #[serde(skip)]
    #[facet(skip)]
    Answered(#[facet(opaque)] Box<AccountsAnswer>),
}

/// What the effects of signing in answered.
#[derive(Debug)]
pub enum AccountsAnswer {
    SettingsLoaded(KeyValueResult),
    FederationLoaded(KeyValueResult),
    /// `GET /health` of an address, for the sign-in under way `tag`; `code` from an
    /// invitation link.
    FederationChecked {
        tag: u64,
        address: String,
        code: Option<String>,
        result: HttpResult,
    },
    SessionLoaded(KeyValueResult),
    /// The session as an earlier version kept it, in a plain file.
    OldSessionLoaded(KeyValueResult),
    SignedIn {
        tag: u64,
        result: HttpResult,
    },
    ResetAsked {
        tag: u64,
        result: HttpResult,
    },
    ErasureAsked {
        tag: u64,
        result: HttpResult,
    },
}

/// Deleting one's account, as it stands in the session.
#[derive(Debug, Default)]
pub struct Erasure {
    /// The tag of the request under way, if any.
    pub busy: Option<u64>,
    pub error: Option<Text>,
}

/// The sign-in screen's state (and, before it, the federation's address).
#[derive(Debug, Default)]
pub struct SignIn {
    /// The tag of the sign-in or address check under way, if any.
    pub busy: Option<u64>,
    pub error: Option<Text>,
    /// Said once on arrival (session expired, writes kept for later).
    pub notice: Option<Text>,
    /// The address last typed or dropped, to fill the field in again.
    pub address: String,
    /// The code of the invitation link the app was opened with, for the form that creates
    /// one's account.
    pub invitation_code: Option<String>,
}

/// The federation this phone talks to, as checked with its server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Federation {
    /// `https://fabrique.ma-federation.fr` (no trailing `/`).
    pub address: String,
    /// Its name, as its server said.
    pub name: String,
}
