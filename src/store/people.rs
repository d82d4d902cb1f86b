use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::error::{conflict_on, missing_or_stale};
use super::schema::{audit_events, people, team_memberships};
use super::{stored, teams, DbConnection, StoreError};
use crate::domain::contract::hh_mm;
use crate::domain::search::person_key;
use crate::domain::{Channel, Contract, Person, Role, Skills, TeamSeat, Tier};

/// A person as stored. Skills lists are JSON arrays in text columns: both
/// backends share that type, and they are always read whole.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = people, treat_none_as_null = true)]
struct PersonRow {
    id: String,
    name: String,
    email: String,
    email_normalized: String,
    role: String,
    password_hash: Option<String>,
    time_zone: String,
    holiday_region: String,
    languages: String,
    tier: String,
    channels: String,
    max_minutes_per_week: i32,
    min_rest_minutes: i32,
    max_consecutive_days: i32,
    max_nights_per_week: i32,
    volunteer_earliest: String,
    volunteer_latest: String,
    active: bool,
    version: i64,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    token_generation: i64,
    night_rule: Option<String>,
    search_key: String,
}

/// Which people a list returns, in (name, id) order after the cursor.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery {
    pub team_id: Option<String>,
    /// Only people who share a team with this person, and the person.
    pub visible_to: Option<String>,
    pub include_inactive: bool,
    /// Folded search text ([`crate::domain::search::fold`]): only people whose name
    /// or email holds it.
    pub q: Option<String>,
    pub after: Option<(String, String)>,
    pub limit: i64,
}

/// What a write does to the stored password hash.
#[derive(Debug, Clone, Copy)]
pub enum PasswordHash<'a> {
    Keep,
    Set(&'a str),
}

fn to_row(person: &Person, password_hash: Option<String>) -> Result<PersonRow, StoreError> {
    // `Contract::validate` keeps every limit within a week's minutes, far inside i32.
    let int = |value: u32| {
        i32::try_from(value).map_err(|_| StoreError::Corrupt {
            entity: "person",
            id: person.id.clone(),
            what: "contract",
        })
    };
    let corrupt = |_| StoreError::Corrupt { entity: "person", id: person.id.clone(), what: "skills" };
    Ok(PersonRow {
        id: person.id.clone(),
        name: person.name.clone(),
        email: person.email.clone(),
        email_normalized: person.email_key.clone(),
        role: person.role.as_str().to_string(),
        password_hash,
        time_zone: person.time_zone.clone(),
        holiday_region: person.holiday_region.clone(),
        languages: serde_json::to_string(&person.skills.languages).map_err(corrupt)?,
        tier: person.skills.tier.as_str().to_string(),
        channels: serde_json::to_string(&person.skills.channels).map_err(corrupt)?,
        max_minutes_per_week: int(person.contract.max_minutes_per_week)?,
        min_rest_minutes: int(person.contract.min_rest_minutes)?,
        max_consecutive_days: int(person.contract.max_consecutive_days)?,
        max_nights_per_week: int(person.contract.max_nights_per_week)?,
        volunteer_earliest: person.contract.earliest_local_time.format("%H:%M").to_string(),
        volunteer_latest: person.contract.latest_local_time.format("%H:%M").to_string(),
        active: person.active,
        version: person.version,
        created_at: stored(person.created_at),
        updated_at: stored(person.updated_at),
        token_generation: person.token_generation,
        night_rule: match &person.contract.night {
            Some(rule) => Some(serde_json::to_string(rule).map_err(|_| StoreError::Corrupt {
                entity: "person",
                id: person.id.clone(),
                what: "night rule",
            })?),
            None => None,
        },
        search_key: person_key(&person.name, &person.email),
    })
}

