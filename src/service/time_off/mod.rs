//! Time off: asked for by the person (or a manager of one of their teams, or an admin,
//! on their behalf), approved or rejected by a manager of one of their teams or an
//! admin (never by the person), cancelled while pending or before it starts. Approved
//! time off makes the person unavailable: `approved_unavailability` gives it to the
//! roster planner. Every change is audited and notifies the people it concerns.
//!
//! Changes to a request need its ETag (`If-Match`), as every change of a resource
//! does: a manager approving while the person cancels gets 412 for whichever comes
//! second, never a decision on a request that is gone.

pub mod cancel;
pub mod decide;
pub mod input;
pub mod list;
pub mod queue;
pub mod request;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::notifications::notify;
use super::{Actor, Context, Error, IfVersion};
use crate::domain::{NotificationKind, Person, TimeOff, TimeOffPeriod, TimeOffStatus};
use crate::planner::time::resolve_local;
use crate::store::{self, time_off::TimeOffQuery, DbConnection};

/// One request: for the person, the managers of their teams and admins.
pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<TimeOff, Error> {
    ctx.read(|conn| {
        let time_off = find(conn, id)?;
        let person = find_person(conn, &time_off.person_id)?;
        Error::require(acts_for(actor, &person))?;
        Ok(time_off)
    })
}

/// Why a person cannot work, as the roster planner takes it: whole days go to the
/// planner person's `unavailable_dates`, a range to its `unavailable` intervals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailability {
    pub person_id: String,
    pub time_off_id: String,
    pub period: TimeOffPeriod,
    /// The UTC interval it covers ([`bounds`]).
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The approved time off of `person_ids` that touches the UTC interval `from..to`
/// (end exclusive), whole days judged in each person's current zone. For the rosters
/// use cases, which have already decided that the caller may plan these people; call
/// inside their transaction so the plan and the leave it honours agree.
pub fn approved_unavailability(
    conn: &mut DbConnection,
    person_ids: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Unavailability>, Error> {
    let query = TimeOffQuery {
        person_ids: Some(person_ids.to_vec()),
        status: Some(TimeOffStatus::Approved),
        span: Some((from, to)),
        limit: i64::MAX,
        ..TimeOffQuery::default()
    };
    let mut found = Vec::new();
    for time_off in store::time_off::list(conn, &query)? {
        let (start, end) = bounds(&time_off)?;
        if start < to && end > from {
            found.push(Unavailability {
                person_id: time_off.person_id,
                time_off_id: time_off.id,
                period: time_off.period,
                start,
                end,
            });
        }
    }
    Ok(found)
}

/// The UTC interval the time off covers: a range as it is; whole days from the first
/// day's midnight to the midnight after the last, in the person's current zone (a
/// midnight skipped by a clock change is the first instant after it).
pub fn bounds(time_off: &TimeOff) -> Result<(DateTime<Utc>, DateTime<Utc>), Error> {
    match time_off.period {
        TimeOffPeriod::Range { start, end } => Ok((start, end)),
        TimeOffPeriod::Dates { first, last } => {
            let zone = zone_of(time_off)?;
            let after_last = last
                .checked_add_signed(Duration::days(1))
                .ok_or_else(|| Error::Internal(format!("time off {} ends after the calendar", time_off.id)))?;
            Ok((local_midnight(zone, first), local_midnight(zone, after_last)))
        }
    }
}

fn local_midnight(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve_local(zone, date.and_time(NaiveTime::MIN))
}

fn zone_of(time_off: &TimeOff) -> Result<Tz, Error> {
    time_off.time_zone.parse::<Tz>().map_err(|_| {
        Error::Internal(format!("person {} has the unknown stored zone {:?}", time_off.person_id, time_off.time_zone))
    })
}

fn find(conn: &mut DbConnection, id: &str) -> Result<TimeOff, Error> {
    store::time_off::find(conn, id)?.ok_or(Error::NotFound("time off"))
}

fn find_person(conn: &mut DbConnection, id: &str) -> Result<Person, Error> {
    store::people::find(conn, id)?.ok_or(Error::NotFound("person"))
}

/// The person themself, a manager of one of their teams, or an admin: who may ask
/// for, see and cancel a person's time off. Teammates may not: leave is private.
fn acts_for(actor: &Actor, person: &Person) -> bool {
    actor.id == person.id || actor.manages_person(person)
}

/// The version a change must find stored: the caller's If-Match, which must still be
/// the current one (412 otherwise, before the request's state is judged: the caller
/// decided on something that has changed since).
fn expected_version(expected: IfVersion, time_off: &TimeOff) -> Result<i64, Error> {
    let version = expected.against(time_off.version);
    if version != time_off.version {
        return Err(Error::Stale);
    }
    Ok(version)
}

/// The period in a notification's words.
fn describe(period: &TimeOffPeriod) -> String {
    match period {
        TimeOffPeriod::Dates { first, last } if first == last => format!("on {first}"),
        TimeOffPeriod::Dates { first, last } => format!("from {first} to {last}"),
        TimeOffPeriod::Range { start, end } => {
            let format = "%Y-%m-%d %H:%M UTC";
            format!("from {} to {}", start.format(format), end.format(format))
        }
    }
}

/// What the audit row and the notifications record of a change.
fn detail(time_off: &TimeOff, actor: &Actor) -> serde_json::Value {
    let mut detail = serde_json::json!({
        "time_off_id": time_off.id,
        "person_id": time_off.person_id,
        "by": actor.id,
        "reason": time_off.reason,
        "status": time_off.status,
    });
    let period = match time_off.period {
        TimeOffPeriod::Dates { first, last } => serde_json::json!({"from": first, "to": last}),
        TimeOffPeriod::Range { start, end } => serde_json::json!({"start": start, "end": end}),
    };
    if let (Some(detail), Some(period)) = (detail.as_object_mut(), period.as_object()) {
        detail.extend(period.clone());
        if let Some(comment) = &time_off.decision_comment {
            detail.insert("comment".into(), comment.clone().into());
        }
    }
    detail
}

fn name_of(conn: &mut DbConnection, id: &str) -> Result<String, Error> {
    Ok(store::people::find(conn, id)?.map(|person| person.name).unwrap_or_else(|| "someone".into()))
}

/// Notifies each of `recipients` once about `time_off`.
fn notify_each(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    recipients: &[String],
    kind: NotificationKind,
    time_off: &TimeOff,
    message: &str,
    detail: &serde_json::Value,
) -> Result<(), Error> {
    let mut recipients = recipients.to_vec();
    recipients.sort();
    recipients.dedup();
    for person_id in &recipients {
        notify(conn, now, person_id, kind, ("time_off", &time_off.id), message.to_string(), detail.clone())?;
    }
    Ok(())
}
