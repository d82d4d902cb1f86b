//! The domain's words in the planner's: skills as strings, contracts and night rules.

use crate::domain::desk::{Skill, SkillMinimum};
use crate::domain::{NightRule, Person, Tier};
use crate::planner::model;

const TIERS: [Tier; 3] = [Tier::L1, Tier::L2, Tier::L3];

fn language(tag: &str) -> String {
    format!("lang:{tag}")
}

fn tier(tier: Tier) -> String {
    format!("tier:{}", tier.as_str())
}

/// A person's skills: every language tag and its primary language (`en-US` speaks
/// `en`), every tier up to theirs (an L3 counts as "L2 or above"), every channel.
pub fn person_skills(person: &Person) -> Vec<String> {
    let mut skills = Vec::new();
    for tag in &person.skills.languages {
        skills.push(language(tag));
        if let Some((primary, _)) = tag.split_once('-') {
            skills.push(language(primary));
        }
    }
    skills.extend(TIERS.iter().filter(|t| **t <= person.skills.tier).map(|t| tier(*t)));
    skills.extend(person.skills.channels.iter().map(|c| format!("channel:{}", c.as_str())));
    skills.sort();
    skills.dedup();
    skills
}

/// A shift's skill, as the people's skills spell it.
pub fn skill(skill: &Skill) -> Option<String> {
    skill
        .language
        .as_deref()
        .map(language)
        .or(skill.tier_at_least.map(tier))
        .or(skill.channel.map(|c| format!("channel:{}", c.as_str())))
}

pub fn skill_minimum(minimum: &SkillMinimum) -> Option<model::SkillMinimum> {
    let as_skill =
        Skill { language: minimum.language.clone(), tier_at_least: minimum.tier_at_least, channel: minimum.channel };
    Some(model::SkillMinimum { any_of: vec![skill(&as_skill)?], min: minimum.min })
}

pub fn night_rule(rule: &NightRule) -> model::NightRule {
    model::NightRule { from: rule.from, to: rule.to, min_minutes: rule.min_minutes }
}

pub fn days_off_by(by: crate::domain::settings::DaysOffBy) -> model::DaysOffBy {
    match by {
        crate::domain::settings::DaysOffBy::Overlap => model::DaysOffBy::Overlap,
        crate::domain::settings::DaysOffBy::StartDate => model::DaysOffBy::StartDate,
    }
}

/// The contract id of a person in a problem: one contract each, as contracts differ.
pub fn contract_id(person_id: &str) -> String {
    format!("contract:{person_id}")
}

/// A person's contract for the planner; `holiday_work` is the desk's.
pub fn contract(person: &Person, holiday_work: bool) -> model::Contract {
    let c = &person.contract;
    model::Contract {
        id: contract_id(&person.id),
        max_minutes_per_week: Some(c.max_minutes_per_week),
        min_rest_minutes: Some(c.min_rest_minutes),
        max_consecutive_days: Some(c.max_consecutive_days),
        max_nights_per_week: Some(c.max_nights_per_week),
        may_work_holidays: holiday_work,
        night: c.night.as_ref().map(night_rule),
        ..model::Contract::default()
    }
}

/// `message` with the roster's shift ids replaced by what a manager calls the shifts
/// ("Late 2026-03-31"): the planner names shifts by id.
pub fn shift_names(shifts: &[crate::domain::roster::RosterShift], message: &str) -> String {
    if !message.contains('-') {
        return message.to_string();
    }
    shifts.iter().fold(message.to_string(), |text, s| {
        if text.contains(&s.id) {
            text.replace(&s.id, &format!("{} {}", s.template_name, s.local_date))
        } else {
            text
        }
    })
}

/// What a manager calls a rule the planner names by code: hard rules ("MIN_REST") and
/// the soft rules of the score ("fairness_nights"). An unknown code reads as itself.
pub fn rule_name(code: &str) -> &str {
    match code {
        "MIN_REST" => "Rest between shifts",
        "MAX_WEEKLY_MINUTES" => "Weekly hours",
        "MAX_TOTAL_MINUTES" | "MIN_TOTAL_MINUTES" => "Hours over the roster",
        "MAX_SHIFTS" => "Shifts of a type",
        "MAX_CONSECUTIVE_SHIFTS" => "Working days in a row",
        "MIN_CONSECUTIVE_SHIFTS" => "Shortest run of working days",
        "MIN_CONSECUTIVE_DAYS_OFF" => "Days off in a row",
        "MAX_WEEKENDS" => "Weekends worked",
        "MAX_NIGHTS_PER_WEEK" => "Nights a week",
        "UNAVAILABLE" => "Time off",
        "DAY_OFF" => "Time off",
        "HOLIDAY" => "Public holiday",
        "MISSING_SKILL" => "Skills",
        "COMMITMENT" => "Other commitments",
        "ONE_SHIFT_PER_DAY" | "DUPLICATE_ASSIGNMENT" | "ASSIGNED_ELSEWHERE" => "One shift a day",
        "OVERLAP" => "Overlapping shifts",
        "SHIFT_ROTATION" => "Shift order",
        "LOCKED" | "LOCKED_MISSING" => "Fixed by a manager",
        "OUTSIDE_VOLUNTEER_WINDOW" => "Daytime window",
        "NOT_CHOSEN" => "Free to take it",
        "below_minimum" => "Shifts below minimum",
        "below_target" => "Shifts below target",
        "above_target" => "Shifts above target",
        "skill_shortfall" => "Skill minimums missed",
        "requests" => "Wishes not met",
        "fairness_nights" => "Nights shared unevenly",
        "fairness_weekends" => "Weekends shared unevenly",
        "fairness_holidays" => "Holidays shared unevenly",
        "backward_rotation" => "Backward rotation",
        "outside_daytime" => "Outside daytime window",
        "change_from_previous" => "Changes from the last plan",
        "isolated_day" => "Isolated working days",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Channel;

    #[test]
    fn skills_read_the_way_templates_ask_for_them() {
        let mut person = crate::domain::Person {
            id: "p".into(),
            name: "P".into(),
            email: String::new(),
            email_key: String::new(),
            role: crate::domain::Role::Member,
            time_zone: "Europe/Warsaw".into(),
            holiday_region: "PL".into(),
            skills: crate::domain::Skills {
                languages: vec!["de".into(), "en-US".into()],
                tier: Tier::L2,
                channels: vec![Channel::Phone],
            },
            contract: crate::domain::Contract::default(),
            active: true,
            token_generation: 0,
            teams: Vec::new(),
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let skills = person_skills(&person);
        assert_eq!(skills, ["channel:phone", "lang:de", "lang:en", "lang:en-US", "tier:L1", "tier:L2"]);
        let l2 = Skill { tier_at_least: Some(Tier::L2), ..Skill::default() };
        assert!(skills.contains(&skill(&l2).unwrap()));
        person.skills.tier = Tier::L1;
        assert!(!person_skills(&person).contains(&skill(&l2).unwrap()), "an L1 is not L2 or above");
    }
}
