use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::RosterDetail;
use crate::domain::roster::{Roster, RosterShift, RosterStatus, ShiftRequirements};
use crate::domain::InvalidValue;
use crate::service::desks::{self, expand};
use crate::service::{audit, Actor, Context, Error};
use crate::store;

pub const MIN_DAYS: i64 = 7;
pub const MAX_DAYS: i64 = 26 * 7;

/// `POST /api/desks/{id}/rosters`: the horizon, local dates in the desk's zone.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRoster {
    #[schema(value_type = String, format = Date, example = "2026-03-23")]
    pub from: NaiveDate,
    /// The last date, included: 1 to 26 weeks after `from`.
    #[schema(value_type = String, format = Date, example = "2026-04-19")]
    pub to: NaiveDate,
}

fn check_horizon(input: &NewRoster) -> Result<(), InvalidValue> {
    if input.to < input.from {
        return Err(InvalidValue::new("to", "before_from", "`to` is before `from`"));
    }
    let days = (input.to - input.from).num_days() + 1;
    if !(MIN_DAYS..=MAX_DAYS).contains(&days) {
        return Err(InvalidValue::new(
            "to",
            "out_of_range",
            format!("a roster covers 1 to 26 weeks ({MIN_DAYS}–{MAX_DAYS} days); this is {days}"),
        ));
    }
    Ok(())
}

/// Creates a draft roster of the desk with its shifts expanded from the templates
/// and stored (the desk's managers). Rosters of one desk never overlap.
pub fn create(
    ctx: &Context,
    actor: &Actor,
    desk_id: &str,
    input: Result<NewRoster, Error>,
) -> Result<RosterDetail, Error> {
    create_recording(ctx, actor, desk_id, input, None)
}

/// [`create`] from a page form with a one-time `form_id`: a second post creates
/// nothing and answers where the first went (`Err(location)`). `location` names the
/// page of the roster created.
pub fn create_from_form(
    ctx: &Context,
    actor: &Actor,
    desk_id: &str,
    input: Result<NewRoster, Error>,
    form_id: &str,
    location: &dyn Fn(&Roster) -> String,
) -> Result<Result<RosterDetail, String>, Error> {
    crate::service::forms::once(ctx, actor, form_id, || {
        create_recording(ctx, actor, desk_id, input, Some((form_id, location)))
    })
}

type FormRecord<'a> = (&'a str, &'a dyn Fn(&Roster) -> String);

fn create_recording(
    ctx: &Context,
    actor: &Actor,
    desk_id: &str,
    input: Result<NewRoster, Error>,
    form: Option<FormRecord<'_>>,
) -> Result<RosterDetail, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let desk = desks::find(conn, desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let input = input?;
        check_horizon(&input)?;
        if desk.archived_at.is_some() {
            return Err(Error::conflict("desk_archived", None, "the desk is archived; bring it back before planning"));
        }
        if let Some(other) = store::rosters::overlapping(conn, desk_id, input.from, input.to)?.first() {
            return Err(Error::conflict(
                "roster_overlap",
                Some("from"),
                format!("the desk's roster {} covers {} to {}", other.id, other.first_date, other.last_date),
            ));
        }
        let roster = Roster {
            id: store::new_id(),
            desk_id: desk.id.clone(),
            first_date: input.from,
            last_date: input.to,
            status: RosterStatus::Draft,
            plan_report: None,
            created_by: actor.id.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
            published_at: None,
        };
        let closed = desks::closed_days(conn, &desk, input.from, input.to)?;
        let shifts: Vec<RosterShift> = expand::shifts(&desk, input.from, input.to, &closed)
            .into_iter()
            .map(|s| RosterShift {
                id: store::new_id(),
                roster_id: roster.id.clone(),
                template_id: s.template_id,
                template_name: s.template,
                shift_type: s.shift_type,
                local_date: s.local_date,
                start: s.start,
                end: s.end,
                min_headcount: s.min_headcount,
                target_headcount: s.target_headcount,
                requirements: ShiftRequirements {
                    skill_minimums: s.skill_minimums,
                    required_skills: s.required_skills,
                },
            })
            .collect();
        store::rosters::insert(conn, &roster, &shifts)?;
        let detail =
            serde_json::json!({"desk_id": desk.id, "from": input.from, "to": input.to, "shifts": shifts.len()});
        audit::record(conn, now, &actor.id, "create", "roster", &roster.id, detail)?;
        if let Some((form_id, location)) = form {
            crate::service::forms::record(conn, actor, form_id, &location(&roster), now)?;
        }
        Ok(RosterDetail { roster, desk, shifts, assignments: Vec::new(), people: Vec::new() })
    })
}
