//! Calendar feeds: who may make one of what, the secret that opens it (256 random
//! bits, shown once, stored as SHA-256), revoking and rotating, and opening a feed by
//! its token for the calendar app that polls it. What a feed holds is in `document`.

pub mod document;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use super::sessions::{hash_secret, random_token};
use super::{audit, desks, Actor, Context, Error};
use crate::domain::feed::{Feed, FeedKind, DEFAULT_DAYS_AHEAD, DEFAULT_DAYS_BACK, MAX_DAYS_AHEAD, MAX_DAYS_BACK};
use crate::domain::{InvalidValue, Person};
use crate::store::{self, DbConnection};

/// `POST /api/feeds`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFeed {
    pub kind: FeedKind,
    /// The person, team or desk id.
    pub target: String,
    /// Days before today the feed holds (default 60, at most 366).
    #[serde(default)]
    pub days_back: Option<u32>,
    /// Days after today the feed holds (default 180, at most 366).
    #[serde(default)]
    pub days_ahead: Option<u32>,
}

/// A feed with the secret that opens it: only ever in the answer that made it.
#[derive(Debug, Clone)]
pub struct Issued {
    pub feed: Feed,
    pub token: String,
    /// What it shows, by name.
    pub target_name: String,
}

/// A feed as its owner lists it, with what it shows by name.
#[derive(Debug, Clone)]
pub struct Listed {
    pub feed: Feed,
    pub target_name: String,
}

/// The target's name if `actor` may read it: a person themselves (or whom they
/// manage), a team they are in, a desk one of their teams staffs; admins anything.
/// None when the target does not exist.
fn readable_target(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: FeedKind,
    target: &str,
) -> Result<Option<(String, bool)>, Error> {
    Ok(match kind {
        FeedKind::Person => store::people::find(conn, target)?.map(|p: Person| {
            let may = p.active && (actor.id == p.id || actor.is_admin() || actor.manages_person(&p));
            (p.name, may)
        }),
        FeedKind::Team => store::teams::find(conn, target)?.map(|t| (t.name, actor.reads_team(target))),
        FeedKind::Desk => match desks::find(conn, target) {
            Ok(desk) => Some((desk.name.clone(), desk.archived_at.is_none() && actor.reads_desk(&desk))),
            Err(Error::NotFound(_)) => None,
            Err(e) => Err(e)?,
        },
    })
}

fn window(days: Option<u32>, default: u32, most: u32, field: &str) -> Result<u32, InvalidValue> {
    let days = days.unwrap_or(default);
    if days > most {
        return Err(InvalidValue::new(field, "out_of_range", format!("at most {most} days")));
    }
    Ok(days)
}

/// Makes a feed of something the actor may read; the answer carries its secret once.
pub fn create(ctx: &Context, actor: &Actor, input: Result<NewFeed, Error>) -> Result<Issued, Error> {
    let input = input?;
    let days_back = window(input.days_back, DEFAULT_DAYS_BACK, MAX_DAYS_BACK, "days_back")?;
    let days_ahead = window(input.days_ahead, DEFAULT_DAYS_AHEAD, MAX_DAYS_AHEAD, "days_ahead")?;
    let now = ctx.now();
    ctx.write(|conn| {
        let Some((target_name, may)) = readable_target(conn, actor, input.kind, &input.target)? else {
            return Err(InvalidValue::new(
                "target",
                "unknown_target",
                format!("no {} has this id", input.kind.as_str()),
            )
            .into());
        };
        Error::require(may)?;
        let token = random_token();
        let feed = Feed {
            id: store::new_id(),
            owner_id: actor.id.clone(),
            kind: input.kind,
            target_id: input.target.clone(),
            days_back,
            days_ahead,
            created_at: now,
            rotated_at: None,
            revoked_at: None,
            last_fetched_at: None,
            last_user_agent: None,
        };
        store::feeds::insert(conn, &feed, &hash_secret(&token))?;
        let detail = serde_json::json!({"kind": feed.kind.as_str(), "target": feed.target_id});
        audit::record(conn, now, &actor.id, "create", "feed", &feed.id, detail)?;
        Ok(Issued { feed, token, target_name })
    })
}

