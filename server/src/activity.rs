//! The activity overview per association (issue 6): counted as things happen, a row per
//! association and day, so that the console's 30-day view reads at most 30 rows per
//! association instead of the history. Nothing here is shown per person: who was active on
//! a day is kept only to count distinct people over the window, and forgotten after
//! [`KEPT_DAYS`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::auth::Actor;
use crate::db::{Bind, Column, Db, Statements, Tx, rows_json};
use crate::error::ApiResult;
use crate::{exec, on_tx};

/// The window of the overview.
pub const WINDOW_DAYS: i64 = 30;
/// How long the per-day rows behind distinct counts and medians are kept.
pub const KEPT_DAYS: i64 = 40;

fn day(at: DateTime<Utc>) -> NaiveDate {
    at.date_naive()
}

/// What one transaction's writes count, by association and day. Written once, when the
/// transaction commits (the change log's commit calls [`Tally::write`]): two statements for a
/// whole batch of mutations instead of two for each.
#[derive(Default)]
pub struct Tally {
    /// Posts, questions asked and answers, by association and day.
    days: HashMap<(Uuid, NaiveDate), [i64; 3]>,
    /// Who was active, by association and day.
    people: HashSet<(Uuid, NaiveDate, Uuid)>,
}

#[derive(Clone, Copy)]
enum Counted {
    Posts = 0,
    QuestionsAsked = 1,
    Answers = 2,
}

