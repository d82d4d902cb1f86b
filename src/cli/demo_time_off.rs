//! The demo's time off, relative to "today": a request waiting for each manager, one
//! approved, one rejected, and sick leave in Minsk.

use chrono::{Days, NaiveDate};
use serde_json::json;

use crate::domain::Person;
use crate::service::time_off::{decide, request};
use crate::service::{self, Actor, Context, IfVersion};

enum Decision {
    Pending,
    Approve(&'static str),
    Reject(&'static str),
}

/// (email, first day from today, days, reason, note, decision)
const LEAVE: &[(&str, u64, u64, &str, &str, Decision)] = &[
    ("piotr.kowalski@rota.demo", 14, 5, "vacation", "Family trip to Gdańsk", Decision::Pending),
    ("katarzyna.wisniewska@rota.demo", 7, 5, "vacation", "", Decision::Approve("Enjoy the mountains")),
    (
        "tomasz.wojcik@rota.demo",
        21,
        1,
        "training",
        "Zendesk admin course",
        Decision::Reject("Release week; can you take the March date?"),
    ),
    ("olga.ivanova@rota.demo", 0, 2, "sick", "", Decision::Approve("Get well soon")),
    ("dmitry.smirnov@rota.demo", 28, 3, "vacation", "", Decision::Pending),
];

fn person(ctx: &Context, email: &str) -> Result<Person, service::Error> {
    ctx.read(|conn| Ok(crate::store::people::find_by_email(conn, email)?))?.ok_or(service::Error::NotFound("person"))
}

fn input<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, service::Error> {
    serde_json::from_value(value).map_err(|e| service::Error::Internal(format!("demo time off does not parse: {e}")))
}

/// Each request is filed by the person and decided by the manager of their team.
pub fn seed(ctx: &Context, today: NaiveDate, managers: &[&Actor]) -> Result<(), service::Error> {
    for (email, offset, days, reason, note, decision) in LEAVE {
        let who = person(ctx, email)?;
        let first = today.checked_add_days(Days::new(*offset)).unwrap_or(today);
        let last = first.checked_add_days(Days::new(days.saturating_sub(1))).unwrap_or(first);
        let body = json!({"from": first, "to": last, "reason": reason, "note": note});
        let filed = request::request(ctx, &Actor::of(&who), &who.id, Ok(input(body)?))?;
        let Some(manager) = managers.iter().find(|m| m.manages_person(&who)) else { continue };
        match decision {
            Decision::Pending => {}
            Decision::Approve(comment) => {
                decide::approve(ctx, manager, &filed.id, Ok(IfVersion::Any), Ok(input(json!({"comment": comment}))?))?;
            }
            Decision::Reject(comment) => {
                decide::reject(ctx, manager, &filed.id, Ok(IfVersion::Any), Ok(input(json!({"comment": comment}))?))?;
            }
        }
    }
    Ok(())
}
