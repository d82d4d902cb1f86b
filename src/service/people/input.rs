//! What callers send to create or change a person, and how each field is checked.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::email::normalize_email;
use crate::domain::holiday_region::normalize_holiday_region;
use crate::domain::skills::{normalize_channels, normalize_languages};
use crate::domain::time_zone::parse_time_zone;
pub use crate::domain::validation::check_name;
use crate::domain::{Channel, Contract, InvalidValue, Person, Role, Skills, Tier};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsInput {
    /// BCP 47 tags, e.g. `["en", "de"]`.
    #[schema(max_items = 50)]
    pub languages: Vec<String>,
    pub tier: Tier,
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPerson {
    /// 1–200 characters, no control characters.
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[schema(min_length = 3, max_length = 254, format = "email")]
    pub email: String,
    /// Defaults to `member`.
    pub role: Option<Role>,
    /// At least 12 characters; without one the person cannot log in.
    #[schema(min_length = 12)]
    pub password: Option<String>,
    /// IANA zone, e.g. `Europe/Warsaw`.
    #[schema(example = "Europe/Warsaw")]
    pub time_zone: String,
    /// ISO 3166-1 alpha-2, optionally with subdivision: `PL`, `DE-BY`.
    #[schema(example = "DE-BY", pattern = "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")]
    pub holiday_region: String,
    pub skills: SkillsInput,
    /// Defaults to 40 h a week, 11 h rest, 5 days in a row, 2 nights a week, 08:00–20:00.
    pub contract: Option<Contract>,
}

/// Fields left out stay as they are; `skills` and `contract` are replaced whole.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonChanges {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[schema(min_length = 3, max_length = 254, format = "email")]
    pub email: Option<String>,
    pub role: Option<Role>,
    #[schema(min_length = 12)]
    pub password: Option<String>,
    pub time_zone: Option<String>,
    #[schema(pattern = "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")]
    pub holiday_region: Option<String>,
    pub skills: Option<SkillsInput>,
    pub contract: Option<Contract>,
    pub active: Option<bool>,
}

impl PersonChanges {
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

    /// Applies the present fields to `person`, checking each. The password is the
    /// caller's to hash; here it only ends older tokens, as a role or active change does.
    pub fn apply(&self, person: &mut Person) -> Result<(), InvalidValue> {
        let before = person.clone();
        if let Some(name) = &self.name {
            person.name = check_name("name", name)?;
        }
        if let Some(email) = &self.email {
            set_email(person, email)?;
        }
        if let Some(role) = self.role {
            person.role = role;
        }
        if let Some(zone) = &self.time_zone {
            person.time_zone = parse_time_zone("time_zone", zone)?.name().to_string();
        }
        if let Some(region) = &self.holiday_region {
            person.holiday_region = normalize_holiday_region("holiday_region", region)?;
        }
        if let Some(skills) = &self.skills {
            person.skills = check_skills(skills)?;
        }
        if let Some(contract) = &self.contract {
            contract.validate("contract")?;
            person.contract = contract.clone();
        }
        if let Some(active) = self.active {
            person.active = active;
        }
        if self.password.is_some() || person.role != before.role || person.active != before.active {
            person.token_generation += 1;
        }
        Ok(())
    }
}

fn set_email(person: &mut Person, email: &str) -> Result<(), InvalidValue> {
    person.email_key = normalize_email("email", email)?;
    person.email = email.trim().to_string();
    Ok(())
}

fn check_skills(skills: &SkillsInput) -> Result<Skills, InvalidValue> {
    Ok(Skills {
        languages: normalize_languages("skills.languages", &skills.languages)?,
        tier: skills.tier,
        channels: normalize_channels(&skills.channels),
    })
}

impl NewPerson {
    /// Checks every field and builds the person to insert (id, version 1, no teams).
    /// The person this input describes; without a contract, `default_contract` (the
    /// organisation's, from the settings).
    pub fn into_person(
        self,
        now: chrono::DateTime<chrono::Utc>,
        default_contract: &Contract,
    ) -> Result<Person, InvalidValue> {
        let skills = check_skills(&self.skills)?;
        let contract = self.contract.clone().unwrap_or_else(|| default_contract.clone());
        contract.validate("contract")?;
        let mut person = Person {
            id: crate::store::new_id(),
            name: check_name("name", &self.name)?,
            email: String::new(),
            email_key: String::new(),
            role: self.role.unwrap_or(Role::Member),
            time_zone: parse_time_zone("time_zone", &self.time_zone)?.name().to_string(),
            holiday_region: normalize_holiday_region("holiday_region", &self.holiday_region)?,
            skills,
            contract,
            active: true,
            token_generation: 0,
            teams: Vec::new(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        set_email(&mut person, &self.email)?;
        Ok(person)
    }
}
