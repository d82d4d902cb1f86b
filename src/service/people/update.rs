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

/// Which of a person's fields `actor` may change, as [`update`] allows them: what an
/// edit form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditScope {
    /// Admins: every field, role and whether the person is active included.
    Everything,
    /// Managers of one of the person's teams: all but role, password and active.
    TeamFields,
    /// The person themselves: their name and time zone.
    OwnNameAndZone,
    Nothing,
}

pub fn edit_scope(actor: &Actor, person: &Person) -> EditScope {
    if actor.is_admin() {
        EditScope::Everything
    } else if actor.manages_person(person) && person.role != Role::Admin {
        EditScope::TeamFields
    } else if actor.id == person.id {
        EditScope::OwnNameAndZone
    } else {
        EditScope::Nothing
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Contract, TeamRole};

    use crate::domain::person::sample as person;

    fn team_fields() -> PersonChanges {
        PersonChanges {
            name: Some("n".into()),
            email: Some("e@example.com".into()),
            time_zone: Some("UTC".into()),
            holiday_region: Some("DE".into()),
            contract: Some(Contract::default()),
            ..PersonChanges::default()
        }
    }

    /// The form offers exactly what `update` then allows: each scope's fields pass
    /// `authorize`, and the next wider scope's do not.
    #[test]
    fn the_edit_scope_is_what_update_authorizes() {
        let mut boss = person("boss", Role::Manager, "a");
        boss.teams[0].role = TeamRole::Manager;
        let manager = Actor::of(&boss);
        let member = person("m", Role::Member, "a");
        assert_eq!(edit_scope(&manager, &member), EditScope::TeamFields);
        assert!(authorize(&manager, &member, Some(&team_fields())).is_ok());
        let role = PersonChanges { role: Some(Role::Manager), ..PersonChanges::default() };
        assert!(authorize(&manager, &member, Some(&role)).is_err());

        let own = Actor::of(&member);
        assert_eq!(edit_scope(&own, &member), EditScope::OwnNameAndZone);
        let name_zone =
            PersonChanges { name: Some("n".into()), time_zone: Some("UTC".into()), ..PersonChanges::default() };
        assert!(authorize(&own, &member, Some(&name_zone)).is_ok());
        assert!(authorize(&own, &member, Some(&team_fields())).is_err());

        let admin_person = person("x", Role::Admin, "a");
        assert_eq!(edit_scope(&manager, &admin_person), EditScope::Nothing);
        assert!(authorize(&manager, &admin_person, Some(&name_zone)).is_err());
        let admin = Actor::of(&person("root", Role::Admin, "b"));
        assert_eq!(edit_scope(&admin, &admin_person), EditScope::Everything);
        assert!(authorize(&admin, &member, Some(&role)).is_ok());
        assert_eq!(edit_scope(&Actor::of(&person("z", Role::Member, "b")), &member), EditScope::Nothing);
    }
}