impl Tally {
    fn count(&mut self, organisation_id: Uuid, person_id: Uuid, at: DateTime<Utc>, what: Counted) {
        self.days.entry((organisation_id, day(at))).or_default()[what as usize] += 1;
        self.people.insert((organisation_id, day(at), person_id));
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Adds another part of the transaction's counts.
    pub fn extend(&mut self, other: Tally) {
        for (key, counts) in other.days {
            let mine = self.days.entry(key).or_default();
            for (mine, theirs) in mine.iter_mut().zip(counts) {
                *mine += theirs;
            }
        }
        self.people.extend(other.people);
    }

    /// Adds the counts to the association's days (statements for `writes`, run in `tx`).
    pub fn write(&self, tx: &Tx, writes: &mut Statements) {
        if self.is_empty() {
            return;
        }
        let source = tx.json_rows(
            1,
            &[
                ("organisation_id", Column::Uuid),
                ("day", Column::Date),
                ("posts", Column::Integer),
                ("questions_asked", Column::Integer),
                ("answers", Column::Integer),
            ],
        );
        let sql = format!(
            "INSERT INTO activity_days (organisation_id, day, posts, questions_asked, answers) \
             SELECT r.organisation_id, r.day, r.posts, r.questions_asked, r.answers FROM {source} AS r WHERE true \
             ON CONFLICT (organisation_id, day) DO UPDATE SET posts = activity_days.posts + excluded.posts, \
                questions_asked = activity_days.questions_asked + excluded.questions_asked, \
                answers = activity_days.answers + excluded.answers"
        );
        let rows: Vec<(Uuid, NaiveDate, i64, i64, i64)> = self
            .days
            .iter()
            .map(|(&(organisation, day), &[posts, asked, answers])| (organisation, day, posts, asked, answers))
            .collect();
        writes.push(sql, vec![Bind::Text(rows_json(&rows))]);
        let source =
            tx.json_rows(1, &[("organisation_id", Column::Uuid), ("day", Column::Date), ("person_id", Column::Uuid)]);
        let sql = format!(
            "INSERT INTO activity_people (organisation_id, day, person_id) \
             SELECT r.organisation_id, r.day, r.person_id FROM {source} AS r WHERE true ON CONFLICT DO NOTHING"
        );
        let rows: Vec<&(Uuid, NaiveDate, Uuid)> = self.people.iter().collect();
        writes.push(sql, vec![Bind::Text(rows_json(&rows))]);
    }
}

/// The author is the signed-in actor: their association is known without a query.
pub fn posted(tally: &mut Tally, author: &Actor, at: DateTime<Utc>) {
    tally.count(author.organisation_id, author.person_id, at, Counted::Posts);
}

pub async fn asked(
    tx: &mut Tx,
    tally: &mut Tally,
    question_id: Uuid,
    asker: &Actor,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    let organisation = asker.organisation_id;
    tally.count(organisation, asker.person_id, at, Counted::QuestionsAsked);
    exec!(tx, sqlx::query("INSERT INTO activity_questions (question_id, organisation_id, asked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(question_id).bind(organisation).bind(at))?;
    Ok(())
}

/// An answer counts for the answerer's association; the first answer to a question also
/// sets the question's time to a first answer, for the asker's association.
pub async fn answered(
    tx: &mut Tx,
    tally: &mut Tally,
    question_id: Uuid,
    asker: Uuid,
    answerer: &Actor,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    tally.count(answerer.organisation_id, answerer.person_id, at, Counted::Answers);
    if answerer.person_id == asker {
        // Asker's own follow-ups are not an answer to wait for.
        return Ok(());
    }
    let asked_at: Option<DateTime<Utc>> = on_tx!(tx, c => sqlx::query_scalar("SELECT asked_at FROM activity_questions WHERE question_id = $1 AND first_answer_seconds IS NULL")
        .bind(question_id).fetch_optional(c).await)?;
    if let Some(asked_at) = asked_at {
        let seconds = (at - asked_at).num_seconds().max(0);
        exec!(
            tx,
            sqlx::query("UPDATE activity_questions SET first_answer_seconds = $1 WHERE question_id = $2")
                .bind(seconds)
                .bind(question_id)
        )?;
    }
    Ok(())
}

/// One association's last 30 days.
pub struct Overview {
    pub organisation_id: Uuid,
    pub name: String,
    pub active_people: i64,
    pub posts: i64,
    pub questions_asked: i64,
    pub answers: i64,
    pub median_first_answer_seconds: Option<i64>,
    pub unanswered: i64,
}

/// The overview of these associations over the window ending `now`.
pub async fn overview(tx: &mut Tx, organisations: &[(Uuid, String)], now: DateTime<Utc>) -> ApiResult<Vec<Overview>> {
    let since_day = day(now - Duration::days(WINDOW_DAYS - 1));
    let since = now - Duration::days(WINDOW_DAYS);
    let mut out = Vec::with_capacity(organisations.len());
    for (id, name) in organisations {
        let (posts, asked, answers): (i64, i64, i64) = on_tx!(tx, c => sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(posts), 0) AS BIGINT), CAST(COALESCE(SUM(questions_asked), 0) AS BIGINT), CAST(COALESCE(SUM(answers), 0) AS BIGINT) \
             FROM activity_days WHERE organisation_id = $1 AND day >= $2")
            .bind(id).bind(since_day).fetch_one(c).await)?;
        let active: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(DISTINCT person_id) FROM activity_people WHERE organisation_id = $1 AND day >= $2")
            .bind(id).bind(since_day).fetch_one(c).await)?;
        let unanswered: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM activity_questions WHERE organisation_id = $1 AND asked_at >= $2 AND first_answer_seconds IS NULL")
            .bind(id).bind(since).fetch_one(c).await)?;
        let times: Vec<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT first_answer_seconds FROM activity_questions WHERE organisation_id = $1 AND asked_at >= $2 AND first_answer_seconds IS NOT NULL ORDER BY first_answer_seconds")
            .bind(id).bind(since).fetch_all(c).await)?;
        out.push(Overview {
            organisation_id: *id,
            name: name.clone(),
            active_people: active,
            posts,
            questions_asked: asked,
            answers,
            median_first_answer_seconds: median(&times),
            unanswered,
        });
    }
    Ok(out)
}

/// The median of sorted values (the mean of the two middle ones for an even count).
pub fn median(sorted: &[i64]) -> Option<i64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

/// Forgets the per-day rows older than [`KEPT_DAYS`] (hourly, beside the other clean-ups).
pub async fn forget_old(db: &Db, now: DateTime<Utc>) -> ApiResult<()> {
    let before = now - Duration::days(KEPT_DAYS);
    let mut tx = db.begin_write().await?;
    exec!(&mut tx, sqlx::query("DELETE FROM activity_people WHERE day < $1").bind(day(before)))?;
    exec!(&mut tx, sqlx::query("DELETE FROM activity_questions WHERE asked_at < $1").bind(before))?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_an_odd_count_is_the_middle_and_of_an_even_count_the_mean_of_the_two_middles() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5]), Some(5));
        assert_eq!(median(&[1, 3, 10]), Some(3));
        assert_eq!(median(&[1, 3, 5, 10]), Some(4));
    }
}
