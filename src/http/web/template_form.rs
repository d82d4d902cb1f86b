//! The template editor's form: a fieldset per template (times, zone, weekdays as
//! checkboxes, headcounts, skill minimums and required skills as rows), read from the
//! posted fields as typed, shown back with the service's message beside each field,
//! and turned into the same `TemplateList` the API takes (so the same checks and the
//! same words judge it).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::domain::desk::{ShiftTemplate, Skill, SkillMinimum};
use crate::http::api::error::ApiError;
use crate::http::json::parse_json;
use crate::service::desks::input::TemplateList;

pub const WEEKDAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// The kinds of skill a row may name, as (value, label).
pub const SKILL_KINDS: [(&str, &str); 3] =
    [("language", "Language"), ("tier", "Tier at least"), ("channel", "Channel")];

#[derive(Debug, Clone, Default)]
pub struct SkillRow {
    pub kind: String,
    pub value: String,
    /// Only for minimums.
    pub min: String,
}

#[derive(Debug, Clone, Default)]
pub struct TemplateDraft {
    pub id: String,
    pub name: String,
    pub shift_type: String,
    pub start: String,
    pub end: String,
    pub time_zone: String,
    pub weekdays: [bool; 7],
    pub min: String,
    pub target: String,
    pub minimums: Vec<SkillRow>,
    pub required: Vec<SkillRow>,
    /// Field (`start`, `minimums.1.min` …) → the message shown beside it.
    pub errors: HashMap<String, String>,
}

impl TemplateDraft {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.errors.contains_key(field)
    }

    /// The typed value of one of the template's own fields.
    pub fn value_of(&self, field: &str) -> &str {
        match field {
            "name" => &self.name,
            "start" => &self.start,
            "end" => &self.end,
            "time_zone" => &self.time_zone,
            "min" => &self.min,
            "target" => &self.target,
            _ => "",
        }
    }

    /// Messages for fields the form does not show beside a field (weekday overrides).
    pub fn other_errors(&self) -> Vec<(&str, &str)> {
        const SHOWN: [&str; 9] = ["id", "name", "shift_type", "start", "end", "time_zone", "min", "target", "weekdays"];
        self.errors
            .iter()
            .filter(|(k, _)| !SHOWN.contains(&k.as_str()) && !k.starts_with("minimums.") && !k.starts_with("required."))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// A new template, as the editor offers it: the desk's zone, weekdays Mon–Fri.
    pub fn blank(zone: &str, shift_type: &str) -> Self {
        Self {
            time_zone: zone.to_string(),
            shift_type: shift_type.to_string(),
            weekdays: [true, true, true, true, true, false, false],
            min: "1".into(),
            target: "1".into(),
            ..Self::default()
        }
    }
}

fn skill_row(
    language: &Option<String>,
    tier: &Option<crate::domain::Tier>,
    channel: &Option<crate::domain::Channel>,
    min: String,
) -> SkillRow {
    let (kind, value) = match (language, tier, channel) {
        (Some(l), _, _) => ("language", l.clone()),
        (_, Some(t), _) => ("tier", t.as_str().to_string()),
        (_, _, Some(c)) => ("channel", c.as_str().to_string()),
        _ => ("language", String::new()),
    };
    SkillRow { kind: kind.into(), value, min }
}

impl From<&ShiftTemplate> for TemplateDraft {
    fn from(t: &ShiftTemplate) -> Self {
        let mut weekdays = [false; 7];
        for d in &t.weekdays {
            if let Some(slot) = weekdays.get_mut(usize::from(*d).wrapping_sub(1)) {
                *slot = true;
            }
        }
        Self {
            id: t.id.clone(),
            name: t.name.clone(),
            shift_type: t.shift_type.clone(),
            start: t.start.format("%H:%M").to_string(),
            end: t.end.format("%H:%M").to_string(),
            time_zone: t.time_zone.clone(),
            weekdays,
            min: t.min_headcount.to_string(),
            target: t.target_headcount.to_string(),
            minimums: t
                .skill_minimums
                .iter()
                .map(|m: &SkillMinimum| skill_row(&m.language, &m.tier_at_least, &m.channel, m.min.to_string()))
                .collect(),
            required: t
                .required_skills
                .iter()
                .map(|s: &Skill| skill_row(&s.language, &s.tier_at_least, &s.channel, String::new()))
                .collect(),
            errors: HashMap::new(),
        }
    }
}

