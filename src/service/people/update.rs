use super::input::PersonChanges;
use crate::domain::{Person, Role};
use crate::service::{admins, audit, Actor, Context, Error, IfVersion};
use crate::store::{self, people::PasswordHash};

/// Whether `actor` may make `changes` to `person`. Members may change their own name
/// and time zone; managers the people of their teams, but not roles, passwords,
/// admins, or whether someone is active (deactivation is an admin's call, like
/// deletion); admins anything.
fn authorize(actor: &Actor, person: &Person, changes: Option<&PersonChanges>) -> Result<(), Error> {
    let is_self = actor.id == person.id;
    let manages = actor.manages_person(person);
    // Whether the caller may touch this person at all is answered before their
    // input is judged; which fields they may touch after.
    Error::require(is_self || actor.is_admin() || manages)?;
    let Some(changes) = changes else { return Ok(()) };
    let manager_may = manages
        && person.role != Role::Admin
        && changes.role.is_none()
        && changes.password.is_none()
        && changes.active.is_none();
    Error::require(actor.is_admin() || manager_may || (is_self && changes.only_self_service_fields()))
}

pub fn update(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
    changes: Result<PersonChanges, Error>,
) -> Result<Person, Error> {
    let person = ctx.read(|conn| store::people::find(conn, id)?.ok_or(Error::NotFound("person")))?;
    authorize(actor, &person, None)?;
    let (expected_version, changes) = (expected_version?, changes?);
    authorize(actor, &person, Some(&changes))?;
    if let Some(password) = &changes.password {
        crate::service::auth::check_password_strength("password", password)?;
    }
    // Hashed before the transaction: no connection waits on argon2.
    let hash = changes.password.as_deref().map(|password| ctx.hasher.hash(password)).transpose()?;
    let now = ctx.now();
    ctx.write(|conn| {
        let before = store::people::find(conn, id)?.ok_or(Error::NotFound("person"))?;
        authorize(actor, &before, Some(&changes))?;
        let mut after = before.clone();
        changes.apply(&mut after)?;
        admins::ensure_an_admin_remains(conn, &before, Some(&after))?;
        let password = hash.as_deref().map_or(PasswordHash::Keep, PasswordHash::Set);
        let saved = store::people::update(conn, &after, expected_version.against(before.version), now, password)?;
        audit::record(conn, now, &actor.id, "update", "person", id, serde_json::json!({"version": saved.version}))?;
        if before.active && !saved.active {
            crate::service::rosters::release::release_future_shifts(conn, now, &actor.id, &saved)?;
        }
        Ok(saved)
    })
}
