//! The mails themselves: each kind a struct of what it says, written as text and as HTML
//! from the templates in `server/templates/mail/`, in the recipient's language. No private
//! group content goes into a mail.

use askama::Template;

use super::Outgoing;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::lang::Lang;
use crate::on_tx;

/// The federation's name, which every mail carries so that people know who writes.
pub async fn federation_name(tx: &mut Tx) -> ApiResult<String> {
    let name: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT name FROM organisations WHERE kind = 'federation' ORDER BY created_at LIMIT 1")
        .fetch_optional(c).await)?;
    Ok(name.unwrap_or_else(|| "Fabrique".into()))
}

/// An invitation into an organisation, with the link that opens it.
pub struct Invitation {
    pub l: Lang,
    pub federation: String,
    pub organisation: String,
    pub inviter: String,
    pub link: String,
    /// The last day the link works, as people read it.
    pub until: String,
}

/// A link to choose a new password, valid one hour, used once.
pub struct PasswordReset {
    pub l: Lang,
    pub federation: String,
    pub name: String,
    pub link: String,
    /// Someone of the console sent it (their name), rather than the person asking.
    pub sent_by: Option<String>,
}

/// What happened for a person who did not open the app for a day or a week: one line per
/// kind of news, with a few titles from public groups (nothing from private groups but how
/// many), and the one-click way out.
pub struct Digest {
    pub l: Lang,
    pub federation: String,
    pub name: String,
    /// "cette semaine" / "aujourd'hui" as the period reads.
    pub weekly: bool,
    pub lines: Vec<DigestLine>,
    pub unsubscribe: String,
    /// Opens the app at the person's notifications (`/open/notifications`).
    pub open: String,
}

pub struct DigestLine {
    /// "3 nouvelles questions dans vos groupes".
    pub summary: String,
    /// Titles people may read in a mail (from public groups), at most a few.
    pub titles: Vec<String>,
}

#[derive(Template)]
#[template(path = "mail/digest.txt")]
struct DigestText<'a> {
    m: &'a Digest,
}

#[derive(Template)]
#[template(path = "mail/digest.html")]
struct DigestHtml<'a> {
    m: &'a Digest,
}

impl Digest {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        let subject = match (self.l, self.weekly) {
            (Lang::Fr, true) => format!("Votre semaine sur Fabrique — {}", self.federation),
            (Lang::Fr, false) => format!("Votre journée sur Fabrique — {}", self.federation),
            (Lang::En, true) => format!("Your week on Fabrique — {}", self.federation),
            (Lang::En, false) => format!("Your day on Fabrique — {}", self.federation),
        };
        Ok(Outgoing {
            to: email.to_owned(),
            subject,
            text: written(&DigestText { m: self })?,
            html: written(&DigestHtml { m: self })?,
            unsubscribe: Some(self.unsubscribe.clone()),
        })
    }
}

/// A must-read message its recipient has not read in the app after the delay its sender
/// chose: the message itself, unless it was said in a private group (then who said it, where,
/// and to open the app).
pub struct MustRead {
    pub l: Lang,
    pub federation: String,
    pub name: String,
    pub author: String,
    /// The organisation or the group it was sent to.
    pub audience: String,
    /// The day it was sent, as people read it.
    pub sent_on: String,
    /// Title and text; `None` for a private group's message: nothing of it goes into a mail.
    pub said: Option<Said>,
    /// Opens the app at the message, where "J'ai lu" is (`/open/must-read/<id>`).
    pub open: String,
}

pub struct Said {
    pub title: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "mail/must_read.txt")]
struct MustReadText<'a> {
    m: &'a MustRead,
}

#[derive(Template)]
#[template(path = "mail/must_read.html")]
struct MustReadHtml<'a> {
    m: &'a MustRead,
}

impl MustRead {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        let subject = match (self.l, &self.said) {
            (Lang::Fr, Some(said)) => format!("Message important : {} — {}", said.title, self.federation),
            (Lang::En, Some(said)) => format!("Important message: {} — {}", said.title, self.federation),
            (Lang::Fr, None) => format!("Un message important vous attend — {}", self.federation),
            (Lang::En, None) => format!("An important message awaits you — {}", self.federation),
        };
        Ok(Outgoing {
            to: email.to_owned(),
            subject,
            text: written(&MustReadText { m: self })?,
            html: written(&MustReadHtml { m: self })?,
            unsubscribe: None,
        })
    }
}

/// An account unused for a long time will be closed in a month unless its owner comes back.
pub struct Inactivity {
    pub l: Lang,
    pub federation: String,
    pub name: String,
    /// How long the federation keeps unused accounts.
    pub months: u32,
    /// The day it closes, as people read it.
    pub closing_on: String,
    /// The server's address (the app's sign-in).
    pub address: String,
}

