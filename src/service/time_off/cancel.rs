use super::{acts_for, bounds, describe, detail, expected_version, find, find_person, name_of, notify_each};
use crate::domain::{NotificationKind, TimeOff, TimeOffPeriod, TimeOffStatus};
use crate::service::{audit, Actor, Context, Error, IfVersion};
use crate::store;

/// Withdraws a request: the person, or a manager of one of their teams or an admin on
/// their behalf; while it is pending, or approved and not yet started ("now" is the
/// context's clock). Time off that has begun stays: it happened. Notifies the person
/// and the managers of their teams (other than the one cancelling).
pub fn cancel(ctx: &Context, actor: &Actor, id: &str, expected: Result<IfVersion, Error>) -> Result<TimeOff, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let time_off = find(conn, id)?;
        let person = find_person(conn, &time_off.person_id)?;
        Error::require(acts_for(actor, &person))?;
        let expected = expected_version(expected?, &time_off)?;
        match time_off.status {
            TimeOffStatus::Pending => {}
            TimeOffStatus::Approved => {
                let (start, _) = bounds(&time_off)?;
                if now >= start {
                    let field = match time_off.period {
                        TimeOffPeriod::Dates { .. } => "from",
                        TimeOffPeriod::Range { .. } => "start",
                    };
                    return Err(Error::conflict(
                        "already_started",
                        Some(field),
                        "this time off has already started and can no longer be cancelled",
                    ));
                }
            }
            TimeOffStatus::Rejected | TimeOffStatus::Cancelled => {
                return Err(Error::conflict(
                    "not_cancellable",
                    Some("status"),
                    format!("this time off is {}; there is nothing to cancel", time_off.status.as_str()),
                ));
            }
        }
        let mut next = time_off.clone();
        next.status = TimeOffStatus::Cancelled;
        next.decided_by = Some(actor.id.clone());
        next.decided_at = Some(now);
        next.decision_comment = None;
        let saved = store::time_off::update(conn, &next, expected, now)?;

        let mut detail = detail(&saved, actor);
        detail["was"] = time_off.status.as_str().into();
        audit::record(conn, now, &actor.id, "cancel", "time_off", &saved.id, detail.clone())?;
        let when = describe(&saved.period);
        let by = name_of(conn, &actor.id)?;
        let kind = NotificationKind::TimeOffCancelled;
        let message = if actor.id == person.id {
            format!("You cancelled your time off {when}")
        } else {
            format!("{by} cancelled your time off {when}")
        };
        notify_each(conn, now, std::slice::from_ref(&person.id), kind, &saved, &message, &detail)?;
        let managers: Vec<String> =
            store::time_off::team_managers_of(conn, &person.id)?.into_iter().filter(|id| *id != actor.id).collect();
        let message = format!("{by} cancelled the time off of {} {when}", person.name);
        notify_each(conn, now, &managers, kind, &saved, &message, &detail)?;
        Ok(saved)
    })
}
