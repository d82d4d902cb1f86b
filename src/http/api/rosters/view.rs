use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::desk::{Skill, SkillMinimum};
use crate::domain::roster::{Roster, RosterStatus};
use crate::service::desks::expand::local_text;
use crate::service::rosters::RosterDetail;

/// Who is on a shift.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentView {
    pub id: String,
    pub person_id: String,
    pub name: String,
    /// Grows with every change of this assignment (iCal SEQUENCE).
    pub sequence: i64,
    pub forced: bool,
    pub force_reason: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterShiftView {
    pub id: String,
    pub template_id: String,
    pub template: String,
    pub shift_type: String,
    #[schema(value_type = String)]
    pub local_date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// In the desk's zone, RFC 3339 with offset.
    pub start_local: String,
    pub end_local: String,
    pub minutes: i64,
    pub min_headcount: u32,
    pub target_headcount: u32,
    pub skill_minimums: Vec<SkillMinimum>,
    pub required_skills: Vec<Skill>,
    pub assigned: Vec<AssignmentView>,
}

/// A roster without its shifts, as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterSummary {
    pub id: String,
    pub desk_id: String,
    #[schema(value_type = String)]
    pub from: NaiveDate,
    #[schema(value_type = String)]
    pub to: NaiveDate,
    pub status: RosterStatus,
    pub created_by: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

impl From<Roster> for RosterSummary {
    fn from(roster: Roster) -> Self {
        Self {
            id: roster.id,
            desk_id: roster.desk_id,
            from: roster.first_date,
            to: roster.last_date,
            status: roster.status,
            created_by: roster.created_by,
            version: roster.version,
            created_at: roster.created_at,
            updated_at: roster.updated_at,
            published_at: roster.published_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterView {
    #[serde(flatten)]
    pub roster: RosterSummary,
    pub desk_name: String,
    /// The zone of the `*_local` times (the desk's).
    pub time_zone: String,
    pub shifts: Vec<RosterShiftView>,
    /// `?by=person`: each person's shifts, in their own zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_person: Option<Vec<super::layouts::PersonShifts>>,
    /// `?by=day`: the desk's local days, each with its shifts and who is on them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_day: Option<Vec<super::layouts::DayShifts>>,
    /// The last plan's report: shortfalls with the reason per candidate, the score
    /// per rule and per person, forced breaks; absent before the first plan.
    #[schema(value_type = Option<Object>)]
    pub plan_report: Option<serde_json::Value>,
}

impl RosterView {
    /// The roster answer, with the `by_person` or `by_day` reshaping when asked for.
    pub fn laid_out(detail: RosterDetail, layout: super::layouts::Layout) -> Self {
        use super::layouts::{by_day, by_person, Layout};
        let people = detail.people.clone();
        let mut view = Self::from(detail);
        match layout {
            Layout::Shift => {}
            Layout::Person => view.by_person = Some(by_person(&view.shifts, &people)),
            Layout::Day => view.by_day = Some(by_day(&view.shifts)),
        }
        view
    }
}

impl From<RosterDetail> for RosterView {
    fn from(detail: RosterDetail) -> Self {
        let zone = crate::domain::time_zone::stored_zone(&detail.desk.time_zone);
        let name_of = |id: &str| detail.people.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_default();
        let shifts = detail
            .shifts
            .into_iter()
            .map(|shift| {
                let assigned = detail
                    .assignments
                    .iter()
                    .filter(|a| a.shift_id == shift.id)
                    .map(|a| AssignmentView {
                        id: a.id.clone(),
                        person_id: a.person_id.clone(),
                        name: name_of(&a.person_id),
                        sequence: a.sequence,
                        forced: a.forced,
                        force_reason: a.force_reason.clone(),
                        updated_at: a.updated_at,
                    })
                    .collect();
                RosterShiftView {
                    start_local: local_text(zone, shift.start),
                    end_local: local_text(zone, shift.end),
                    minutes: (shift.end - shift.start).num_minutes(),
                    id: shift.id,
                    template_id: shift.template_id,
                    template: shift.template_name,
                    shift_type: shift.shift_type,
                    local_date: shift.local_date,
                    start: shift.start,
                    end: shift.end,
                    min_headcount: shift.min_headcount,
                    target_headcount: shift.target_headcount,
                    skill_minimums: shift.requirements.skill_minimums,
                    required_skills: shift.requirements.required_skills,
                    assigned,
                }
            })
            .collect();
        let plan_report = detail.roster.plan_report.clone();
        Self {
            desk_name: detail.desk.name,
            time_zone: detail.desk.time_zone,
            roster: RosterSummary::from(detail.roster),
            shifts,
            by_person: None,
            by_day: None,
            plan_report,
        }
    }
}
