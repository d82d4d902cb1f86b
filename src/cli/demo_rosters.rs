//! The demo plans and publishes the next four weeks of both desks at start-up, through
//! the same job the API queues, with an iteration budget: the same plan every run. The
//! two weeks after are left as a draft, for a newcomer to plan and publish.

use chrono::{Datelike, Days, NaiveDate};

use crate::jobs::{run_next, RunnerConfig};
use crate::service::jobs::run::Lease;
use crate::service::rosters::{self, create::NewRoster, plan::PlanRequest};
use crate::service::{self, Actor, Context, IfVersion};

/// Iterations per desk: enough for a sound plan, quick on one core.
pub const DEMO_ITERATIONS: u64 = 20_000;

/// The Monday after `today` (today when it is a Monday).
fn next_monday(today: NaiveDate) -> NaiveDate {
    let ahead = (7 - today.weekday().num_days_from_monday()) % 7;
    today.checked_add_days(Days::new(u64::from(ahead))).unwrap_or(today)
}

/// Weeks of the draft left after the published ones.
pub const DRAFT_DAYS: u64 = 14;

/// Plans and publishes four weeks of `desk_id`, and leaves a draft of the two weeks
/// after; one line on what came out.
pub fn plan_and_publish(
    ctx: &Context,
    manager: &Actor,
    desk_id: &str,
    desk_name: &str,
    today: NaiveDate,
) -> Result<String, service::Error> {
    let from = next_monday(today);
    let to = from.checked_add_days(Days::new(27)).unwrap_or(from);
    let roster = rosters::create::create(ctx, manager, desk_id, Ok(NewRoster { from, to }))?.roster;
    let request = PlanRequest { seconds: None, iterations: Some(DEMO_ITERATIONS), seed: Some(1) };
    let job = rosters::plan::queue(ctx, manager, &roster.id, Ok(request))?;
    let lease = Lease { owner: "rota-demo".into(), length: chrono::Duration::minutes(10) };
    run_next(ctx, &RunnerConfig::default(), &lease)?;
    let job = service::jobs::get(ctx, manager, &job.id)?;
    if let Some(error) = &job.error {
        return Err(service::Error::Internal(format!("demo plan of {desk_name} failed: {}", error.message)));
    }
    let detail = rosters::publish::publish(ctx, manager, &roster.id, Ok(IfVersion::Any))?;
    let report = detail.roster.plan_report.unwrap_or_default();
    let shortfalls = report["shortfalls"].as_array().cloned().unwrap_or_default();
    let mut by_requirement: std::collections::BTreeMap<String, usize> = Default::default();
    for shortfall in &shortfalls {
        *by_requirement.entry(shortfall["requirement"].as_str().unwrap_or("?").to_string()).or_default() += 1;
    }
    let why = if by_requirement.is_empty() {
        "every shift at its minimum".to_string()
    } else {
        let parts: Vec<String> = by_requirement.iter().map(|(what, n)| format!("{n} short of {what}")).collect();
        format!("{} shifts below minimum ({})", shortfalls.len(), parts.join(", "))
    };
    let draft_from = to.succ_opt().unwrap_or(to);
    let draft_to = draft_from.checked_add_days(Days::new(DRAFT_DAYS - 1)).unwrap_or(draft_from);
    rosters::create::create(ctx, manager, desk_id, Ok(NewRoster { from: draft_from, to: draft_to }))?;
    Ok(format!(
        "{desk_name}: {from} to {to} planned and published, {} assignments, 0 hard rules broken, {why}; \
         {draft_from} to {draft_to} is a draft to plan",
        detail.assignments.len()
    ))
}
