//! Calendar feeds, the change counter their renders are keyed by, and what a feed
//! shows: published shifts with their desks and how often each shift's people changed.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::assignments::{from_row as assignment_from_row, AssignmentRow};
use super::rosters::{shift_from_row, ShiftRow};
use super::schema::{assignments, change_counters, desks, feeds, people, roster_shifts, rosters, shift_changes};
use super::{stored, DbConnection, StoreError};
use crate::domain::feed::{Feed, FeedKind};
use crate::domain::roster::{Assignment, RosterShift, RosterStatus};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = feeds)]
struct FeedRow {
    id: String,
    owner_id: String,
    kind: String,
    target_id: String,
    token_hash: String,
    days_back: i32,
    days_ahead: i32,
    created_at: NaiveDateTime,
    rotated_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
    last_fetched_at: Option<NaiveDateTime>,
    last_user_agent: Option<String>,
}

fn from_row(row: FeedRow) -> Result<Feed, StoreError> {
    let corrupt = |what| StoreError::Corrupt { entity: "feed", id: row.id.clone(), what };
    Ok(Feed {
        kind: FeedKind::parse(&row.kind).ok_or_else(|| corrupt("kind"))?,
        days_back: u32::try_from(row.days_back).map_err(|_| corrupt("days_back"))?,
        days_ahead: u32::try_from(row.days_ahead).map_err(|_| corrupt("days_ahead"))?,
        created_at: row.created_at.and_utc(),
        rotated_at: row.rotated_at.map(|t| t.and_utc()),
        revoked_at: row.revoked_at.map(|t| t.and_utc()),
        last_fetched_at: row.last_fetched_at.map(|t| t.and_utc()),
        last_user_agent: row.last_user_agent,
        id: row.id,
        owner_id: row.owner_id,
        target_id: row.target_id,
    })
}

pub fn insert(conn: &mut DbConnection, feed: &Feed, token_hash: &str) -> Result<(), StoreError> {
    let days = |d: u32| i32::try_from(d).unwrap_or(i32::MAX);
    let row = FeedRow {
        id: feed.id.clone(),
        owner_id: feed.owner_id.clone(),
        kind: feed.kind.as_str().to_string(),
        target_id: feed.target_id.clone(),
        token_hash: token_hash.to_string(),
        days_back: days(feed.days_back),
        days_ahead: days(feed.days_ahead),
        created_at: stored(feed.created_at),
        rotated_at: None,
        revoked_at: None,
        last_fetched_at: None,
        last_user_agent: None,
    };
    diesel::insert_into(feeds::table).values(row).execute(conn)?;
    Ok(())
}

/// The feed a token opens (not revoked), with its owner's zone: one indexed read.
pub fn by_token_hash(conn: &mut DbConnection, token_hash: &str) -> Result<Option<(Feed, String)>, StoreError> {
    let row: Option<(FeedRow, String)> = feeds::table
        .inner_join(people::table)
        .filter(feeds::token_hash.eq(token_hash).and(feeds::revoked_at.is_null()))
        .select((FeedRow::as_select(), people::time_zone))
        .first(conn)
        .optional()?;
    row.map(|(feed, zone)| Ok((from_row(feed)?, zone))).transpose()
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Feed>, StoreError> {
    let row: Option<FeedRow> = feeds::table.find(id).select(FeedRow::as_select()).first(conn).optional()?;
    row.map(from_row).transpose()
}

/// A person's feeds that still work, newest first.
pub fn of_owner(conn: &mut DbConnection, owner_id: &str) -> Result<Vec<Feed>, StoreError> {
    let rows: Vec<FeedRow> = feeds::table
        .filter(feeds::owner_id.eq(owner_id).and(feeds::revoked_at.is_null()))
        .order((feeds::created_at.desc(), feeds::id.asc()))
        .select(FeedRow::as_select())
        .load(conn)?;
    rows.into_iter().map(from_row).collect()
}

pub fn revoke(conn: &mut DbConnection, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = diesel::update(feeds::table.find(id).filter(feeds::revoked_at.is_null()))
        .set(feeds::revoked_at.eq(Some(stored(now))))
        .execute(conn)?;
    Ok(changed > 0)
}

/// A new secret for the feed; the old one opens nothing from now on.
pub fn rotate(conn: &mut DbConnection, id: &str, token_hash: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = diesel::update(feeds::table.find(id).filter(feeds::revoked_at.is_null()))
        .set((feeds::token_hash.eq(token_hash), feeds::rotated_at.eq(Some(stored(now)))))
        .execute(conn)?;
    Ok(changed > 0)
}

/// When the feed was last fetched and by what (written at most once a minute per feed).
pub fn record_fetch(conn: &mut DbConnection, id: &str, at: DateTime<Utc>, user_agent: &str) -> Result<(), StoreError> {
    diesel::update(feeds::table.find(id))
        .set((feeds::last_fetched_at.eq(Some(stored(at))), feeds::last_user_agent.eq(Some(user_agent))))
        .execute(conn)?;
    Ok(())
}

const CALENDARS: &str = "calendars";

/// The calendars counter now and when it last moved (0 and None on a database that
/// has not changed since migrating).
pub fn calendar_counter(conn: &mut DbConnection) -> Result<(i64, Option<DateTime<Utc>>), StoreError> {
    let row: Option<(i64, Option<NaiveDateTime>)> = change_counters::table
        .find(CALENDARS)
        .select((change_counters::value, change_counters::changed_at))
        .first(conn)
        .optional()?;
    Ok(row.map_or((0, None), |(value, at)| (value, at.map(|t| t.and_utc()))))
}

/// Moves the calendars counter; the last statement of a transaction that changed something.
pub fn bump_calendar_counter(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<(), StoreError> {
    diesel::update(change_counters::table.find(CALENDARS))
        .set((change_counters::value.eq(change_counters::value + 1), change_counters::changed_at.eq(Some(stored(now)))))
        .execute(conn)?;
    Ok(())
}

/// Counts a change of the people on `shift_ids` (an assignment added, removed or given
/// to someone else); call inside the transaction of the change.
pub fn bump_shifts(conn: &mut DbConnection, shift_ids: &[String], now: DateTime<Utc>) -> Result<(), StoreError> {
    use diesel::upsert::excluded;
    let mut ids: Vec<&String> = shift_ids.iter().collect();
    // Sorted: concurrent writers lock the rows in the same order.
    ids.sort();
    ids.dedup();
    for chunk in ids.chunks(300) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|id| {
                (
                    shift_changes::shift_id.eq(id.as_str()),
                    shift_changes::sequence.eq(1_i64),
                    shift_changes::changed_at.eq(stored(now)),
                )
            })
            .collect();
        // One upsert: two writers touching a new shift at once cannot collide on it.
        let upsert = diesel::insert_into(shift_changes::table)
            .values(rows)
            .on_conflict(shift_changes::shift_id)
            .do_update()
            .set((
                shift_changes::sequence.eq(shift_changes::sequence + 1),
                shift_changes::changed_at.eq(excluded(shift_changes::changed_at)),
            ));
        match conn {
            DbConnection::Postgresql(pg) => upsert.execute(pg)?,
            DbConnection::Sqlite(sqlite) => upsert.execute(sqlite)?,
        };
    }
    Ok(())
}

