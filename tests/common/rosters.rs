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

/// A draft roster of an [`en_desk`] of team A from `from` to `to`, with the member on
/// the Day of Tuesday 31 March: the roster's id and ETag.
pub async fn member_on_tuesday<S, B>(app: &S, ctx: &Ctx, from: &str, to: &str) -> (String, String)
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let desk = send(app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(en_desk(&ctx.team_a))).await;
    let uri = format!("/api/desks/{}/rosters", desk.body["id"].as_str().unwrap_or_default());
    let roster =
        send(app, request("POST", &uri, Some(&ctx.manager.token)).set_json(json!({"from": from, "to": to}))).await;
    let roster_id = roster.body["id"].as_str().unwrap_or_default().to_string();
    let shifts = roster.body["shifts"].as_array().cloned().unwrap_or_default();
    let day = shifts.iter().find(|s| s["template"] == "Day" && s["local_date"] == "2026-03-31").cloned();
    let edited = send(
        app,
        request("PATCH", &format!("/api/rosters/{roster_id}/assignments"), Some(&ctx.manager.token))
            .insert_header((header::IF_MATCH, "*"))
            .set_json(json!({"changes": [{"shift_id": day.map(|d| d["id"].clone()), "add": ctx.member.id}]})),
    )
    .await;
    assert_eq!(edited.status, actix_web::http::StatusCode::OK, "{}", edited.body);
    (roster_id, edited.etag())
}
