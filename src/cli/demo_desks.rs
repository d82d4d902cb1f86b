//! The demo's desks: the 24/5 EN/DE desk of the Warsaw team, and the Minsk team's
//! desk that follows US business hours and closes on US holidays.

use serde_json::json;

use crate::service::desks::input::NewDesk;
use crate::service::{self, Actor, Context};

fn warsaw_shift(name: &str, kind: &str, start: &str, end: &str, weekdays: serde_json::Value) -> serde_json::Value {
    json!({
        "name": name, "shift_type": kind, "start": start, "end": end, "time_zone": "Europe/Warsaw",
        "weekdays": weekdays, "min_headcount": 2, "target_headcount": 3,
        "skill_minimums": [{"language": "de", "min": 1}, {"tier_at_least": "L2", "min": 1}],
    })
}

fn en_de_desk(team: &str) -> serde_json::Value {
    json!({
        "name": "Customer Service EN/DE",
        "time_zone": "Europe/Warsaw",
        "teams": [team],
        "shift_types": [
            {"id": "early", "name": "Early", "rotation_rank": 0},
            {"id": "late", "name": "Late", "rotation_rank": 1},
            {"id": "night", "name": "Night", "rotation_rank": 2, "cannot_be_followed_by": ["early"]},
        ],
        "templates": [
            warsaw_shift("Early", "early", "06:00", "14:00", json!([1, 2, 3, 4, 5])),
            warsaw_shift("Late", "late", "14:00", "22:00", json!([1, 2, 3, 4, 5])),
            // Sunday's night opens the week at Monday 00:00; Friday's closes it.
            warsaw_shift("Night", "night", "22:00", "06:00", json!([7, 1, 2, 3, 4, 5])),
        ],
    })
}

fn us_desk(team: &str) -> serde_json::Value {
    let window = |day: u8| {
        json!({"opens": {"weekday": day, "time": "08:00", "time_zone": "America/New_York"},
               "closes": {"weekday": day, "time": "20:00", "time_zone": "America/New_York"}})
    };
    let shift = |name: &str, start: &str, end: &str| {
        json!({
            "name": name, "shift_type": "day", "start": start, "end": end, "time_zone": "America/New_York",
            "weekdays": [1, 2, 3, 4, 5], "min_headcount": 1, "target_headcount": 2,
            "required_skills": [{"language": "en"}],
            "skill_minimums": [{"tier_at_least": "L2", "min": 1}],
        })
    };
    json!({
        "name": "US Business Hours",
        "time_zone": "America/New_York",
        "teams": [team],
        "coverage": [window(1), window(2), window(3), window(4), window(5)],
        "shift_types": [{"id": "day", "name": "Day"}],
        "templates": [shift("US Morning", "08:00", "14:00"), shift("US Afternoon", "14:00", "20:00")],
        "closures": {"holidays_of": ["US"]},
    })
}

/// Creates both desks as the teams' managers would; their (id, name), Warsaw's first.
pub fn seed(
    ctx: &Context,
    warsaw_manager: &Actor,
    warsaw: &str,
    minsk_manager: &Actor,
    minsk: &str,
) -> Result<Vec<(String, String)>, service::Error> {
    let mut desks = Vec::new();
    for (manager, body) in [(warsaw_manager, en_de_desk(warsaw)), (minsk_manager, us_desk(minsk))] {
        let input: NewDesk = serde_json::from_value(body)
            .map_err(|e| service::Error::Internal(format!("demo desk does not parse: {e}")))?;
        let desk = service::desks::write::create(ctx, manager, Ok(input))?.desk;
        desks.push((desk.id, desk.name));
    }
    Ok(desks)
}