/// A published shift with its desk and how often its people changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedShift {
    pub shift: RosterShift,
    pub desk_id: String,
    pub desk_name: String,
    pub desk_time_zone: String,
    /// Changes of the people on it (0: as published).
    pub changes: i64,
    /// The last of them, else when its roster was published.
    pub changed_at: DateTime<Utc>,
}

type ShiftJoin = (ShiftRow, String, String, String, Option<NaiveDateTime>, NaiveDateTime, Option<(i64, NaiveDateTime)>);

fn feed_shift(row: ShiftJoin) -> Result<FeedShift, StoreError> {
    let (shift, desk_id, desk_name, desk_time_zone, published_at, updated_at, changes) = row;
    let published = published_at.unwrap_or(updated_at).and_utc();
    Ok(FeedShift {
        shift: shift_from_row(shift)?,
        desk_id,
        desk_name,
        desk_time_zone,
        changes: changes.map_or(0, |c| c.0),
        changed_at: changes.map_or(published, |c| c.1.and_utc()),
    })
}

/// The published shifts of `desk_id` that overlap `from..to`, in start order.
pub fn desk_shifts(
    conn: &mut DbConnection,
    desk_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<FeedShift>, StoreError> {
    let rows: Vec<ShiftJoin> = roster_shifts::table
        .inner_join(rosters::table.inner_join(desks::table))
        .left_join(shift_changes::table)
        .filter(desks::id.eq(desk_id))
        .filter(rosters::status.eq(RosterStatus::Published.as_str()))
        .filter(roster_shifts::starts_at.lt(stored(to)).and(roster_shifts::ends_at.gt(stored(from))))
        .select((
            ShiftRow::as_select(),
            desks::id,
            desks::name,
            desks::time_zone,
            rosters::published_at,
            rosters::updated_at,
            (shift_changes::sequence, shift_changes::changed_at).nullable(),
        ))
        .order((roster_shifts::starts_at.asc(), roster_shifts::id.asc()))
        .load(conn)?;
    rows.into_iter().map(feed_shift).collect()
}

/// The published assignments of `person_ids` on shifts that overlap `from..to`, each
/// with its shift, in start order.
pub fn assignments_of(
    conn: &mut DbConnection,
    person_ids: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Assignment, FeedShift)>, StoreError> {
    let rows: Vec<(AssignmentRow, ShiftJoin)> = assignments::table
        .inner_join(
            roster_shifts::table.inner_join(rosters::table.inner_join(desks::table)).left_join(shift_changes::table),
        )
        .filter(assignments::person_id.eq_any(person_ids))
        .filter(rosters::status.eq(RosterStatus::Published.as_str()))
        .filter(roster_shifts::starts_at.lt(stored(to)).and(roster_shifts::ends_at.gt(stored(from))))
        .select((
            AssignmentRow::as_select(),
            (
                ShiftRow::as_select(),
                desks::id,
                desks::name,
                desks::time_zone,
                rosters::published_at,
                rosters::updated_at,
                (shift_changes::sequence, shift_changes::changed_at).nullable(),
            ),
        ))
        .order((roster_shifts::starts_at.asc(), assignments::person_id.asc()))
        .load(conn)?;
    rows.into_iter().map(|(a, s)| Ok((assignment_from_row(a), feed_shift(s)?))).collect()
}
