//! Invitations after they are made: mailed (when the server sends mail), listed in the
//! console, sent again with a new code, or withdrawn. Making one and redeeming it are in
//! [`super`] (`invite`, `redeem`).

use chrono::{DateTime, Duration, Utc};
use fabrique_wire::accounts::{Invitation, InvitedRole};
use uuid::Uuid;

use super::INVITATION_DAYS;
use crate::auth::{Actor, hash_token, manages, random_secret};
use crate::config::Settings;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::lang::Lang;
use crate::mail::{self, messages};
use crate::{audit, exec, on_tx};

/// Mails an invitation's link in `l`, as its `sent`-th mail (each its own cause); `false`
/// when the server sends no mail (the link is then shown to pass on).
pub async fn mail(
    tx: &mut Tx,
    settings: &Settings,
    l: Lang,
    inviter: Uuid,
    invitation: &Invitation,
    sent: i64,
) -> ApiResult<bool> {
    let Some(config) = &settings.mail else {
        return Ok(false);
    };
    let (inviter, organisation): (String, String) = on_tx!(tx, c => sqlx::query_as(
        "SELECT p.display_name, o.name FROM people p, organisations o WHERE p.id = $1 AND o.id = $2")
        .bind(inviter).bind(invitation.organisation_id).fetch_one(c).await)?;
    let message = messages::Invitation {
        l,
        federation: messages::federation_name(tx).await?,
        organisation,
        inviter,
        link: invitation.link.clone(),
        until: l.day(&invitation.expires_at, crate::lang::time_zone(tx).await?),
    };
    let cause = format!("invitation:{}:{sent}", invitation.id);
    mail::queue(tx, config, &cause, "invitation", message.to(&invitation.email)?).await
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Waiting,
    Expired,
    Accepted,
    Withdrawn,
}

/// One invitation as the console lists it.
#[derive(Debug, sqlx::FromRow)]
pub struct InvitationLine {
    pub id: Uuid,
    pub email: String,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub invited_by: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub redeemed_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub sent: i64,
    /// `member` or `manager`.
    pub role: String,
}

impl InvitationLine {
    pub fn state(&self, now: DateTime<Utc>) -> InvitationState {
        if self.redeemed_at.is_some() {
            InvitationState::Accepted
        } else if self.withdrawn_at.is_some() {
            InvitationState::Withdrawn
        } else if self.expires_at <= now {
            InvitationState::Expired
        } else {
            InvitationState::Waiting
        }
    }
}

/// The invitation `id`, locked, if the actor may act on it; not found when it does not
/// exist or is another association's (the same answer for both).
async fn load(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<InvitationLine> {
    let sql = format!(
        "SELECT i.id, i.email, i.organisation_id, o.name AS organisation_name, p.display_name AS invited_by, \
            i.created_at, i.expires_at, i.redeemed_at, i.withdrawn_at, i.sent, i.role \
         FROM invitations i JOIN organisations o ON o.id = i.organisation_id LEFT JOIN people p ON p.id = i.invited_by \
         WHERE i.id = $1{}",
        // The invitation's row only (the joined ones are read, not changed).
        if tx.is_postgres() { " FOR UPDATE OF i" } else { "" }
    );
    let row: Option<InvitationLine> =
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(c).await)?;
    let found = match row {
        Some(line) if manages(tx, actor, line.organisation_id).await? => Some(line),
        _ => None,
    };
    found.ok_or_else(|| ApiError::not_found(ErrorCode::NotFound, "This invitation does not exist."))
}

/// Sends an invitation again with a new code, valid 14 days from now (the old code stops
/// working): for one that waits or expired, not one accepted or withdrawn.
pub async fn resend(tx: &mut Tx, settings: &Settings, actor: &Actor, id: Uuid, l: Lang) -> ApiResult<Invitation> {
    let line = load(tx, actor, id).await?;
    let now = Utc::now();
    match line.state(now) {
        InvitationState::Waiting | InvitationState::Expired => {}
        InvitationState::Accepted | InvitationState::Withdrawn => {
            return Err(ApiError::conflict(ErrorCode::InvitationInvalid, "This invitation was accepted or withdrawn."));
        }
    }
    let code = random_secret(18);
    let expires_at = now + Duration::days(INVITATION_DAYS);
    let sent = line.sent + 1;
    exec!(
        tx,
        sqlx::query("UPDATE invitations SET code_hash = $1, expires_at = $2, sent = $3 WHERE id = $4")
            .bind(hash_token(&code))
            .bind(expires_at)
            .bind(sent)
            .bind(id)
    )?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::InvitationResend,
        "organisation",
        Some(line.organisation_id),
        serde_json::json!({ "invitation": id, "email": line.email }),
    )
    .await?;
    let mut invitation = Invitation {
        id,
        link: format!("{}/join/{code}", settings.public_url),
        email: line.email,
        organisation_id: line.organisation_id,
        role: if line.role == "manager" { InvitedRole::Manager } else { InvitedRole::Member },
        code,
        mailed: false,
        expires_at,
    };
    invitation.mailed = mail(tx, settings, l, actor.person_id, &invitation, sent).await?;
    Ok(invitation)
}

/// Withdraws a waiting (or expired) invitation: its code stops working.
pub async fn withdraw(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<()> {
    let line = load(tx, actor, id).await?;
    if matches!(line.state(Utc::now()), InvitationState::Accepted | InvitationState::Withdrawn) {
        return Err(ApiError::conflict(ErrorCode::InvitationInvalid, "This invitation was accepted or withdrawn."));
    }
    exec!(tx, sqlx::query("UPDATE invitations SET withdrawn_at = $1 WHERE id = $2").bind(Utc::now()).bind(id))?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::InvitationWithdraw,
        "organisation",
        Some(line.organisation_id),
        serde_json::json!({ "invitation": id, "email": line.email }),
    )
    .await?;
    Ok(())
}