fn from_row(row: PersonRow, teams: Vec<TeamSeat>) -> Result<Person, StoreError> {
    let corrupt = |what: &'static str| StoreError::Corrupt { entity: "person", id: row.id.clone(), what };
    let count = |value: i32| u32::try_from(value).map_err(|_| corrupt("contract"));
    let languages: Vec<String> = serde_json::from_str(&row.languages).map_err(|_| corrupt("languages"))?;
    let channels: Vec<Channel> = serde_json::from_str(&row.channels).map_err(|_| corrupt("channels"))?;
    let contract = Contract {
        max_minutes_per_week: count(row.max_minutes_per_week)?,
        min_rest_minutes: count(row.min_rest_minutes)?,
        max_consecutive_days: count(row.max_consecutive_days)?,
        max_nights_per_week: count(row.max_nights_per_week)?,
        earliest_local_time: hh_mm::parse(&row.volunteer_earliest).ok_or_else(|| corrupt("contract"))?,
        latest_local_time: hh_mm::parse(&row.volunteer_latest).ok_or_else(|| corrupt("contract"))?,
        night: match &row.night_rule {
            Some(text) => Some(serde_json::from_str(text).map_err(|_| corrupt("night rule"))?),
            None => None,
        },
    };
    let role = Role::parse(&row.role).ok_or_else(|| corrupt("role"))?;
    let tier = Tier::parse(&row.tier).ok_or_else(|| corrupt("tier"))?;
    Ok(Person {
        role,
        skills: Skills { languages, tier, channels },
        contract,
        teams,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        id: row.id,
        name: row.name,
        email: row.email,
        email_key: row.email_normalized,
        time_zone: row.time_zone,
        holiday_region: row.holiday_region,
        active: row.active,
        token_generation: row.token_generation,
        version: row.version,
    })
}

/// People with their team seats, in the order given.
fn with_seats(conn: &mut DbConnection, rows: Vec<PersonRow>) -> Result<Vec<Person>, StoreError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut seats = teams::seats_of_people(conn, &ids)?;
    rows.into_iter()
        .map(|row| {
            let own = seats.remove(&row.id).unwrap_or_default();
            from_row(row, own)
        })
        .collect()
}

fn one(conn: &mut DbConnection, row: Option<PersonRow>) -> Result<Option<Person>, StoreError> {
    Ok(with_seats(conn, row.into_iter().collect())?.pop())
}

pub fn insert(conn: &mut DbConnection, person: &Person, password_hash: Option<&str>) -> Result<(), StoreError> {
    let row = to_row(person, password_hash.map(str::to_string))?;
    diesel::insert_into(people::table).values(&row).execute(conn).map_err(conflict_on("email"))?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Person>, StoreError> {
    let row = people::table.find(id).select(PersonRow::as_select()).first(conn).optional()?;
    one(conn, row)
}

pub fn find_by_email(conn: &mut DbConnection, email_key: &str) -> Result<Option<Person>, StoreError> {
    let row = people::table
        .filter(people::email_normalized.eq(email_key))
        .select(PersonRow::as_select())
        .first(conn)
        .optional()?;
    one(conn, row)
}

/// The stored password hash of an account, if it has one.
pub fn password_hash(conn: &mut DbConnection, id: &str) -> Result<Option<String>, StoreError> {
    Ok(people::table.find(id).select(people::password_hash).first::<Option<String>>(conn).optional()?.flatten())
}

pub fn list(conn: &mut DbConnection, query: &PeopleQuery) -> Result<Vec<Person>, StoreError> {
    let mut select = people::table.select(PersonRow::as_select()).into_boxed();
    if let Some(team_id) = &query.team_id {
        let members = team_memberships::table
            .filter(team_memberships::team_id.eq(team_id.clone()))
            .select(team_memberships::person_id);
        select = select.filter(people::id.eq_any(members));
    }
    if let Some(viewer) = &query.visible_to {
        let viewer_teams = team_memberships::table
            .filter(team_memberships::person_id.eq(viewer.clone()))
            .select(team_memberships::team_id)
            .load::<String>(conn)?;
        let teammates = team_memberships::table
            .filter(team_memberships::team_id.eq_any(viewer_teams))
            .select(team_memberships::person_id);
        select = select.filter(people::id.eq(viewer.clone()).or(people::id.eq_any(teammates)));
    }
    if !query.include_inactive {
        select = select.filter(people::active.eq(true));
    }
    if let Some(q) = query.q.as_deref().filter(|q| !q.is_empty()) {
        select = select.filter(people::search_key.like(format!("%{}%", escape_like(q))).escape('\\'));
    }
    if let Some((name, id)) = &query.after {
        select = select
            .filter(people::name.gt(name.clone()).or(people::name.eq(name.clone()).and(people::id.gt(id.clone()))));
    }
    let rows = select.order((people::name.asc(), people::id.asc())).limit(query.limit).load(conn)?;
    with_seats(conn, rows)
}

/// `text` with LIKE's wildcards taken literally.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Fills in the search key of people written before it existed; returns how many.
pub fn backfill_search_keys(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let missing: Vec<(String, String, String)> =
        people::table.filter(people::search_key.eq("")).select((people::id, people::name, people::email)).load(conn)?;
    for (id, name, email) in &missing {
        diesel::update(people::table.find(id)).set(people::search_key.eq(person_key(name, email))).execute(conn)?;
    }
    Ok(missing.len())
}

/// Writes `person` over the stored one if the stored version is still
/// `expected_version`; returns what was written, with the next version.
pub fn update(
    conn: &mut DbConnection,
    person: &Person,
    expected_version: i64,
    now: DateTime<Utc>,
    password: PasswordHash<'_>,
) -> Result<Person, StoreError> {
    let mut next = person.clone();
    // The version comes from the client's If-Match; one that cannot be followed by
    // another is no version this row ever had.
    next.version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    next.updated_at = now;
    let hash = match password {
        PasswordHash::Keep => password_hash(conn, &person.id)?,
        PasswordHash::Set(hash) => Some(hash.to_string()),
    };
    let row = to_row(&next, hash)?;
    let changed =
        diesel::update(people::table.filter(people::id.eq(&person.id).and(people::version.eq(expected_version))))
            .set(&row)
            .execute(conn)
            .map_err(conflict_on("email"))?;
    if changed == 0 {
        return Err(missing_or_stale(exists(conn, &person.id)?));
    }
    Ok(next)
}

fn exists(conn: &mut DbConnection, id: &str) -> Result<bool, StoreError> {
    Ok(people::table.find(id).count().get_result::<i64>(conn)? > 0)
}

/// True when something recorded refers to this person, so deleting them
/// would rewrite history; such people are deactivated instead.
pub fn has_history(conn: &mut DbConnection, id: &str) -> Result<bool, StoreError> {
    let authored: i64 = audit_events::table.filter(audit_events::actor_id.eq(id)).count().get_result(conn)?;
    Ok(authored > 0 || super::assignments::person_has_any(conn, id)?)
}

pub fn delete(conn: &mut DbConnection, id: &str, expected_version: i64) -> Result<(), StoreError> {
    let deleted = diesel::delete(people::table.filter(people::id.eq(id).and(people::version.eq(expected_version))))
        .execute(conn)?;
    if deleted == 0 {
        return Err(missing_or_stale(exists(conn, id)?));
    }
    Ok(())
}

pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(people::table.count().get_result(conn)?)
}

