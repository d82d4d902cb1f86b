use chrono::{DateTime, Utc};

use super::input::NewPerson;
use crate::domain::Person;
use crate::service::{audit, Actor, Context, Error};
use crate::store;

/// Checks the input and hashes its password, with no connection held.
pub fn prepare(ctx: &Context, input: NewPerson, now: DateTime<Utc>) -> Result<(Person, Option<String>), Error> {
    if let Some(password) = &input.password {
        crate::service::auth::check_password_strength("password", password)?;
    }
    let password = input.password.clone();
    let default_contract = ctx.read(crate::service::settings::rules)?.default_contract;
    let person = input.into_person(now, &default_contract)?;
    let hash = password.map(|password| ctx.hasher.hash(&password)).transpose()?;
    Ok((person, hash))
}

/// Adds a person (admins only). Emails are unique regardless of case.
pub fn create(ctx: &Context, actor: &Actor, input: Result<NewPerson, Error>) -> Result<Person, Error> {
    Error::require(actor.is_admin())?;
    let input = input?;
    let now = ctx.now();
    let (person, hash) = prepare(ctx, input, now)?;
    ctx.write(|conn| {
        store::people::insert(conn, &person, hash.as_deref())?;
        audit::record(
            conn,
            now,
            &actor.id,
            "create",
            "person",
            &person.id,
            serde_json::json!({"email": person.email}),
        )?;
        Ok(person)
    })
}
