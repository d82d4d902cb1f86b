//! Desks: what must be covered, by whom, and when.

pub mod expand;
pub mod input;
pub mod templates;
pub mod week;
pub mod write;

use chrono::{Days, NaiveDate};

use super::{holidays, Actor, Context, Error};
use crate::domain::Desk;
use crate::domain::InvalidValue;
use crate::store::{self, desks::DeskQuery, DbConnection};
use expand::{ClosedDays, CoverageCheck, DeskShift};

/// How far ahead every save checks coverage: a year holds both DST changes.
pub const COVERAGE_CHECK_DAYS: u64 = 365;
/// The longest range `GET /api/desks/{id}/shifts` expands.
pub const MAX_EXPANSION_DAYS: i64 = 366;

/// A desk with its coverage check over the next twelve months.
#[derive(Debug, Clone)]
pub struct DeskDetail {
    pub desk: Desk,
    pub coverage_check: CoverageCheck,
}

pub(crate) fn find(conn: &mut DbConnection, id: &str) -> Result<Desk, Error> {
    store::desks::find(conn, id)?.ok_or(Error::NotFound("desk"))
}

/// Today in the desk's zone.
fn today(ctx: &Context, desk: &Desk) -> NaiveDate {
    ctx.now().with_timezone(&crate::domain::time_zone::stored_zone(&desk.time_zone)).date_naive()
}

/// The desk's closed days `from..=to`: listed dates and the holidays of the regions
/// it serves.
pub fn closed_days(conn: &mut DbConnection, desk: &Desk, from: NaiveDate, to: NaiveDate) -> Result<ClosedDays, Error> {
    let mut closed = ClosedDays::new();
    for date in desk.closures.dates.iter().filter(|d| **d >= from && **d <= to) {
        closed.insert(*date, "closed".to_string());
    }
    for region in &desk.closures.holidays_of {
        for holiday in holidays::in_range(conn, region, from, to)? {
            closed.entry(holiday.date).or_insert_with(|| format!("{} ({region})", holiday.name));
        }
    }
    Ok(closed)
}

/// The desk with its coverage check from today for twelve months.
pub(crate) fn detail(ctx: &Context, conn: &mut DbConnection, desk: Desk) -> Result<DeskDetail, Error> {
    let from = today(ctx, &desk);
    let to = from.checked_add_days(Days::new(COVERAGE_CHECK_DAYS)).unwrap_or(from);
    // A day of margin: a night starting on a closed day's eve still counts.
    let closed = closed_days(conn, &desk, from.pred_opt().unwrap_or(from), to.succ_opt().unwrap_or(to))?;
    let coverage_check = expand::coverage_check(&desk, from, to, &closed);
    Ok(DeskDetail { desk, coverage_check })
}

/// Desks by name after the (name, id) cursor: admins see all, everyone else the desks
/// of their teams. Archived desks only when asked for.
pub fn list(
    ctx: &Context,
    actor: &Actor,
    include_archived: bool,
    after: Option<(String, String)>,
    limit: i64,
) -> Result<Vec<Desk>, Error> {
    let query = DeskQuery { visible_to: (!actor.is_admin()).then(|| actor.id.clone()), include_archived, after, limit };
    ctx.read(|conn| Ok(store::desks::list(conn, &query)?))
}

pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<DeskDetail, Error> {
    ctx.read(|conn| {
        let desk = find(conn, id)?;
        Error::require(actor.reads_desk(&desk))?;
        detail(ctx, conn, desk)
    })
}

/// The dated shifts the templates give for local dates `from..=to` in the desk's zone.
pub fn shifts(ctx: &Context, actor: &Actor, id: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<DeskShift>, Error> {
    ctx.read(|conn| {
        let desk = find(conn, id)?;
        Error::require(actor.reads_desk(&desk))?;
        if to < from {
            return Err(InvalidValue::new("to", "before_from", "`to` is before `from`").into());
        }
        if (to - from).num_days() >= MAX_EXPANSION_DAYS {
            return Err(InvalidValue::new(
                "to",
                "range_too_long",
                format!("at most {MAX_EXPANSION_DAYS} days at a time"),
            )
            .into());
        }
        let closed = closed_days(conn, &desk, from, to)?;
        Ok(expand::shifts(&desk, from, to, &closed))
    })
}
