//! Logins, the caller behind a token, and a person's own password.

pub mod hasher;
pub mod throttle;

use super::{audit, Actor, Context, Error};
use crate::domain::{has_control_character, InvalidValue, Person};
use crate::store::{self, login_attempts, people::PasswordHash};

pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn check_password_strength(field: &str, password: &str) -> Result<(), InvalidValue> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(InvalidValue::new(
            field,
            "weak_password",
            format!("a password needs at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

/// The lookup key of an email as typed at login.
fn email_key(email: &str) -> Result<String, Error> {
    let key = email.trim().to_lowercase();
    // No account's address has a control character; PostgreSQL would refuse the NUL
    // byte of one in the attempt counter with an error.
    if has_control_character(&key) {
        return Err(InvalidValue::new("email", "invalid_email", "an email address has no control characters").into());
    }
    Ok(key)
}

/// Checks `password` for the account `email_key`, counting the attempt first.
///
/// The attempt is reserved in the database before any hashing, in one statement per
/// counter, so guesses sent at once are counted one after the other in every process:
/// the sixth is refused however many arrive together. A wrong password keeps its
/// count; a right one clears the account's failures; an attempt the server was too
/// busy to judge is given back. No connection is held while hashing.
fn checked_password(ctx: &Context, email_key: &str, client_addr: &str, password: &str) -> Result<Person, Error> {
    let now = ctx.now();
    let counters = throttle::counters(email_key, client_addr, now);
    // A plain read first: while a lockout lasts, refusing costs no write lock (on
    // SQLite every write waits for the one writer). The reservation below decides.
    ctx.read(|conn| {
        for counter in &counters {
            if login_attempts::count(conn, counter.scope, &counter.subject, counter.window_start)? >= counter.limit {
                return Err(Error::TooManyAttempts { retry_after_seconds: counter.retry_after(now) });
            }
        }
        Ok(())
    })?;
    let (person, hash) = ctx.write(|conn| {
        for counter in &counters {
            let attempts = login_attempts::reserve(conn, counter.scope, &counter.subject, counter.window_start)?;
            if attempts > counter.limit {
                // Returning an error rolls the reservations back: a refused attempt
                // does not push the end of the lockout further.
                return Err(Error::TooManyAttempts { retry_after_seconds: counter.retry_after(now) });
            }
        }
        let person = store::people::find_by_email(conn, email_key)?.filter(|p| p.active);
        let hash = match &person {
            Some(person) => store::people::password_hash(conn, &person.id)?,
            None => None,
        };
        Ok((person, hash))
    })?;
    let verdict = ctx.hasher.verify(password, hash.as_deref());
    let give_back = |counters: &[throttle::Counter]| {
        ctx.write(|conn| {
            for counter in counters {
                login_attempts::release(conn, counter.scope, &counter.subject, counter.window_start)?;
            }
            Ok(())
        })
    };
    match (verdict, person) {
        (Err(busy), _) => {
            give_back(&counters)?;
            Err(busy)
        }
        (Ok(true), Some(person)) => {
            // Not a failure: the account's failures are forgotten and this attempt is
            // taken off the address; the burst counter keeps it.
            ctx.write(|conn| Ok(login_attempts::clear(conn, counters[0].scope, email_key)?))?;
            give_back(&counters[1..2])?;
            Ok(person)
        }
        _ => {
            ctx.write(|conn| {
                let oldest_live = throttle::window_start(now, throttle::FAILURE_WINDOW_MINUTES);
                Ok(login_attempts::prune(conn, oldest_live)?)
            })?;
            Err(Error::InvalidCredentials)
        }
    }
}

/// Email and password in, the person out. Unknown email, no password, deactivated
/// account and wrong password all give the same answer.
pub fn login(ctx: &Context, email: &str, password: &str, client_addr: &str) -> Result<Person, Error> {
    let key = email_key(email)?;
    let person = checked_password(ctx, &key, client_addr, password)?;
    tracing::info!(person = %person.id, "login");
    Ok(person)
}

/// The acting person behind a verified token: still active, and the token issued
/// under their current generation (a password, role or active change since then
/// ends every older token).
pub fn authenticate(ctx: &Context, person_id: &str, token_generation: i64) -> Result<Actor, Error> {
    let person = ctx.read(|conn| Ok(store::people::find(conn, person_id)?))?;
    match person {
        Some(person) if person.active && person.token_generation == token_generation => Ok(Actor::of(&person)),
        Some(person) if person.active => {
            Err(Error::Unauthenticated("this token was issued before a password or role change; log in again"))
        }
        _ => Err(Error::Unauthenticated("this account no longer exists or is deactivated")),
    }
}

/// A person changes their own password, proving the current one. Every older token
/// and session dies; the caller gets the person back to issue a new one.
pub fn change_own_password(
    ctx: &Context,
    actor: &Actor,
    current: &str,
    new: &str,
    client_addr: &str,
) -> Result<Person, Error> {
    check_password_strength("new_password", new)?;
    let me = ctx.read(|conn| store::people::find(conn, &actor.id)?.ok_or(Error::NotFound("person")))?;
    // The same counted check as a login: a stolen token is no way around the limit.
    match checked_password(ctx, &me.email_key, client_addr, current) {
        Err(Error::InvalidCredentials) => {
            return Err(InvalidValue::new("current_password", "wrong_password", "the current password is wrong").into())
        }
        other => other?,
    };
    let hash = ctx.hasher.hash(new)?;
    let now = ctx.now();
    ctx.write(|conn| {
        let mut person = store::people::find(conn, &actor.id)?.ok_or(Error::NotFound("person"))?;
        let version = person.version;
        person.token_generation += 1;
        let saved = store::people::update(conn, &person, version, now, PasswordHash::Set(&hash))?;
        audit::record(conn, now, &actor.id, "change_password", "person", &actor.id, serde_json::json!({}))?;
        Ok(saved)
    })
}
