use super::input::{check_text, NewTimeOff};
use super::{acts_for, describe, detail, find_person, name_of, notify_each};
use crate::domain::{NotificationKind, TimeOff, TimeOffStatus};
use crate::service::{audit, Actor, Context, Error};
use crate::store;

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
        store::time_off::insert(conn, &time_off)?;
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
        Ok(time_off)
    })
}
