//! The organisation always keeps an active admin, and operators can make one from
//! the command line (a fresh database has nobody who can log in).

use super::auth::check_password_strength;
use super::people::input::{NewPerson, SkillsInput};
use super::{audit, people, Context, Error};
use crate::domain::{Person, Role, Tier};
use crate::store::{self, people::PasswordHash, DbConnection};

/// Refuses a change that takes away the last active admin. `after` is None when the
/// person is deleted. Call inside the write transaction, before writing: it locks the
/// admins (see `lock_active_admins`), so two admins demoting each other at once are
/// judged one after the other and the second is refused.
pub fn ensure_an_admin_remains(conn: &mut DbConnection, before: &Person, after: Option<&Person>) -> Result<(), Error> {
    let loses_an_admin = before.is_active_admin() && !after.is_some_and(Person::is_active_admin);
    if !loses_an_admin {
        return Ok(());
    }
    let admins = store::people::lock_active_admins(conn)?;
    if admins.iter().all(|id| *id == before.id) {
        let field = after.map(|after| if after.active { "role" } else { "active" });
        return Err(Error::conflict(
            "last_admin",
            field,
            "this is the last active admin: make someone else an admin first",
        ));
    }
    Ok(())
}

pub struct NewAdmin<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub time_zone: &'a str,
    pub holiday_region: &'a str,
}

/// `rota admin create`: a new active admin, with no team.
pub fn create(ctx: &Context, admin: NewAdmin<'_>) -> Result<Person, Error> {
    let input = NewPerson {
        name: admin.name.to_string(),
        email: admin.email.to_string(),
        role: Some(Role::Admin),
        password: Some(admin.password.to_string()),
        time_zone: admin.time_zone.to_string(),
        holiday_region: admin.holiday_region.to_string(),
        skills: SkillsInput { languages: vec!["en".into()], tier: Tier::L3, channels: Vec::new() },
        contract: None,
    };
    let now = ctx.now();
    let (person, hash) = people::create::prepare(ctx, input, now)?;
    ctx.write(|conn| {
        store::people::insert(conn, &person, hash.as_deref())?;
        // No one is logged in at a terminal: the admin is recorded as their own maker.
        audit::record(
            conn,
            now,
            &person.id,
            "create",
            "person",
            &person.id,
            serde_json::json!({"via": "command line"}),
        )?;
        Ok(person)
    })
}

/// `rota admin reset-password`: sets a new password on any account (and makes it
/// active again), ending its older tokens and sessions.
pub fn reset_password(ctx: &Context, email: &str, password: &str) -> Result<Person, Error> {
    check_password_strength("password", password)?;
    let key = email.trim().to_lowercase();
    let hash = ctx.hasher.hash(password)?;
    let now = ctx.now();
    ctx.write(|conn| {
        let mut person = store::people::find_by_email(conn, &key)?.ok_or(Error::NotFound("person"))?;
        let version = person.version;
        person.active = true;
        person.token_generation += 1;
        let saved = store::people::update(conn, &person, version, now, PasswordHash::Set(&hash))?;
        let detail = serde_json::json!({"via": "command line"});
        audit::record(conn, now, &saved.id, "reset_password", "person", &saved.id, detail)?;
        Ok(saved)
    })
}
