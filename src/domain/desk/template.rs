//! Shift templates: "Night, 22:00–06:00 Europe/Warsaw, Sun–Thu, min 2, target 3, at
//! least one German speaker". Times are wall-clock in the template's own zone.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::window::check_weekday;
use crate::domain::contract::hh_mm;
use crate::domain::skills::normalize_languages;
use crate::domain::time_zone::parse_time_zone;
use crate::domain::{Channel, InvalidValue, Tier};

pub const MAX_HEADCOUNT: u32 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftTemplate {
    /// Stable across edits; left out for a new template, which then gets one.
    #[serde(default)]
    pub id: String,
    #[schema(example = "Night")]
    pub name: String,
    /// The `id` of one of the desk's shift types.
    #[schema(example = "night")]
    pub shift_type: String,
    /// Local start `HH:MM` in `time_zone`.
    #[schema(value_type = String, example = "22:00")]
    #[serde(with = "hh_mm")]
    pub start: NaiveTime,
    /// Local end `HH:MM`; not after `start` means the next local day.
    #[schema(value_type = String, example = "06:00")]
    #[serde(with = "hh_mm")]
    pub end: NaiveTime,
    #[schema(example = "Europe/Warsaw")]
    pub time_zone: String,
    /// ISO weekdays (1 Monday … 7 Sunday) of the local start date.
    #[schema(example = json!([7, 1, 2, 3, 4]))]
    pub weekdays: Vec<u8>,
    /// Fewer people than this is a gap the plan explains.
    #[schema(maximum = 500)]
    pub min_headcount: u32,
    /// How many the planner aims for.
    #[schema(maximum = 500)]
    pub target_headcount: u32,
    /// "At least `min` of the people on it with this skill".
    #[serde(default)]
    pub skill_minimums: Vec<SkillMinimum>,
    /// Skills every person on the shift must have.
    #[serde(default)]
    pub required_skills: Vec<Skill>,
    /// Another start, end or headcount on some weekdays (a Friday that ends earlier).
    #[serde(default)]
    pub overrides: Vec<WeekdayOverride>,
}

/// One skill, in the domain's words: exactly one of the three fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// Speaks this language (BCP 47, e.g. `de`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Works at this tier or above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_at_least: Option<Tier>,
    /// Handles this channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

/// A skill and how many people on the shift need it: `{"language": "de", "min": 1}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillMinimum {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier_at_least: Option<Tier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[schema(minimum = 1)]
    pub min: u32,
}

/// What a weekday changes; a field left out keeps the template's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekdayOverride {
    /// ISO weekday of the local start date; one of the template's weekdays.
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: u8,
    #[schema(value_type = Option<String>, example = "21:00")]
    #[serde(default, with = "optional_hh_mm", skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveTime>,
    #[schema(value_type = Option<String>, example = "21:00")]
    #[serde(default, with = "optional_hh_mm", skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_headcount: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_headcount: Option<u32>,
}

/// What one weekday of a template gives: its times and headcounts after overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayShape {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub min_headcount: u32,
    pub target_headcount: u32,
}

impl ShiftTemplate {
    /// The shape on `weekday` (ISO), overrides applied; None when it does not run then.
    pub fn shape_on(&self, weekday: u8) -> Option<DayShape> {
        if !self.weekdays.contains(&weekday) {
            return None;
        }
        let mut shape = DayShape {
            start: self.start,
            end: self.end,
            min_headcount: self.min_headcount,
            target_headcount: self.target_headcount,
        };
        if let Some(o) = self.overrides.iter().find(|o| o.weekday == weekday) {
            shape.start = o.start.unwrap_or(shape.start);
            shape.end = o.end.unwrap_or(shape.end);
            shape.min_headcount = o.min_headcount.unwrap_or(shape.min_headcount);
            shape.target_headcount = o.target_headcount.unwrap_or(shape.target_headcount);
        }
        Some(shape)
    }