#[derive(Template)]
#[template(path = "mail/inactivity.txt")]
struct InactivityText<'a> {
    m: &'a Inactivity,
}

#[derive(Template)]
#[template(path = "mail/inactivity.html")]
struct InactivityHtml<'a> {
    m: &'a Inactivity,
}

impl Inactivity {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        Ok(Outgoing {
            to: email.to_owned(),
            subject: match self.l {
                Lang::Fr => format!("Votre compte Fabrique sera fermé le {} — {}", self.closing_on, self.federation),
                Lang::En => format!("Your Fabrique account will close on {} — {}", self.closing_on, self.federation),
            },
            text: written(&InactivityText { m: self })?,
            html: written(&InactivityHtml { m: self })?,
            unsubscribe: None,
        })
    }
}

/// An account's erasure was asked: closed now, erased for good at the end of the grace period.
pub struct Erasure {
    pub l: Lang,
    pub federation: String,
    pub name: String,
    /// Asked by the person (who cancels by signing in), or by an administrator for them.
    pub by_self: bool,
    /// The federation's choice for what the person wrote in groups.
    pub writings_kept: bool,
    /// The day it is final, as people read it.
    pub erased_on: String,
    pub address: String,
}

#[derive(Template)]
#[template(path = "mail/erasure.txt")]
struct ErasureText<'a> {
    m: &'a Erasure,
}

#[derive(Template)]
#[template(path = "mail/erasure.html")]
struct ErasureHtml<'a> {
    m: &'a Erasure,
}

impl Erasure {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        Ok(Outgoing {
            to: email.to_owned(),
            subject: match self.l {
                Lang::Fr => format!("Votre compte Fabrique sera effacé le {} — {}", self.erased_on, self.federation),
                Lang::En => format!("Your Fabrique account will be erased on {} — {}", self.erased_on, self.federation),
            },
            text: written(&ErasureText { m: self })?,
            html: written(&ErasureHtml { m: self })?,
            unsubscribe: None,
        })
    }
}

/// The copy of one's data is ready: the link that downloads it, until when.
pub struct ExportReady {
    pub l: Lang,
    pub federation: String,
    pub name: String,
    pub link: String,
    /// The last day it can be downloaded, as people read it.
    pub until: String,
}

#[derive(Template)]
#[template(path = "mail/export_ready.txt")]
struct ExportReadyText<'a> {
    m: &'a ExportReady,
}

#[derive(Template)]
#[template(path = "mail/export_ready.html")]
struct ExportReadyHtml<'a> {
    m: &'a ExportReady,
}

impl ExportReady {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        Ok(Outgoing {
            to: email.to_owned(),
            subject: match self.l {
                Lang::Fr => format!("Vos données Fabrique sont prêtes — {}", self.federation),
                Lang::En => format!("Your Fabrique data is ready — {}", self.federation),
            },
            text: written(&ExportReadyText { m: self })?,
            html: written(&ExportReadyHtml { m: self })?,
            unsubscribe: None,
        })
    }
}

#[derive(Template)]
#[template(path = "mail/invitation.txt")]
struct InvitationText<'a> {
    m: &'a Invitation,
}

#[derive(Template)]
#[template(path = "mail/invitation.html")]
struct InvitationHtml<'a> {
    m: &'a Invitation,
}

#[derive(Template)]
#[template(path = "mail/password_reset.txt")]
struct PasswordResetText<'a> {
    m: &'a PasswordReset,
}

#[derive(Template)]
#[template(path = "mail/password_reset.html")]
struct PasswordResetHtml<'a> {
    m: &'a PasswordReset,
}

fn written(template: &impl Template) -> ApiResult<String> {
    template.render().map_err(|e| ApiError::internal(format!("a mail template failed: {e}")))
}

impl Invitation {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        Ok(Outgoing {
            to: email.to_owned(),
            subject: match self.l {
                Lang::Fr => format!("{} vous invite sur Fabrique ({})", self.organisation, self.federation),
                Lang::En => format!("{} invites you to Fabrique ({})", self.organisation, self.federation),
            },
            text: written(&InvitationText { m: self })?,
            html: written(&InvitationHtml { m: self })?,
            unsubscribe: None,
        })
    }
}

impl PasswordReset {
    pub fn to(&self, email: &str) -> ApiResult<Outgoing> {
        Ok(Outgoing {
            to: email.to_owned(),
            subject: self.l.tr("Choisir un nouveau mot de passe", "Choose a new password").to_owned()
                + " — "
                + &self.federation,
            text: written(&PasswordResetText { m: self })?,
            html: written(&PasswordResetHtml { m: self })?,
            unsubscribe: None,
        })
    }
}