/// My feeds that still work, newest first, with their targets by name.
pub fn list(ctx: &Context, actor: &Actor) -> Result<Vec<Listed>, Error> {
    ctx.read(|conn| {
        let feeds = store::feeds::of_owner(conn, &actor.id)?;
        let mut out = Vec::with_capacity(feeds.len());
        for feed in feeds {
            let target_name =
                readable_target(conn, actor, feed.kind, &feed.target_id)?.map(|(n, _)| n).unwrap_or_default();
            out.push(Listed { feed, target_name });
        }
        Ok(out)
    })
}

/// One of my feeds (others' are not found: their existence is not mine to know).
fn mine(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<Feed, Error> {
    match store::feeds::find(conn, id)? {
        Some(feed) if feed.owner_id == actor.id && feed.revoked_at.is_none() => Ok(feed),
        _ => Err(Error::NotFound("feed")),
    }
}

/// Revokes one of my feeds: its URL opens nothing from now on.
pub fn revoke(ctx: &Context, actor: &Actor, id: &str) -> Result<(), Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let feed = mine(conn, actor, id)?;
        store::feeds::revoke(conn, &feed.id, now)?;
        audit::record(conn, now, &actor.id, "revoke", "feed", &feed.id, serde_json::json!({}))
    })
}

/// A new secret for one of my feeds; the old URL opens nothing from now on.
pub fn rotate(ctx: &Context, actor: &Actor, id: &str) -> Result<Issued, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let mut feed = mine(conn, actor, id)?;
        let token = random_token();
        store::feeds::rotate(conn, &feed.id, &hash_secret(&token), now)?;
        audit::record(conn, now, &actor.id, "rotate", "feed", &feed.id, serde_json::json!({}))?;
        feed.rotated_at = Some(now);
        let target_name = readable_target(conn, actor, feed.kind, &feed.target_id)?.map(|(n, _)| n).unwrap_or_default();
        Ok(Issued { feed, token, target_name })
    })
}

/// A feed opened by its token, and what its render depends on: the calendars counter
/// (every recorded change moves it, in every process sharing the database) and the
/// feed's first day (the window moves at midnight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub feed: Feed,
    /// Its owner's zone, in which its days are counted.
    pub zone: String,
    pub counter: i64,
    /// When the counter last moved: a feed is never older than that (an event gone or
    /// a name changed leaves no newer stamp in it).
    pub changed: Option<DateTime<Utc>>,
    /// The first day of its window, in its owner's zone.
    pub first_day: chrono::NaiveDate,
}

/// The feed the token with this hash opens, if any (unknown and revoked alike: None).
/// `known` is what this process found for the token before: while the counter has not
/// moved since, nothing about the feed can have changed (revoking, rotating, a seat or
/// an owner deactivated all move it), so one read of the counter is all a poll costs.
pub fn open(ctx: &Context, token_hash: &str, known: Option<&Opened>) -> Result<Option<Opened>, Error> {
    let now = ctx.now();
    ctx.read(|conn| {
        let (counter, changed) = store::feeds::calendar_counter(conn)?;
        let (feed, zone) = match known {
            Some(k) if k.counter == counter => (k.feed.clone(), k.zone.clone()),
            _ => match store::feeds::by_token_hash(conn, token_hash)? {
                Some(found) => found,
                None => return Ok(None),
            },
        };
        let first_day = document::first_day(&feed, crate::domain::time_zone::stored_zone(&zone), now);
        Ok(Some(Opened { feed, zone, counter, changed, first_day }))
    })
}

/// Records that a calendar app fetched the feed (the caller does so at most once a
/// minute per feed, off the request's path).
pub fn record_fetch(ctx: &Context, feed_id: &str, at: DateTime<Utc>, user_agent: &str) -> Result<(), Error> {
    let agent: String = user_agent.chars().filter(|c| !c.is_control()).take(200).collect();
    ctx.write(|conn| Ok(store::feeds::record_fetch(conn, feed_id, at, &agent)?))
}
