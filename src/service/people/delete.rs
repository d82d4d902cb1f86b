use crate::domain::Person;
use crate::service::{admins, audit, Actor, Context, Error, IfVersion};
use crate::store::{self, people::PasswordHash};

/// What a deletion did.
pub enum Deleted {
    Gone,
    /// History refers to the person, so they were deactivated instead.
    Deactivated(Box<Person>),
}

/// Removes a person (admins only). Someone referenced by history (e.g. the author
/// of recorded changes) is deactivated instead, so that history stays readable.
pub fn delete(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
) -> Result<Deleted, Error> {
    Error::require(actor.is_admin())?;
    let expected_version = expected_version?;
    if id == actor.id {
        return Err(Error::conflict("cannot_remove_self", None, "ask another admin to remove you"));
    }
    let now = ctx.now();
    ctx.write(|conn| {
        let person = store::people::find(conn, id)?.ok_or(Error::NotFound("person"))?;
        let expected_version = expected_version.against(person.version);
        if store::people::has_history(conn, id)? {
            let mut after = person.clone();
            after.active = false;
            after.token_generation += 1;
            admins::ensure_an_admin_remains(conn, &person, Some(&after))?;
            let saved = store::people::update(conn, &after, expected_version, now, PasswordHash::Keep)?;
            audit::record(conn, now, &actor.id, "deactivate", "person", id, serde_json::json!({}))?;
            if person.active {
                crate::service::rosters::release::release_future_shifts(conn, now, &actor.id, &saved)?;
            }
            return Ok(Deleted::Deactivated(Box::new(saved)));
        }
        admins::ensure_an_admin_remains(conn, &person, None)?;
        store::people::delete(conn, id, expected_version)?;
        audit::record(conn, now, &actor.id, "delete", "person", id, serde_json::json!({"email": person.email}))?;
        Ok(Deleted::Gone)
    })
}
