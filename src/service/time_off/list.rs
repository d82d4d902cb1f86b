use chrono::{DateTime, NaiveDate, Utc};

use super::input::{earliest_date, latest_date};
use super::{acts_for, find_person, local_midnight, zone_of};
use crate::domain::{InvalidValue, TimeOff, TimeOffPeriod, TimeOffStatus};
use crate::service::{Actor, Context, Error};
use crate::store::{self, time_off::TimeOffQuery, DbConnection};

/// Which time off to list, and one page of it: `limit` after the cursor, ordered by
/// when it starts.
#[derive(Debug, Clone, Default)]
pub struct TimeOffFilter {
    pub person_id: Option<String>,
    pub team_id: Option<String>,
    pub status: Option<TimeOffStatus>,
    /// Local dates, both inclusive, each judged in the person's own zone: whole days
    /// sharing a date with them, and ranges touching them.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The (start of the period's envelope, id) of the last item of the previous page.
    pub after: Option<(DateTime<Utc>, String)>,
    pub limit: i64,
}

/// Time off the caller may see: members their own, managers also that of the people
/// in the teams they manage, admins everyone's. A person or team filter the caller
/// may not see is refused (403) rather than answered with nothing.
pub fn list(ctx: &Context, actor: &Actor, filter: TimeOffFilter) -> Result<Vec<TimeOff>, Error> {
    if let Some(team_id) = &filter.team_id {
        Error::require(actor.reads_team(team_id))?;
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if to < from {
            return Err(InvalidValue::new("to", "ends_before_start", "`to` cannot be before `from`").into());
        }
    }
    ctx.read(|conn| {
        if let Some(person_id) = &filter.person_id {
            let person = find_person(conn, person_id)?;
            Error::require(acts_for(actor, &person))?;
        }
        let visible_to = if actor.is_admin() {
            None
        } else {
            let managed = store::teams::seats_of_person(conn, &actor.id)?
                .into_iter()
                .filter(|seat| actor.manages_team(&seat.team_id))
                .map(|seat| seat.team_id)
                .collect();
            Some((actor.id.clone(), managed))
        };
        let dates = match (filter.from, filter.to) {
            (None, None) => None,
            // No time off is stored outside these dates.
            (Some(from), _) if from > latest_date() => return Ok(Vec::new()),
            (_, Some(to)) if to < earliest_date() => return Ok(Vec::new()),
            (from, to) => Some((
                from.unwrap_or(earliest_date()).max(earliest_date()),
                to.unwrap_or(latest_date()).min(latest_date()),
            )),
        };
        let query = TimeOffQuery {
            person_ids: filter.person_id.clone().map(|id| vec![id]),
            team_id: filter.team_id.clone(),
            visible_to,
            status: filter.status,
            dates,
            span: None,
            after: filter.after.clone(),
            limit: filter.limit,
        };
        matching(conn, query, dates)
    })
}

/// Up to `query.limit` time off from the store that really touches `dates`. The store
/// finds whole days exactly but ranges by a zone-independent envelope, so some of
/// those it finds miss the dates in the person's zone: they are skipped and the next
/// batch read, so that a page is never short while more would match.
fn matching(
    conn: &mut DbConnection,
    mut query: TimeOffQuery,
    dates: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<TimeOff>, Error> {
    let wanted = usize::try_from(query.limit).unwrap_or(0);
    let mut found = Vec::new();
    if wanted == 0 {
        return Ok(found);
    }
    loop {
        let batch = store::time_off::list(conn, &query)?;
        let exhausted = batch.len() < wanted;
        for time_off in batch {
            query.after = Some((time_off.period.envelope().0, time_off.id.clone()));
            if touches(&time_off, dates)? {
                found.push(time_off);
                if found.len() >= wanted {
                    return Ok(found);
                }
            }
        }
        if exhausted {
            return Ok(found);
        }
    }
}

fn touches(time_off: &TimeOff, dates: Option<(NaiveDate, NaiveDate)>) -> Result<bool, Error> {
    let (Some((from, to)), TimeOffPeriod::Range { start, end }) = (dates, time_off.period) else {
        return Ok(true);
    };
    let zone = zone_of(time_off)?;
    let first = local_midnight(zone, from);
    let after_last = local_midnight(zone, to.succ_opt().unwrap_or(to));
    Ok(start < after_last && end > first)
}