/// `t3.minimums.1.kind` → (3, "minimums.1.kind").
fn split_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix('t')?;
    let (index, field) = rest.split_once('.')?;
    Some((index.parse().ok().filter(|i| *i < 100)?, field))
}

/// The drafts as posted, in order; rows beyond a few dozen are not read.
pub fn drafts_from(fields: &[(String, String)]) -> Vec<TemplateDraft> {
    let mut drafts: Vec<TemplateDraft> = Vec::new();
    for (key, value) in fields {
        let Some((i, field)) = split_key(key) else { continue };
        if drafts.len() <= i {
            drafts.resize_with(i + 1, TemplateDraft::default);
        }
        let draft = &mut drafts[i];
        let value = value.clone();
        match field {
            "id" => draft.id = value,
            "name" => draft.name = value,
            "shift_type" => draft.shift_type = value,
            "start" => draft.start = value,
            "end" => draft.end = value,
            "time_zone" => draft.time_zone = value,
            "weekday" => {
                if let Some(slot) = value.parse::<usize>().ok().and_then(|d| draft.weekdays.get_mut(d.wrapping_sub(1)))
                {
                    *slot = true;
                }
            }
            "min" => draft.min = value,
            "target" => draft.target = value,
            other => {
                let mut parts = other.splitn(3, '.');
                let (list, row, part) = (parts.next(), parts.next(), parts.next());
                let Some(row) = row.and_then(|r| r.parse::<usize>().ok()).filter(|r| *r < 20) else { continue };
                let rows = match list {
                    Some("minimums") => &mut draft.minimums,
                    Some("required") => &mut draft.required,
                    _ => continue,
                };
                if rows.len() <= row {
                    rows.resize_with(row + 1, SkillRow::default);
                }
                match part {
                    Some("kind") => rows[row].kind = value,
                    Some("value") => rows[row].value = value,
                    Some("min") => rows[row].min = value,
                    _ => {}
                }
            }
        }
    }
    drafts
}

fn skill_json(row: &SkillRow) -> serde_json::Map<String, Value> {
    let mut skill = serde_json::Map::new();
    let key = match row.kind.as_str() {
        "tier" => "tier_at_least",
        "channel" => "channel",
        _ => "language",
    };
    skill.insert(key.into(), Value::String(row.value.trim().to_string()));
    skill
}

/// A count as typed: a number when it is one, else the text (which the API's parser
/// then names as the wrong field).
fn count(text: &str) -> Value {
    text.trim().parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::String(text.trim().to_string()))
}

/// The drafts as the API's `PUT /api/desks/{id}/templates` body; a kept template keeps
/// the weekday overrides it has (the editor does not show them).
pub fn template_list(drafts: &[TemplateDraft], stored: &[ShiftTemplate]) -> Result<TemplateList, ApiError> {
    let templates: Vec<Value> = drafts
        .iter()
        .map(|d| {
            let weekdays: Vec<u8> = (1..=7).filter(|w| d.weekdays[usize::from(*w) - 1]).collect();
            let overrides = stored
                .iter()
                .find(|t| !d.id.is_empty() && t.id == d.id)
                .map(|t| t.overrides.clone())
                .unwrap_or_default();
            let minimums: Vec<Value> = d
                .minimums
                .iter()
                .map(|r| {
                    let mut m = skill_json(r);
                    m.insert("min".into(), count(&r.min));
                    Value::Object(m)
                })
                .collect();
            let required: Vec<Value> = d.required.iter().map(|r| Value::Object(skill_json(r))).collect();
            let mut t = json!({
                "name": d.name, "shift_type": d.shift_type, "start": d.start.trim(), "end": d.end.trim(),
                "time_zone": d.time_zone.trim(), "weekdays": weekdays, "min_headcount": count(&d.min),
                "target_headcount": count(&d.target), "skill_minimums": minimums, "required_skills": required,
                "overrides": overrides,
            });
            if !d.id.is_empty() {
                t["id"] = Value::String(d.id.clone());
            }
            t
        })
        .collect();
    let body = json!({ "templates": templates });
    parse_json::<TemplateList>(body.to_string().as_bytes())
}

