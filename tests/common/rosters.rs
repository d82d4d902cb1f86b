//! What the roster tests share: an app whose clock stands still, and leave that is
//! asked for and approved in one step.

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;

use super::{request, send, Actor, Ctx, Reply};
use rota::domain::{Clock, FixedClock};
use rota::http::AppState;
use rota::service::Context;

/// The app state of `ctx` with a clock stopped at `at`, and the clock (to move it).
pub fn state_at(ctx: &Ctx, at: DateTime<Utc>) -> (AppState, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(at));
    let shared: Arc<dyn Clock> = clock.clone();
    (AppState::new(Context { clock: shared, ..ctx.state.service.clone() }, &ctx.secret), clock)
}

/// Monday 2 March 2026, 09:00 UTC: before every roster the tests plan.
pub fn state_before_march(ctx: &Ctx) -> (AppState, Arc<FixedClock>) {
    state_at(ctx, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())
}

/// `person` asks for whole days off from `from` to `to` and the manager approves;
/// the approval's reply.
pub async fn approved_leave<S, B>(app: &S, ctx: &Ctx, person: &Actor, from: &str, to: &str) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let asked = send(
        app,
        request("POST", &format!("/api/people/{}/time-off", person.id), Some(&person.token))
            .set_json(json!({"from": from, "to": to, "reason": "vacation"})),
    )
    .await;
    assert_eq!(asked.status, actix_web::http::StatusCode::CREATED, "{}", asked.body);
    let id = asked.body["id"].as_str().unwrap_or_default();
    send(
        app,
        request("POST", &format!("/api/time-off/{id}/approve"), Some(&ctx.manager.token))
            .insert_header((header::IF_MATCH, asked.etag()))
            .set_json(json!({})),
    )
    .await
}

/// A Warsaw desk of `team` on weekdays: day, night (no day after it) and a German
/// evening, none with a minimum.
pub fn en_desk(team: &str) -> serde_json::Value {
    json!({
        "name": "EN", "time_zone": "Europe/Warsaw", "teams": [team],
        "shift_types": [{"id": "day", "name": "Day"}, {"id": "night", "name": "Night", "cannot_be_followed_by": ["day"]}],
        "templates": [
            {"name": "Day", "shift_type": "day", "start": "08:00", "end": "16:00", "time_zone": "Europe/Warsaw",
             "weekdays": [1, 2, 3, 4, 5], "min_headcount": 0, "target_headcount": 2},
            {"name": "Night", "shift_type": "night", "start": "22:00", "end": "06:00", "time_zone": "Europe/Warsaw",
             "weekdays": [1, 2, 3, 4, 5], "min_headcount": 0, "target_headcount": 1},
            {"name": "German", "shift_type": "day", "start": "16:00", "end": "20:00", "time_zone": "Europe/Warsaw",
             "weekdays": [1, 2, 3, 4, 5], "min_headcount": 0, "target_headcount": 1, "required_skills": [{"language": "de"}]},
        ],
    })
}
