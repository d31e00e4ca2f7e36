//! Who may see whose profile: oneself, the federation's administrators, the people of one's
//! association and its managers, everyone for a profile listed federation-wide, and those who
//! share a private group (or lead a public one) with the person. Below the areas that show
//! people (groups' member lists, conversations), which ask it without importing each other.

use uuid::Uuid;

use crate::auth::Actor;
use crate::db::Tx;
use crate::error::ApiResult;
use crate::on_tx;

/// Whether `viewer` may see `person_id`'s profile.
pub async fn can_see(tx: &mut Tx, viewer: &Actor, person_id: Uuid) -> ApiResult<bool> {
    if viewer.person_id == person_id || viewer.is_federation_admin {
        return Ok(true);
    }
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM people p WHERE p.id = $1 AND p.deactivated_at IS NULL AND ( \
            p.organisation_id = $2 OR p.directory_visibility = 'federation' \
            OR EXISTS (SELECT 1 FROM organisation_managers m WHERE m.organisation_id = p.organisation_id AND m.person_id = $3) \
            OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON a.group_id = b.group_id JOIN groups g ON g.id = a.group_id WHERE a.person_id = $3 AND b.person_id = p.id AND (g.visibility = 'private' OR b.role <> 'member')))")
        .bind(person_id).bind(viewer.organisation_id).bind(viewer.person_id).fetch_optional(c).await)?;
    Ok(found.is_some())
}

/// Those of `people` whom `viewer` may see (the same rule as [`can_see`]), in one statement.
pub async fn visible_among(tx: &mut Tx, viewer: &Actor, people: &[Uuid]) -> ApiResult<Vec<Uuid>> {
    if viewer.is_federation_admin {
        let sql = format!("SELECT id FROM people WHERE id IN ({}) AND deactivated_at IS NULL", tx.id_set(1));
        let found: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(crate::db::ids_json(people)).fetch_all(c).await)?;
        return Ok(found);
    }
    let sql = format!(
        "SELECT p.id FROM people p WHERE p.id IN ({}) AND p.deactivated_at IS NULL AND ( \
            p.id = $3 OR p.organisation_id = $2 OR p.directory_visibility = 'federation' \
            OR EXISTS (SELECT 1 FROM organisation_managers m WHERE m.organisation_id = p.organisation_id AND m.person_id = $3) \
            OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON a.group_id = b.group_id JOIN groups g ON g.id = a.group_id WHERE a.person_id = $3 AND b.person_id = p.id AND (g.visibility = 'private' OR b.role <> 'member')))",
        tx.id_set(1)
    );
    let found: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(crate::db::ids_json(people)).bind(viewer.organisation_id).bind(viewer.person_id).fetch_all(c).await)?;
    Ok(found)
}