/// The API's field (`templates[2].skill_minimums[0].min`) as the form's: the draft's
/// index and its field (`minimums.0.min`); None for the whole list.
pub fn form_field(api_field: &str) -> Option<(usize, String)> {
    let rest = api_field.strip_prefix("templates[")?;
    let (index, rest) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    let rest = rest.trim_start_matches('.');
    let field = rest
        .replace("min_headcount", "min")
        .replace("target_headcount", "target")
        .replace("skill_minimums[", "minimums.")
        .replace("required_skills[", "required.")
        .replace("].", ".")
        .replace(']', "");
    // A skill's inner field (`language`, `tier_at_least`) is its row's value.
    let field = ["language", "tier_at_least", "channel"]
        .iter()
        .fold(field, |f, inner| f.strip_suffix(&format!(".{inner}")).map(|s| format!("{s}.value")).unwrap_or(f));
    // A weekday or an override is about the template's days: shown beside the weekdays.
    let field = if field.is_empty() {
        "name".to_string()
    } else if field.starts_with("weekdays") || field.starts_with("overrides") {
        "weekdays".to_string()
    } else {
        field
    };
    Some((index, field))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn posted_fields_become_drafts_in_order_with_their_rows() {
        let drafts = drafts_from(&pairs(&[
            ("csrf", "x"),
            ("t0.name", "Early"),
            ("t0.weekday", "1"),
            ("t0.weekday", "5"),
            ("t0.weekday", "9"),
            ("t1.name", "Late"),
            ("t0.minimums.0.kind", "language"),
            ("t0.minimums.0.value", "de"),
            ("t0.minimums.0.min", "1"),
            ("t1.required.0.kind", "tier"),
            ("t1.required.0.value", "L2"),
            ("t999.name", "ignored"),
        ]));
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].weekdays, [true, false, false, false, true, false, false]);
        assert_eq!((drafts[0].minimums[0].value.as_str(), drafts[0].minimums[0].min.as_str()), ("de", "1"));
        assert_eq!(drafts[1].required[0].kind, "tier");
    }

    #[test]
    fn api_fields_map_to_the_form_fields_beside_which_their_message_goes() {
        assert_eq!(form_field("templates[2].start"), Some((2, "start".into())));
        assert_eq!(form_field("templates[0].min_headcount"), Some((0, "min".into())));
        assert_eq!(form_field("templates[1].skill_minimums[3].min"), Some((1, "minimums.3.min".into())));
        assert_eq!(form_field("templates[1].required_skills[0].language"), Some((1, "required.0.value".into())));
        assert_eq!(form_field("templates[1].skill_minimums[0]"), Some((1, "minimums.0".into())));
        assert_eq!(form_field("templates"), None);
        assert_eq!(form_field("templates[0].weekdays[2]"), Some((0, "weekdays".into())));
        assert_eq!(form_field("templates[0].overrides[1].min_headcount"), Some((0, "weekdays".into())));
    }

    #[test]
    fn drafts_round_trip_through_the_api_body() {
        let drafts = drafts_from(&pairs(&[
            ("t0.name", "Night"),
            ("t0.shift_type", "night"),
            ("t0.start", "22:00"),
            ("t0.end", "06:00"),
            ("t0.time_zone", "Europe/Warsaw"),
            ("t0.weekday", "7"),
            ("t0.weekday", "1"),
            ("t0.min", "1"),
            ("t0.target", "2"),
            ("t0.minimums.0.kind", "language"),
            ("t0.minimums.0.value", "de"),
            ("t0.minimums.0.min", "1"),
        ]));
        let list = template_list(&drafts, &[]).unwrap();
        let t = &list.templates[0];
        assert_eq!((t.weekdays.clone(), t.min_headcount, t.target_headcount), (vec![1, 7], 1, 2));
        assert_eq!(t.skill_minimums[0].language.as_deref(), Some("de"));
        let mut bad = drafts.clone();
        bad[0].start = "25:00".into();
        let error = template_list(&bad, &[]).unwrap_err();
        assert_eq!(error.field.as_deref(), Some("templates[0].start"));
        bad[0].start = "22:00".into();
        bad[0].target = "two".into();
        assert_eq!(template_list(&bad, &[]).unwrap_err().field.as_deref(), Some("templates[0].target_headcount"));
    }
}
