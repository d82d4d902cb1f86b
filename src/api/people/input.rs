//! What clients send to create or change a person, and how it is checked.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::auth::password::{check_password_strength, hash_password};
use crate::api::error::ApiError;
use crate::domain::email::normalize_email;
use crate::domain::holiday_region::normalize_holiday_region;
use crate::domain::skills::{normalize_channels, normalize_languages};
use crate::domain::time_zone::parse_time_zone;
use crate::domain::{has_control_character, Channel, Contract, InvalidValue, Role, Tier};
use crate::store::people::PersonRow;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsInput {
    /// BCP 47 tags, e.g. `["en", "de"]`.
    pub languages: Vec<String>,
    pub tier: Tier,
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePerson {
    pub name: String,
    pub email: String,
    /// Defaults to `member`.
    pub role: Option<Role>,
    /// At least 12 characters; without one the person cannot log in.
    pub password: Option<String>,
    /// IANA zone, e.g. `Europe/Warsaw`.
    pub time_zone: String,
    /// ISO 3166-1 alpha-2, optionally with subdivision: `PL`, `DE-BY`.
    pub holiday_region: String,
    pub skills: SkillsInput,
    /// Defaults to 40 h a week, 11 h rest, 5 days in a row, 2 nights a week, 08:00–20:00.
    pub contract: Option<Contract>,
}

/// Fields left out stay as they are; `skills` and `contract` are replaced whole.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchPerson {
    pub name: Option<String>,
    pub email: Option<String>,
    pub role: Option<Role>,
    pub password: Option<String>,
    pub time_zone: Option<String>,
    pub holiday_region: Option<String>,
    pub skills: Option<SkillsInput>,
    pub contract: Option<Contract>,
    pub active: Option<bool>,
}

impl PatchPerson {
    /// Fields a member may change on their own record; the rest is for managers.
    pub fn only_self_service_fields(&self) -> bool {
        self.role.is_none()
            && self.password.is_none()
            && self.holiday_region.is_none()
            && self.skills.is_none()
            && self.contract.is_none()
            && self.active.is_none()
            && self.email.is_none()
    }
}

pub fn check_name(field: &str, name: &str) -> Result<String, InvalidValue> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 200 {
        return Err(InvalidValue::new(field, "invalid_name", "a name has 1–200 characters"));
    }
    if has_control_character(trimmed) {
        return Err(InvalidValue::new(
            field,
            "invalid_name",
            "a name has no control characters (tabs, line breaks, NUL)",
        ));
    }
    Ok(trimmed.to_string())
}

fn set_email(row: &mut PersonRow, email: &str) -> Result<(), ApiError> {
    row.email_normalized = normalize_email("email", email)?;
    row.email = email.trim().to_string();
    Ok(())
}

fn set_skills(row: &mut PersonRow, skills: &SkillsInput) -> Result<(), ApiError> {
    let languages = normalize_languages("skills.languages", &skills.languages)?;
    row.languages = serde_json::to_string(&languages).map_err(|_| ApiError::internal())?;
    row.channels = serde_json::to_string(&normalize_channels(&skills.channels)).map_err(|_| ApiError::internal())?;
    row.tier = skills.tier.as_str().to_string();
    Ok(())
}

fn set_contract(row: &mut PersonRow, contract: &Contract) -> Result<(), ApiError> {
    contract.validate("contract")?;
    let int = |value: u32, name: &str| {
        i32::try_from(value)
            .map_err(|_| ApiError::unprocessable("out_of_range", format!("contract.{name}"), "value too large"))
    };
    row.max_minutes_per_week = int(contract.max_minutes_per_week, "max_minutes_per_week")?;
    row.min_rest_minutes = int(contract.min_rest_minutes, "min_rest_minutes")?;
    row.max_consecutive_days = int(contract.max_consecutive_days, "max_consecutive_days")?;
    row.max_nights_per_week = int(contract.max_nights_per_week, "max_nights_per_week")?;
    row.volunteer_earliest = contract.earliest_local_time.format("%H:%M").to_string();
    row.volunteer_latest = contract.latest_local_time.format("%H:%M").to_string();
    Ok(())
}

fn set_password(row: &mut PersonRow, password: &str) -> Result<(), ApiError> {
    check_password_strength("password", password)?;
    row.password_hash = Some(hash_password(password).map_err(|_| ApiError::internal())?);
    Ok(())
}

impl CreatePerson {
    /// Checks every field and builds the row to insert.
    pub fn into_row(self) -> Result<PersonRow, ApiError> {
        let now = crate::store::now_utc();
        let mut row = PersonRow {
            id: crate::store::new_id(),
            name: check_name("name", &self.name)?,
            email: String::new(),
            email_normalized: String::new(),
            role: self.role.unwrap_or(Role::Member).as_str().to_string(),
            password_hash: None,
            time_zone: parse_time_zone("time_zone", &self.time_zone)?.name().to_string(),
            holiday_region: normalize_holiday_region("holiday_region", &self.holiday_region)?,
            languages: String::new(),
            tier: String::new(),
            channels: String::new(),
            max_minutes_per_week: 0,
            min_rest_minutes: 0,
            max_consecutive_days: 0,
            max_nights_per_week: 0,
            volunteer_earliest: String::new(),
            volunteer_latest: String::new(),
            active: true,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        set_email(&mut row, &self.email)?;
        set_skills(&mut row, &self.skills)?;
        set_contract(&mut row, &self.contract.unwrap_or_default())?;
        if let Some(password) = &self.password {
            set_password(&mut row, password)?;
        }
        Ok(row)
    }
}

impl PatchPerson {
    /// Applies the present fields to `row`, checking each.
    pub fn apply(&self, row: &mut PersonRow) -> Result<(), ApiError> {
        if let Some(name) = &self.name {
            row.name = check_name("name", name)?;
        }
        if let Some(email) = &self.email {
            set_email(row, email)?;
        }
        if let Some(role) = self.role {
            row.role = role.as_str().to_string();
        }
        if let Some(password) = &self.password {
            set_password(row, password)?;
        }
        if let Some(zone) = &self.time_zone {
            row.time_zone = parse_time_zone("time_zone", zone)?.name().to_string();
        }
        if let Some(region) = &self.holiday_region {
            row.holiday_region = normalize_holiday_region("holiday_region", region)?;
        }
        if let Some(skills) = &self.skills {
            set_skills(row, skills)?;
        }
        if let Some(contract) = &self.contract {
            set_contract(row, contract)?;
        }
        if let Some(active) = self.active {
            row.active = active;
        }
        Ok(())
    }
}
