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
    if list.items.len() > MAX_PREFERENCES {
        return Err(InvalidValue::new("items", "too_many", format!("at most {MAX_PREFERENCES} preferences")).into());
    }
    for (i, item) in list.items.iter().enumerate() {
        item.validate(&format!("items[{i}]"))?;
    }
    let now = ctx.now();
    ctx.write(|conn| {
        let (_, current) = store::preferences::of_person(conn, &actor.id)?;
        let version = store::preferences::put(conn, &actor.id, &list.items, expected_version.against(current), now)?;
        Ok((list.items.clone(), version))
    })
}
