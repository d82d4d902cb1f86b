use super::input::{check_text, NewTimeOff};
use super::{acts_for, describe, detail, find_person, name_of, notify_each};
use crate::domain::{NotificationKind, TimeOff, TimeOffPeriod, TimeOffStatus};
use crate::service::{audit, Actor, Context, Error};
use crate::store::{self, time_off::TimeOffQuery, DbConnection};

/// Asks for time off for `person_id`: the person themself, a manager of one of their
/// teams or an admin may. It starts pending, even when a manager files it, and
/// notifies the managers of the person's teams (and the person, when someone else
/// filed it). Past days are allowed: sick leave is often recorded afterwards.
pub fn request(
    ctx: &Context,
    actor: &Actor,
    person_id: &str,
    input: Result<NewTimeOff, Error>,
) -> Result<TimeOff, Error> {
    match file(ctx, actor, person_id, input, None)? {
        Filed::New(time_off) => Ok(*time_off),
        Filed::Again { .. } => Err(Error::Internal("a request without a form id was filed twice".into())),
    }
}

/// What a form post of a request did.
#[derive(Debug)]
pub enum Filed {
    New(Box<TimeOff>),
    /// This form was posted before (a double click): nothing new; the first post's
    /// result is at `location`.
    Again {
        location: String,
    },
}

/// [`request`] from a page form carrying a one-time `form_id`: a second post of the
/// same form files nothing and says where the first one went.
pub fn request_from_form(
    ctx: &Context,
    actor: &Actor,
    person_id: &str,
    input: Result<NewTimeOff, Error>,
    form_id: &str,
    location: &str,
) -> Result<Filed, Error> {
    let filed = super::super::forms::once(ctx, actor, form_id, || {
        file(ctx, actor, person_id, input, Some((form_id, location)))
    })?;
    Ok(filed.unwrap_or_else(|location| Filed::Again { location }))
}

fn file(
    ctx: &Context,
    actor: &Actor,
    person_id: &str,
    input: Result<NewTimeOff, Error>,
    form: Option<(&str, &str)>,
) -> Result<Filed, Error> {
    let person = ctx.read(|conn| find_person(conn, person_id))?;
    Error::require(acts_for(actor, &person))?;
    let input = input?;
    let period = input.period()?;
    let note = check_text("note", &input.note)?;
    let now = ctx.now();
    ctx.write(|conn| {
        let person = find_person(conn, person_id)?;
        Error::require(acts_for(actor, &person))?;
        let time_off = TimeOff {
            id: store::new_id(),
            person_id: person.id.clone(),
            time_zone: person.time_zone.clone(),
            period,
            reason: input.reason,
            note,
            status: TimeOffStatus::Pending,
            requested_by: actor.id.clone(),
            decided_by: None,
            decided_at: None,
            decision_comment: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        refuse_overlap(conn, &time_off)?;
        store::time_off::insert(conn, &time_off)?;
        if let Some((form_id, location)) = form {
            super::super::forms::record(conn, actor, form_id, location, now)?;
        }
        let detail = detail(&time_off, actor);
        audit::record(conn, now, &actor.id, "request", "time_off", &time_off.id, detail.clone())?;

        let when = describe(&time_off.period);
        let reason = time_off.reason.as_str();
        let managers: Vec<String> =
            store::time_off::team_managers_of(conn, &person.id)?.into_iter().filter(|id| *id != actor.id).collect();
        let message = format!("{} asks for time off {when} ({reason})", person.name);
        notify_each(conn, now, &managers, NotificationKind::TimeOffRequested, &time_off, &message, &detail)?;
        if actor.id != person.id {
            let message = format!("{} asked for time off for you {when} ({reason})", name_of(conn, &actor.id)?);
            notify_each(
                conn,
                now,
                std::slice::from_ref(&person.id),
                NotificationKind::TimeOffRequested,
                &time_off,
                &message,
                &detail,
            )?;
        }
        Ok(Filed::New(Box::new(time_off)))
    })
}

/// One person's leave does not overlap their own pending or approved leave: a second
/// request for the same days is a mistake, and would be counted twice once approved.
fn refuse_overlap(conn: &mut DbConnection, new: &TimeOff) -> Result<(), Error> {
    let (start, end) = super::bounds(new)?;
    for status in [TimeOffStatus::Pending, TimeOffStatus::Approved] {
        let query = TimeOffQuery {
            person_ids: Some(vec![new.person_id.clone()]),
            status: Some(status),
            span: Some((start, end)),
            limit: i64::MAX,
            ..TimeOffQuery::default()
        };
        for other in store::time_off::list(conn, &query)? {
            let (other_start, other_end) = super::bounds(&other)?;
            if other_start < end && start < other_end {
                let field = match new.period {
                    TimeOffPeriod::Dates { .. } => "from",
                    TimeOffPeriod::Range { .. } => "start",
                };
                return Err(Error::conflict(
                    "overlaps_time_off",
                    Some(field),
                    format!("this overlaps {} time off {} ({})", status.as_str(), describe(&other.period), other.id),
                ));
            }
        }
    }
    Ok(())
}
