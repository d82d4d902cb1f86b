//! The organisation's rules: admins write them, everyone signed in reads them.

use super::{audit, Actor, Context, Error, IfVersion};
use crate::domain::settings::{OrgRules, Settings};
use crate::store::{self, DbConnection};

/// The stored rules and, when `ROTA_PUBLIC_URL` is set, the base URL it imposes.
#[derive(Debug, Clone)]
pub struct SettingsView {
    pub settings: Settings,
    /// The base URL links use: the environment's, else the stored one.
    pub effective_public_base_url: Option<String>,
    pub public_base_url_from_environment: bool,
}

fn view(ctx: &Context, settings: Settings) -> SettingsView {
    let from_env = ctx.public_url.clone();
    SettingsView {
        effective_public_base_url: from_env.clone().or_else(|| settings.rules.public_base_url.clone()),
        public_base_url_from_environment: from_env.is_some(),
        settings,
    }
}

/// The rules in force, for other use cases (inside their own transaction).
pub fn rules(conn: &mut DbConnection) -> Result<OrgRules, Error> {
    Ok(store::settings::get(conn)?.rules)
}

/// The base URL people reach the service at, when one is known (`ROTA_PUBLIC_URL`,
/// else the stored setting): pages check a post's origin against it and mark their
/// cookie `Secure` when it is https. Needs no caller: the sign-in page asks too.
pub fn public_base_url(ctx: &Context) -> Result<Option<String>, Error> {
    if let Some(url) = &ctx.public_url {
        return Ok(Some(url.clone()));
    }
    Ok(ctx.read(|conn| Ok(store::settings::get(conn)?))?.rules.public_base_url)
}

pub fn get(ctx: &Context, _actor: &Actor) -> Result<SettingsView, Error> {
    let settings = ctx.read(|conn| Ok(store::settings::get(conn)?))?;
    Ok(view(ctx, settings))
}

/// Replaces the rules (admins only); fields left out take their defaults.
pub fn put(
    ctx: &Context,
    actor: &Actor,
    expected_version: Result<IfVersion, Error>,
    rules: Result<OrgRules, Error>,
) -> Result<SettingsView, Error> {
    Error::require(actor.is_admin())?;
    let (expected_version, rules) = (expected_version?, rules?);
    let rules = rules.validated()?;
    let now = ctx.now();
    let saved = ctx.write(|conn| {
        let current = store::settings::get(conn)?;
        let saved = store::settings::put(conn, &rules, expected_version.against(current.version), now)?;
        let detail = serde_json::to_value(&rules).unwrap_or_default();
        audit::record(conn, now, &actor.id, "update", "settings", "1", detail)?;
        Ok(saved)
    })?;
    Ok(view(ctx, saved))
}
