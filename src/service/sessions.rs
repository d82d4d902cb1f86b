//! Sign-in sessions of the web pages: opened by the same login as the API (same
//! throttling, lockout and timing), proven by a cookie secret whose SHA-256 is all the
//! database holds, and ended by sign-out, expiry, idleness, deactivation, or the token
//! generation bump of a password or role change.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{auth, Actor, Context, Error};
use crate::domain::session::{Session, IDLE_TIMEOUT, SESSION_LIFETIME};
use crate::domain::Person;
use crate::store;

/// A session just opened: the secret for the cookie (shown only here) and the person.
pub struct Opened {
    pub secret: String,
    pub session: Session,
    pub person: Person,
}

/// A signed-in page request: who, and the session's CSRF token for its forms.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub person: Person,
    pub csrf_token: String,
}

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_secret(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Signs in with email and password: the API's login, then a new session.
pub fn sign_in(ctx: &Context, email: &str, password: &str, client_addr: &str) -> Result<Opened, Error> {
    let person = auth::login(ctx, email, password, client_addr)?;
    open(ctx, person)
}

/// Changes my password with the API's rules (the current one checked and counted like
/// a login). Every session and token of mine ends with the old generation; this
/// browser gets a new session so the person who just proved their password stays in.
pub fn change_password(
    ctx: &Context,
    actor: &Actor,
    current: &str,
    new: &str,
    client_addr: &str,
) -> Result<Opened, Error> {
    let person = auth::change_own_password(ctx, actor, current, new, client_addr)?;
    open(ctx, person)
}

fn open(ctx: &Context, person: Person) -> Result<Opened, Error> {
    let now = ctx.now();
    let secret = random_token();
    let session = Session {
        id_hash: hash_secret(&secret),
        person_id: person.id.clone(),
        token_generation: person.token_generation,
        csrf_token: random_token(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + SESSION_LIFETIME,
    };
    ctx.write(|conn| {
        store::sessions::prune(conn, now, now - IDLE_TIMEOUT)?;
        Ok(store::sessions::insert(conn, &session)?)
    })?;
    Ok(Opened { secret, session, person })
}

/// The person behind a session cookie, if the session still holds.
pub fn resolve(ctx: &Context, secret: &str) -> Result<SignedIn, Error> {
    let now = ctx.now();
    let id_hash = hash_secret(secret);
    let ended = || Error::Unauthenticated("your session has ended; sign in again");
    let (session, person) = ctx
        .read(|conn| {
            let Some(session) = store::sessions::find(conn, &id_hash)? else { return Ok(None) };
            let person = store::people::find(conn, &session.person_id)?;
            Ok(person.map(|p| (session, p)))
        })?
        .ok_or_else(ended)?;
    let holds = session.is_live(now) && person.active && person.token_generation == session.token_generation;
    if !holds {
        ctx.write(|conn| Ok(store::sessions::delete(conn, &id_hash)?))?;
        return Err(ended());
    }
    if session.needs_touch(now) {
        ctx.write(|conn| Ok(store::sessions::touch(conn, &id_hash, now)?))?;
    }
    Ok(SignedIn { actor: Actor::of(&person), person, csrf_token: session.csrf_token })
}

/// Ends the session of this cookie secret (nothing to do when it is unknown).
pub fn sign_out(ctx: &Context, secret: &str) -> Result<(), Error> {
    let id_hash = hash_secret(secret);
    ctx.write(|conn| Ok(store::sessions::delete(conn, &id_hash)?))
}