/// The ids of the active admins, locked until the transaction ends: on PostgreSQL
/// with `FOR UPDATE`, on SQLite by the write lock `BEGIN IMMEDIATE` already holds.
/// Two admins demoting each other at once then run one after the other, and the
/// second sees the first's change.
pub fn lock_active_admins(conn: &mut DbConnection) -> Result<Vec<String>, StoreError> {
    let admins = people::table
        .filter(people::role.eq(Role::Admin.as_str()).and(people::active.eq(true)))
        .select(people::id)
        .order(people::id);
    Ok(match conn {
        DbConnection::Postgresql(pg) => admins.for_update().load(pg)?,
        DbConnection::Sqlite(sqlite) => admins.load(sqlite)?,
    })
}

/// Name and time zone of these people, by id (for showing who is on a shift, in
/// their own zone).
pub fn names_and_zones(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, (String, String)>, StoreError> {
    let rows: Vec<(String, String, String)> = people::table
        .filter(people::id.eq_any(ids))
        .select((people::id, people::name, people::time_zone))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, name, zone)| (id, (name, zone))).collect())
}

/// Names of those of these people who are active, by id (for calendar feeds: someone
/// deactivated leaves them).
pub fn active_names(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let mut names = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<(String, String)> = people::table
            .filter(people::id.eq_any(chunk).and(people::active.eq(true)))
            .select((people::id, people::name))
            .load(conn)?;
        names.extend(rows);
    }
    Ok(names)
}

/// Names of these people, by id (for showing who else is on a shift).
pub fn names(conn: &mut DbConnection, ids: &[String]) -> Result<std::collections::HashMap<String, String>, StoreError> {
    let rows: Vec<(String, String)> =
        people::table.filter(people::id.eq_any(ids)).select((people::id, people::name)).load(conn)?;
    Ok(rows.into_iter().collect())
}