    /// Checks the template on its own (references to shift types are the desk's to
    /// check) and returns it with weekdays sorted and languages canonical.
    pub fn validated(mut self, field: &str) -> Result<Self, InvalidValue> {
        let at = |name: &str| format!("{field}.{name}");
        self.name = crate::domain::validation::check_name(&at("name"), &self.name)?;
        parse_time_zone(&at("time_zone"), &self.time_zone)?;
        if self.weekdays.is_empty() {
            return Err(InvalidValue::new(at("weekdays"), "empty", "list at least one weekday (1 Monday … 7 Sunday)"));
        }
        for (i, day) in self.weekdays.iter().enumerate() {
            check_weekday(&format!("{field}.weekdays[{i}]"), *day)?;
        }
        self.weekdays.sort_unstable();
        self.weekdays.dedup();
        let mut seen = Vec::new();
        for (i, o) in self.overrides.iter().enumerate() {
            let here = format!("{field}.overrides[{i}]");
            check_weekday(&format!("{here}.weekday"), o.weekday)?;
            if !self.weekdays.contains(&o.weekday) {
                return Err(InvalidValue::new(
                    format!("{here}.weekday"),
                    "not_a_template_day",
                    format!("the template does not run on weekday {}", o.weekday),
                ));
            }
            if seen.contains(&o.weekday) {
                return Err(InvalidValue::new(format!("{here}.weekday"), "duplicate", "one override per weekday"));
            }
            seen.push(o.weekday);
        }
        for (i, skill) in self.required_skills.iter_mut().enumerate() {
            *skill = skill.clone().validated(&format!("{field}.required_skills[{i}]"))?;
        }
        for (i, minimum) in self.skill_minimums.iter_mut().enumerate() {
            let here = format!("{field}.skill_minimums[{i}]");
            let skill = Skill {
                language: minimum.language.clone(),
                tier_at_least: minimum.tier_at_least,
                channel: minimum.channel,
            }
            .validated(&here)?;
            minimum.language = skill.language;
            if minimum.min == 0 {
                return Err(InvalidValue::new(format!("{here}.min"), "out_of_range", "a minimum is at least 1"));
            }
        }
        for weekday in self.weekdays.clone() {
            let Some(shape) = self.shape_on(weekday) else { continue };
            let (where_, in_override) = match self.overrides.iter().position(|o| o.weekday == weekday) {
                Some(i) => (format!("{field}.overrides[{i}]"), true),
                None => (field.to_string(), false),
            };
            self.check_shape(&where_, in_override, weekday, shape)?;
        }
        Ok(self)
    }

    fn check_shape(&self, field: &str, in_override: bool, weekday: u8, shape: DayShape) -> Result<(), InvalidValue> {
        let on = if in_override { format!(" on weekday {weekday}") } else { String::new() };
        if shape.end == shape.start {
            return Err(InvalidValue::new(
                format!("{field}.end"),
                "empty_shift",
                format!("the shift{on} ends when it starts; an end before the start means the next day"),
            ));
        }
        if shape.target_headcount > MAX_HEADCOUNT {
            return Err(InvalidValue::new(
                format!("{field}.target_headcount"),
                "out_of_range",
                format!("at most {MAX_HEADCOUNT} people"),
            ));
        }
        if shape.min_headcount > shape.target_headcount {
            return Err(InvalidValue::new(
                format!("{field}.min_headcount"),
                "above_target",
                format!("the minimum{on} ({}) is above the target ({})", shape.min_headcount, shape.target_headcount),
            ));
        }
        if let Some((i, minimum)) = self.skill_minimums.iter().enumerate().find(|(_, m)| m.min > shape.target_headcount)
        {
            return Err(InvalidValue::new(
                format!("{}.skill_minimums[{i}].min", self.base_field(field)),
                "above_headcount",
                format!(
                    "{} people with this skill can never fit a shift of {}{on}",
                    minimum.min, shape.target_headcount
                ),
            ));
        }
        Ok(())
    }

    /// The template's own field path, from an override's.
    fn base_field<'a>(&self, field: &'a str) -> &'a str {
        field.split(".overrides[").next().unwrap_or(field)
    }
}

impl Skill {
    pub fn validated(mut self, field: &str) -> Result<Self, InvalidValue> {
        let given = [self.language.is_some(), self.tier_at_least.is_some(), self.channel.is_some()];
        if given.iter().filter(|g| **g).count() != 1 {
            return Err(InvalidValue::new(
                field,
                "one_skill",
                "name exactly one of language, tier_at_least or channel",
            ));
        }
        if let Some(tag) = &self.language {
            let canonical = normalize_languages(&format!("{field}.language"), std::slice::from_ref(tag))
                .map_err(|e| InvalidValue { field: format!("{field}.language"), ..e })?;
            self.language = canonical.into_iter().next();
        }
        Ok(self)
    }
}

mod optional_hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, serializer: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => crate::domain::contract::hh_mm::serialize(time, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveTime>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) => crate::domain::contract::hh_mm::parse(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a time of day as HH:MM"))),
        }
    }
}
