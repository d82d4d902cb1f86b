use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::error::ApiError;
use crate::domain::contract::hh_mm;
use crate::domain::{Channel, Contract, Role, TeamRole, Tier};
use crate::store::people::PersonRow;
use crate::store::teams::MembershipRow;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SkillsView {
    /// BCP 47 tags, e.g. `en`, `de`.
    pub languages: Vec<String>,
    pub tier: Tier,
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamSeat {
    pub team_id: String,
    pub role: TeamRole,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// IANA zone the person lives in; their shifts are shown in it.
    pub time_zone: String,
    /// ISO 3166-1 country, optionally with subdivision (`DE-BY`): whose public holidays apply.
    pub holiday_region: String,
    pub skills: SkillsView,
    pub contract: Contract,
    pub active: bool,
    pub teams: Vec<TeamSeat>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PersonView {
    /// `memberships` may hold other people's rows; only this person's are used.
    pub fn from_row(row: PersonRow, memberships: &[MembershipRow]) -> Result<Self, ApiError> {
        let corrupt = |what: &str| {
            tracing::error!(person = %row.id, what, "stored person does not parse");
            ApiError::internal()
        };
        let languages: Vec<String> = serde_json::from_str(&row.languages).map_err(|_| corrupt("languages"))?;
        let channels: Vec<Channel> = serde_json::from_str(&row.channels).map_err(|_| corrupt("channels"))?;
        let contract = Contract {
            max_minutes_per_week: u32::try_from(row.max_minutes_per_week).map_err(|_| corrupt("contract"))?,
            min_rest_minutes: u32::try_from(row.min_rest_minutes).map_err(|_| corrupt("contract"))?,
            max_consecutive_days: u32::try_from(row.max_consecutive_days).map_err(|_| corrupt("contract"))?,
            max_nights_per_week: u32::try_from(row.max_nights_per_week).map_err(|_| corrupt("contract"))?,
            earliest_local_time: hh_mm::parse(&row.volunteer_earliest).ok_or_else(|| corrupt("contract"))?,
            latest_local_time: hh_mm::parse(&row.volunteer_latest).ok_or_else(|| corrupt("contract"))?,
        };
        let teams = memberships
            .iter()
            .filter(|m| m.person_id == row.id)
            .filter_map(|m| Some(TeamSeat { team_id: m.team_id.clone(), role: TeamRole::parse(&m.role)? }))
            .collect();
        Ok(Self {
            role: Role::parse(&row.role).ok_or_else(|| corrupt("role"))?,
            skills: SkillsView { languages, tier: Tier::parse(&row.tier).ok_or_else(|| corrupt("tier"))?, channels },
            contract,
            teams,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            id: row.id,
            name: row.name,
            email: row.email,
            time_zone: row.time_zone,
            holiday_region: row.holiday_region,
            active: row.active,
            version: row.version,
        })
    }
}
