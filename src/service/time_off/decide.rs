//! Approving and rejecting: managers of one of the person's teams and admins decide,
//! only on a pending request, never on their own.

use super::input::{check_text, Approval, Rejection};
use super::{describe, detail, expected_version, find, find_person, name_of, notify_each};
use crate::domain::{InvalidValue, NotificationKind, TimeOff, TimeOffStatus};
use crate::service::{audit, Actor, Context, Error, IfVersion};
use crate::store::{self, DbConnection};

/// Approves a pending request; the person becomes unavailable for it. The comment is
/// optional.
///
/// `approve_reporting` also answers with the published shifts the leave overlaps.
pub fn approve(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected: Result<IfVersion, Error>,
    input: Result<Approval, Error>,
) -> Result<TimeOff, Error> {
    decide(ctx, actor, id, expected, TimeOffStatus::Approved, input.map(|approval| approval.comment))
}

/// Rejects a pending request; the comment (why) is required.
pub fn reject(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected: Result<IfVersion, Error>,
    input: Result<Rejection, Error>,
) -> Result<TimeOff, Error> {
    decide(ctx, actor, id, expected, TimeOffStatus::Rejected, input.map(|rejection| Some(rejection.comment)))
}

fn decide(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected: Result<IfVersion, Error>,
    verdict: TimeOffStatus,
    comment: Result<Option<String>, Error>,
) -> Result<TimeOff, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let time_off = find(conn, id)?;
        let person = find_person(conn, &time_off.person_id)?;
        Error::require(actor.manages_person(&person))?;
        // A rule of who decides, not of what they send: judged before the input, and
        // for admins too.
        if actor.id == person.id {
            return Err(Error::conflict(
                "own_request",
                Some("person_id"),
                "this is your own time off: another manager or an admin decides on it",
            ));
        }
        let (expected, comment) = (expected?, comment?);
        let expected = expected_version(expected, &time_off)?;
        if time_off.status != TimeOffStatus::Pending {
            return Err(Error::conflict(
                "not_pending",
                Some("status"),
                format!("this time off is {} already; only a pending request is decided", time_off.status.as_str()),
            ));
        }
        let comment = comment.map(|text| check_text("comment", &text)).transpose()?.filter(|text| !text.is_empty());
        if verdict == TimeOffStatus::Rejected && comment.is_none() {
            return Err(InvalidValue::new("comment", "comment_required", "say why you reject it").into());
        }
        let mut next = time_off.clone();
        next.status = verdict;
        next.decided_by = Some(actor.id.clone());
        next.decided_at = Some(now);
        next.decision_comment = comment;
        let saved = store::time_off::update(conn, &next, expected, now)?;

        let (action, kind, verb) = match verdict {
            TimeOffStatus::Approved => ("approve", NotificationKind::TimeOffApproved, "approved"),
            _ => ("reject", NotificationKind::TimeOffRejected, "rejected"),
        };
        let detail = detail(&saved, actor);
        audit::record(conn, now, &actor.id, action, "time_off", &saved.id, detail.clone())?;
        let message = format!("{} {verb} your time off {}", name_of(conn, &actor.id)?, describe(&saved.period));
        notify_each(conn, now, std::slice::from_ref(&saved.person_id), kind, &saved, &message, &detail)?;
        Ok(saved)
    })
}

/// A published shift the approved time off overlaps: what the manager may re-plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct AffectedShift {
    pub shift_id: String,
    pub roster_id: String,
    pub desk_id: String,
    pub desk_name: String,
    pub template: String,
    #[schema(value_type = String)]
    pub local_date: chrono::NaiveDate,
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: chrono::DateTime<chrono::Utc>,
}

/// Approves, and answers with the person's published shifts the leave overlaps
/// (they stay assigned until the roster is edited or re-planned).
pub fn approve_reporting(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected: Result<IfVersion, Error>,
    input: Result<Approval, Error>,
) -> Result<(TimeOff, Vec<AffectedShift>), Error> {
    let approved = approve(ctx, actor, id, expected, input)?;
    let affected = ctx.read(|conn| affected_shifts(conn, &approved))?;
    Ok((approved, affected))
}

/// The person's published shifts the time off overlaps: what approving it would hit.
pub fn affected_shifts(conn: &mut DbConnection, time_off: &TimeOff) -> Result<Vec<AffectedShift>, Error> {
    Ok(affected_by_each(conn, std::slice::from_ref(time_off))?.pop().unwrap_or_default())
}

/// [`affected_shifts`] of each request, in order, with one read of published work.
pub fn affected_by_each(conn: &mut DbConnection, requests: &[TimeOff]) -> Result<Vec<Vec<AffectedShift>>, Error> {
    let spans: Vec<_> = requests.iter().map(super::bounds).collect::<Result<_, _>>()?;
    let (Some(from), Some(to)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) else {
        return Ok(Vec::new());
    };
    let mut people: Vec<String> = requests.iter().map(|t| t.person_id.clone()).collect();
    people.sort();
    people.dedup();
    let work = store::rosters::published_work(conn, &people, from, to)?;
    Ok(requests
        .iter()
        .zip(&spans)
        .map(|(time_off, (start, end))| {
            work.iter()
                .filter(|w| w.person_id == time_off.person_id && w.shift.start < *end && w.shift.end > *start)
                .map(|w| AffectedShift {
                    shift_id: w.shift.id.clone(),
                    roster_id: w.shift.roster_id.clone(),
                    desk_id: w.desk_id.clone(),
                    desk_name: w.desk_name.clone(),
                    template: w.shift.template_name.clone(),
                    local_date: w.shift.local_date,
                    start: w.shift.start,
                    end: w.shift.end,
                })
                .collect()
        })
        .collect())
}
