//! Sign-in, invitations, first administrator set-up, passwords and their reset.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::people::Me;
use crate::wire_type;

wire_type! {
    #[serde(deny_unknown_fields)]
    pub struct SignInRequest {
        pub email: String,
        pub password: String,
    }

    /// A bearer token and who it belongs to. The token is shown once; the server keeps only its hash.
    pub struct SessionResponse {
        pub token: String,
        pub expires_at: DateTime<Utc>,
        pub me: Me,
    }

    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum InvitedRole {
        /// An ordinary member of the organisation.
        Member,
        /// A manager of the association: invites and manages its people, creates its groups.
        Manager,
    }

    #[serde(deny_unknown_fields)]
    pub struct CreateInvitationRequest {
        pub email: String,
        pub organisation_id: Uuid,
        #[serde(default)]
        pub role: Option<InvitedRole>,
    }

    /// The invitation code is shown once, to the person who invites, to pass on (the code
    /// alone, or the link that carries it); when the server sends mail, the link was mailed.
    pub struct Invitation {
        pub id: Uuid,
        pub email: String,
        pub organisation_id: Uuid,
        pub role: InvitedRole,
        pub code: String,
        /// `<public-url>/join/<code>`: the page that creates the account.
        pub link: String,
        /// Whether the invitation left by mail (the server has SMTP configured).
        pub mailed: bool,
        pub expires_at: DateTime<Utc>,
    }

    #[serde(deny_unknown_fields)]
    pub struct RedeemInvitationRequest {
        pub code: String,
        pub display_name: String,
        pub password: String,
    }

    #[serde(deny_unknown_fields)]
    pub struct ChangePasswordRequest {
        pub current_password: String,
        pub new_password: String,
    }

    /// Asks for one's own account to be erased, with one's password again (a phone left
    /// open is not enough). The account closes at once on every device; it is erased for
    /// good at the answer's `due_at`, and signing in again before then cancels it.
    #[serde(deny_unknown_fields)]
    pub struct AccountErasureRequest {
        pub password: String,
    }

    pub struct AccountErasure {
        /// When the erasure becomes final.
        pub due_at: DateTime<Utc>,
    }

    /// Asks for a link to choose a new password, sent by e-mail to the address when an
    /// account has it. The answer is the same whether it has or not.
    #[serde(deny_unknown_fields)]
    pub struct PasswordResetRequest {
        pub email: String,
    }

    /// Sets a new password with the token of a reset link (the last part of its address).
    /// Every session of the person ends.
    #[serde(deny_unknown_fields)]
    pub struct PasswordResetConfirm {
        pub token: String,
        pub new_password: String,
    }

    /// Creates the first federation administrator with the one-time set-up code.
    #[serde(deny_unknown_fields)]
    pub struct SetupRequest {
        pub code: String,
        pub email: String,
        pub display_name: String,
        pub password: String,
        /// Name of the federation; only used when no organisation exists yet.
        #[serde(default)]
        pub federation_name: Option<String>,
    }
}

wire_type! {
    /// `GET /health`: whether the server answers, and which federation it serves. An app asks
    /// it of an address a person typed (or an invitation link gave) before keeping it.
    pub struct Health {
        /// `ok`, or `unavailable` (with a 503) when the database does not answer.
        pub status: String,
        /// Always `fabrique`: an app tells a Fabrique server from any other site.
        pub service: String,
        /// The federation's name, as the apps show it ("Fédération des centres sociaux");
        /// empty when the database does not answer.
        pub federation: String,
        /// `sqlite` or `postgres`.
        pub database: String,
        /// The server's version, only to a signed-in federation administrator.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub version: Option<String>,
    }
}
