//! `GET/PUT /api/me/preferences`: a person's wishes, fed to the planner as requests.

use serde::Deserialize;
use utoipa::ToSchema;

use super::{Actor, Context, Error, IfVersion};
use crate::domain::preference::{Preference, MAX_PREFERENCES};
use crate::domain::InvalidValue;
use crate::store;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferenceList {
    pub items: Vec<Preference>,
}

/// My preferences and their version.
pub fn mine(ctx: &Context, actor: &Actor) -> Result<(Vec<Preference>, i64), Error> {
    ctx.read(|conn| Ok(store::preferences::of_person(conn, &actor.id)?))
}

/// Replaces my preferences (If-Match on their version; `"0"` or `*` the first time).
pub fn put(
    ctx: &Context,
    actor: &Actor,
    expected_version: Result<IfVersion, Error>,
    list: Result<PreferenceList, Error>,
) -> Result<(Vec<Preference>, i64), Error> {
    let (expected_version, list) = (expected_version?, list?);
    change(ctx, actor, expected_version, |items| {
        *items = list.items;
        Ok(())
    })
}

/// Adds one wish to my list (the page's form); its fields are named `wish.…` in an
/// error.
pub fn add(
    ctx: &Context,
    actor: &Actor,
    expected_version: IfVersion,
    wish: Preference,
) -> Result<(Vec<Preference>, i64), Error> {
    wish.validate("wish")?;
    change(ctx, actor, expected_version, |items| {
        items.push(wish);
        Ok(())
    })
}

/// Removes the wish at `index` (as listed by [`mine`]).
pub fn remove(
    ctx: &Context,
    actor: &Actor,
    expected_version: IfVersion,
    index: usize,
) -> Result<(Vec<Preference>, i64), Error> {
    change(ctx, actor, expected_version, |items| {
        if index >= items.len() {
            return Err(Error::NotFound("preference"));
        }
        items.remove(index);
        Ok(())
    })
}

/// Reads my list, edits it and stores it in one transaction, if its version is
/// still the one expected; every list stored passes the same checks.
fn change(
    ctx: &Context,
    actor: &Actor,
    expected_version: IfVersion,
    edit: impl FnOnce(&mut Vec<Preference>) -> Result<(), Error>,
) -> Result<(Vec<Preference>, i64), Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let (mut items, current) = store::preferences::of_person(conn, &actor.id)?;
        let expected = expected_version.against(current);
        if expected != current {
            return Err(Error::Stale);
        }
        edit(&mut items)?;
        check(&items)?;
        let version = store::preferences::put(conn, &actor.id, &items, expected, now)?;
        Ok((items, version))
    })
}

fn check(items: &[Preference]) -> Result<(), Error> {
    if items.len() > MAX_PREFERENCES {
        return Err(InvalidValue::new("items", "too_many", format!("at most {MAX_PREFERENCES} preferences")).into());
    }
    for (i, item) in items.iter().enumerate() {
        item.validate(&format!("items[{i}]"))?;
    }
    Ok(())
}
