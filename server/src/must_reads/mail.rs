//! The e-mail of a must-read message, for those who have not read it in the app once the
//! delay its sender chose is over. A round ([`mail_due`]) takes the oldest message due and a
//! batch of its recipients still unread and unmailed (a partial index holds exactly them), and
//! queues their mails (cause `must-read:<message>:<person>`: never twice) in the transaction
//! that marks them mailed and counts them (only those not marked yet: two instances running a
//! round at once queue each mail once and count it once). The caller runs rounds until one mails fewer than
//! a batch. Without SMTP nothing is queued and nobody is marked: the reach says so. Who left the
//! group a message was sent to, or whose account was closed, is not mailed (and stays "not
//! reached").

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{MustReadRow, SELECT_ROW};
use crate::config::Settings;
use crate::db::{Column, Db, rows_json};
use crate::error::ApiResult;
use crate::lang::Lang;
use crate::mail::messages::{self, MustRead, Said};
use crate::{exec, mail, on_tx};

/// Recipients mailed per round (one short transaction).
pub const PER_ROUND: usize = 200;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Mails queued.
    pub mailed: usize,
    /// Whether a message was due (run another round when it mailed a whole batch).
    pub due: bool,
}

#[derive(sqlx::FromRow)]
struct Recipient {
    person_id: Uuid,
    email: String,
    display_name: String,
    language: String,
}

/// Queues the mails of one batch of the oldest message due at `now`.
pub async fn mail_due(db: &Db, settings: &Settings, now: DateTime<Utc>) -> ApiResult<Round> {
    let Some(config) = &settings.mail else {
        return Ok(Round::default());
    };
    let mut tx = db.begin_write().await?;
    let sql =
        format!("{SELECT_ROW} WHERE m.mailing_done_at IS NULL AND m.mail_after <= $1 ORDER BY m.mail_after LIMIT 1");
    let message: Option<MustReadRow> =
        on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(now).fetch_optional(c).await)?;
    let Some(message) = message else {
        return Ok(Round::default());
    };
    let recipients: Vec<Recipient> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT r.person_id, p.email, p.display_name, p.language FROM must_read_recipients r JOIN people p ON p.id = r.person_id \
         WHERE r.must_read_id = $1 AND r.read_at IS NULL AND r.mailed_at IS NULL AND p.deactivated_at IS NULL \
            AND ($3 IS NULL OR EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = $3 AND g.person_id = r.person_id)) \
         ORDER BY r.person_id LIMIT $2")
        .bind(message.id).bind(PER_ROUND as i64).bind(message.group_id).fetch_all(c).await)?;
    // A private group's message stays in the app: its mail says only who wrote, where.
    let private = match message.group_id {
        Some(group_id) => {
            let visibility: Option<String> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT visibility FROM groups WHERE id = $1")
                .bind(group_id).fetch_optional(c).await)?;
            visibility.as_deref() != Some("public")
        }
        None => false,
    };
    let federation = messages::federation_name(&mut tx).await?;
    let tz = crate::lang::time_zone(&mut tx).await?;
    let mut mailed: Vec<(Uuid,)> = Vec::with_capacity(recipients.len());
    for person in &recipients {
        let l = if person.language == "en" { Lang::En } else { Lang::Fr };
        let audience = match message.group_id {
            Some(_) => match l {
                Lang::Fr => format!("le groupe « {} »", message.audience_name),
                Lang::En => format!("the group “{}”", message.audience_name),
            },
            None => message.audience_name.clone(),
        };
        let said = (!private).then(|| Said { title: message.title.clone(), body: message.body.clone() });
        let mail = MustRead {
            l,
            federation: federation.clone(),
            name: person.display_name.clone(),
            author: message.author_name.clone(),
            audience,
            sent_on: l.day(&message.created_at, tz),
            said,
            open: crate::accounts::join::item_link(&settings.public_url, "must-read", Some(message.id)),
        };
        let cause = format!("must-read:{}:{}", message.id, person.person_id);
        mail::queue(&mut tx, config, &cause, "must_read", mail.to(&person.email)?).await?;
        mailed.push((person.person_id,));
    }
    if !mailed.is_empty() {
        let source = tx.json_rows(3, &[("person_id", Column::Uuid)]);
        let sql = format!(
            "UPDATE must_read_recipients SET mailed_at = $1 WHERE must_read_id = $2 AND read_at IS NULL \
             AND mailed_at IS NULL AND person_id IN (SELECT r.person_id FROM {source} AS r)"
        );
        let marked =
            exec!(&mut tx, sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).bind(message.id).bind(rows_json(&mailed)))?;
        exec!(
            &mut tx,
            sqlx::query("UPDATE must_reads SET mailed = mailed + $1 WHERE id = $2")
                .bind(marked as i64)
                .bind(message.id)
        )?;
    }
    if recipients.len() < PER_ROUND {
        exec!(
            &mut tx,
            sqlx::query("UPDATE must_reads SET mailing_done_at = $1 WHERE id = $2").bind(now).bind(message.id)
        )?;
    }
    tx.commit().await?;
    Ok(Round { mailed: mailed.len(), due: true })
}
