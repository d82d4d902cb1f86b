//! Time off through the real app: asked for, approved, rejected, cancelled, listed;
//! who may do what; bad periods refused with nothing written; the notifications and
//! audit rows each change leaves.

mod common;

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::{each_backend, request, send, Ctx, Reply};
use diesel::prelude::*;
use futures_util::future::join_all;
use rota::domain::{Clock, FixedClock, TimeOffPeriod};
use rota::http::{build_app, AppState};
use rota::service::Context;
use rota::store;
use serde_json::{json, Value};

/// The app with "now" fixed at `at`, over the test world's database.
fn fixed_clock(ctx: &Ctx, at: &str) -> (AppState, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(at.parse::<DateTime<Utc>>().expect("an RFC 3339 instant")));
    let shared: Arc<dyn Clock> = clock.clone();
    let service = Context::new(ctx.state.service.pool.clone(), shared, ctx.state.service.hasher.clone());
    (AppState::new(service, &ctx.secret), clock)
}

async fn ask<S, B>(app: &S, token: &str, person_id: &str, body: Value) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    send(app, request("POST", &format!("/api/people/{person_id}/time-off"), Some(token)).set_json(body)).await
}

/// approve, reject or cancel, with the ETag given (cancel sends no body).
async fn act<S, B>(app: &S, token: &str, id: &str, action: &str, etag: &str, body: Option<Value>) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut req =
        request("POST", &format!("/api/time-off/{id}/{action}"), Some(token)).insert_header((header::IF_MATCH, etag));
    if let Some(body) = body {
        req = req.set_json(body);
    }
    send(app, req).await
}

async fn get<S, B>(app: &S, token: &str, uri: &str) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    send(app, request("GET", uri, Some(token))).await
}

fn ids(reply: &Reply) -> Vec<String> {
    reply.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("a page: {}", reply.body))
        .iter()
        .map(|item| item["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn id_of(reply: &Reply) -> String {
    reply.body["id"].as_str().unwrap_or_else(|| panic!("an id: {}", reply.body)).to_string()
}

fn audit_actions(ctx: &Ctx, time_off_id: &str) -> Vec<(String, String)> {
    let mut conn = ctx.state.service.pool.get().expect("connection");
    store::audit::for_entity(&mut conn, "time_off", time_off_id)
        .expect("audit rows")
        .into_iter()
        .map(|event| (event.action, event.actor_id))
        .collect()
}

/// Rows of time off and notifications, and audit rows about time off, in the database.
fn written(ctx: &Ctx) -> (i64, i64, i64) {
    use rota::store::schema::{audit_events, notifications, time_off};
    let mut conn = ctx.state.service.pool.get().expect("connection");
    let time_off: i64 = time_off::table.count().get_result(&mut *conn).expect("count time off");
    let notifications: i64 = notifications::table.count().get_result(&mut *conn).expect("count notifications");
    let audited: i64 = audit_events::table
        .filter(audit_events::entity.eq("time_off"))
        .count()
        .get_result(&mut *conn)
        .expect("count audit rows");
    (time_off, notifications, audited)
}

#[actix_web::test]
async fn requested_then_approved_then_listed_by_date() {
    each_backend(|ctx| async move {
        let (state, _clock) = fixed_clock(&ctx, "2026-12-01T08:00:00Z");
        let app = init_service(build_app(state)).await;
        let asked = ask(
            &app,
            &ctx.target.token,
            &ctx.target.id,
            json!({"from": "2026-12-21", "to": "2026-12-23", "reason": "vacation", "note": "Family in Gdańsk\n(back on the 24th)"}),
        )
        .await;
        assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
        let id = id_of(&asked);
        assert_eq!(asked.etag(), "\"1\"");
        assert_eq!(asked.headers.get(header::LOCATION).unwrap(), format!("/api/time-off/{id}").as_str());
        assert_eq!(asked.body["status"], "pending");
        assert_eq!(asked.body["from"], "2026-12-21");
        assert_eq!(asked.body["to"], "2026-12-23");
        assert_eq!(asked.body["start"], Value::Null);
        assert_eq!(asked.body["time_zone"], "Europe/Warsaw");
        assert_eq!(asked.body["requested_by"], ctx.target.id.as_str());

        let read = get(&app, &ctx.manager.token, &format!("/api/time-off/{id}")).await;
        assert_eq!((read.status, read.etag()), (StatusCode::OK, "\"1\"".to_string()));
        let approved = act(&app, &ctx.manager.token, &id, "approve", &read.etag(), Some(json!({"comment": "Enjoy"}))).await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        assert_eq!(approved.body["status"], "approved");
        assert_eq!(approved.body["decided_by"], ctx.manager.id.as_str());
        assert_eq!(approved.body["decision_comment"], "Enjoy");
        assert_eq!(approved.body["decided_at"], "2026-12-01T08:00:00Z");
        assert_eq!(approved.etag(), "\"2\"");

        // A range late on the 10th in UTC is the 11th in Warsaw (UTC+1): the date filter
        // judges it in the person's zone.
        let range = ask(
            &app,
            &ctx.target.token,
            &ctx.target.id,
            json!({"start": "2026-12-10T23:30:00Z", "end": "2026-12-11T02:00:00Z", "reason": "sick"}),
        )
        .await;
        assert_eq!(range.status, StatusCode::CREATED, "{}", range.body);
        let range_id = id_of(&range);
        assert_eq!(range.body["from"], Value::Null);
        assert_eq!(range.body["start"], "2026-12-10T23:30:00Z");

        let manager = ctx.manager.token.as_str();
        let listed = get(&app, manager, "/api/time-off").await;
        assert_eq!(ids(&listed), vec![range_id.clone(), id.clone()], "by when they start");
        let on_22nd = get(&app, manager, "/api/time-off?from=2026-12-22&to=2026-12-22").await;
        assert_eq!(ids(&on_22nd), vec![id.clone()]);
        let from_24th = get(&app, manager, "/api/time-off?from=2026-12-24").await;
        assert_eq!(ids(&from_24th), Vec::<String>::new());
        let until_23rd = get(&app, manager, "/api/time-off?to=2026-12-23&status=approved").await;
        assert_eq!(ids(&until_23rd), vec![id.clone()]);
        let on_10th = get(&app, manager, "/api/time-off?from=2026-12-10&to=2026-12-10").await;
        assert_eq!(ids(&on_10th), Vec::<String>::new(), "in Warsaw the range is on the 11th");
        let on_11th = get(&app, manager, "/api/time-off?from=2026-12-11&to=2026-12-11").await;
        assert_eq!(ids(&on_11th), vec![range_id.clone()]);
        let pending = get(&app, manager, &format!("/api/time-off?status=pending&person_id={}", ctx.target.id)).await;
        assert_eq!(ids(&pending), vec![range_id.clone()]);
        let own = get(&app, &ctx.target.token, &format!("/api/people/{}/time-off?from=2026-12-20", ctx.target.id)).await;
        assert_eq!(ids(&own), vec![id.clone()]);

        // Pages follow the cursor.
        let first = get(&app, manager, "/api/time-off?limit=1").await;
        assert_eq!(ids(&first), vec![range_id.clone()]);
        let cursor = first.body["next_cursor"].as_str().expect("a second page").to_string();
        let second = get(&app, manager, &format!("/api/time-off?limit=1&cursor={cursor}")).await;
        assert_eq!(ids(&second), vec![id.clone()]);
        assert_eq!(second.body["next_cursor"], Value::Null);
        for (query, field) in
            [("from=21.12.2026", "from"), ("status=maybe", "status"), ("cursor=nonsense", "cursor"), ("team_id=%00", "team_id")]
        {
            let bad = get(&app, manager, &format!("/api/time-off?{query}")).await;
            assert_eq!((bad.status, bad.error_field()), (StatusCode::BAD_REQUEST, field), "{query}: {}", bad.body);
        }
        let backwards = get(&app, manager, "/api/time-off?from=2026-12-22&to=2026-12-21").await;
        assert_eq!((backwards.status, backwards.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "to"));

        // What the roster planner will be given: approved time off only, dates as dates.
        let mut conn = ctx.state.service.pool.get().expect("connection");
        let at = |text: &str| text.parse::<DateTime<Utc>>().unwrap();
        let away = rota::service::time_off::approved_unavailability(
            &mut conn,
            &[ctx.target.id.clone(), ctx.member.id.clone()],
            at("2026-12-01T00:00:00Z"),
            at("2027-01-01T00:00:00Z"),
        )
        .expect("unavailability");
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(away.len(), 1, "the pending range is not there: {away:?}");
        assert_eq!(away[0].person_id, ctx.target.id);
        assert_eq!(away[0].period, TimeOffPeriod::Dates { first: day(21), last: day(23) });
        // The 21st begins at 23:00 UTC on the 20th in Warsaw, and the 23rd ends at 23:00 UTC.
        let just_before = rota::service::time_off::approved_unavailability(
            &mut conn,
            std::slice::from_ref(&ctx.target.id),
            at("2026-12-20T12:00:00Z"),
            at("2026-12-20T23:00:00Z"),
        )
        .expect("unavailability");
        assert!(just_before.is_empty(), "{just_before:?}");
        let last_hour = rota::service::time_off::approved_unavailability(
            &mut conn,
            std::slice::from_ref(&ctx.target.id),
            at("2026-12-23T22:00:00Z"),
            at("2026-12-24T06:00:00Z"),
        )
        .expect("unavailability");
        assert_eq!(last_hour.len(), 1);
        drop(conn);

        assert_eq!(
            audit_actions(&ctx, &id),
            vec![("request".to_string(), ctx.target.id.clone()), ("approve".to_string(), ctx.manager.id.clone())]
        );
        let inbox = get(&app, &ctx.target.token, "/api/me/notifications").await;
        assert_eq!(inbox.body["unread_count"], 1, "{}", inbox.body);
        assert_eq!(inbox.body["items"][0]["kind"], "time_off_approved");
        assert_eq!(inbox.body["items"][0]["subject_id"], id.as_str());
        assert_eq!(inbox.body["items"][0]["detail"]["comment"], "Enjoy");
        assert_eq!(inbox.body["items"][0]["read"], false);
        let managers = get(&app, manager, "/api/me/notifications").await;
        let kinds: Vec<&str> =
            managers.body["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, vec!["time_off_requested", "time_off_requested"], "one per request");
    })
    .await;
}

#[actix_web::test]
async fn rejected_with_a_comment() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let asked = ask(
            &app,
            &ctx.target.token,
            &ctx.target.id,
            json!({"from": "2027-03-01", "to": "2027-03-05", "reason": "training"}),
        )
        .await;
        let id = id_of(&asked);
        let manager = ctx.manager.token.as_str();
        let silent = act(&app, manager, &id, "reject", "\"1\"", Some(json!({}))).await;
        assert_eq!(
            (silent.status, silent.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "comment"),
            "{}",
            silent.body
        );
        let blank = act(&app, manager, &id, "reject", "\"1\"", Some(json!({"comment": "  \n"}))).await;
        assert_eq!(
            (blank.status, blank.error_code(), blank.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "comment_required", "comment")
        );
        let rejected =
            act(&app, manager, &id, "reject", "\"1\"", Some(json!({"comment": "The offsite is that week"}))).await;
        assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
        assert_eq!(rejected.body["status"], "rejected");
        assert_eq!(rejected.body["decision_comment"], "The offsite is that week");

        let again = act(&app, &ctx.admin.token, &id, "approve", &rejected.etag(), Some(json!({}))).await;
        assert_eq!(
            (again.status, again.error_code(), again.error_field()),
            (StatusCode::CONFLICT, "not_pending", "status"),
            "{}",
            again.body
        );
        let cancel = act(&app, &ctx.target.token, &id, "cancel", &rejected.etag(), None).await;
        assert_eq!((cancel.status, cancel.error_code()), (StatusCode::CONFLICT, "not_cancellable"));

        let inbox = get(&app, &ctx.target.token, "/api/me/notifications").await;
        assert_eq!(inbox.body["items"][0]["kind"], "time_off_rejected");
        assert_eq!(inbox.body["items"][0]["detail"]["comment"], "The offsite is that week");
        let actions: Vec<String> = audit_actions(&ctx, &id).into_iter().map(|(action, _)| action).collect();
        assert_eq!(actions, vec!["request", "reject"], "refused decisions leave no audit row");
    })
    .await;
}

#[actix_web::test]
async fn cancelled_while_pending_or_before_it_starts_but_not_after() {
    each_backend(|ctx| async move {
        let (state, clock) = fixed_clock(&ctx, "2026-12-01T08:00:00Z");
        let app = init_service(build_app(state)).await;
        let target = ctx.target.token.as_str();

        let pending =
            ask(&app, target, &ctx.target.id, json!({"from": "2026-12-21", "to": "2026-12-23", "reason": "vacation"}))
                .await;
        let id = id_of(&pending);
        let no_match = send(&app, request("POST", &format!("/api/time-off/{id}/cancel"), Some(target))).await;
        assert_eq!(no_match.status, StatusCode::PRECONDITION_REQUIRED);
        clock.advance(Duration::minutes(1));
        let cancelled = act(&app, target, &id, "cancel", "\"1\"", None).await;
        assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
        assert_eq!(
            (cancelled.body["status"].as_str(), cancelled.body["decided_by"].as_str()),
            (Some("cancelled"), Some(ctx.target.id.as_str()))
        );
        let twice = act(&app, target, &id, "cancel", &cancelled.etag(), None).await;
        assert_eq!((twice.status, twice.error_code()), (StatusCode::CONFLICT, "not_cancellable"));
        assert_eq!(
            audit_actions(&ctx, &id).into_iter().map(|(action, _)| action).collect::<Vec<_>>(),
            vec!["request", "cancel"]
        );
        // The manager who was told of the request hears it is gone.
        let managers = get(&app, &ctx.manager.token, "/api/me/notifications").await;
        assert_eq!(managers.body["items"][0]["kind"], "time_off_cancelled", "{}", managers.body);

        // Approved but not started: still cancellable.
        let later =
            ask(&app, target, &ctx.target.id, json!({"from": "2026-12-28", "to": "2026-12-30", "reason": "vacation"}))
                .await;
        let later_id = id_of(&later);
        let approved = act(&app, &ctx.manager.token, &later_id, "approve", "\"1\"", Some(json!({}))).await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        let withdrawn = act(&app, target, &later_id, "cancel", &approved.etag(), None).await;
        assert_eq!(withdrawn.body["status"], "cancelled", "{}", withdrawn.body);

        // Started in the person's zone: 23:30 UTC on the 1st is 00:30 on the 2nd in Warsaw.
        let tomorrow =
            ask(&app, target, &ctx.target.id, json!({"from": "2026-12-02", "to": "2026-12-03", "reason": "sick"}))
                .await;
        let tomorrow_id = id_of(&tomorrow);
        let approved = act(&app, &ctx.manager.token, &tomorrow_id, "approve", "\"1\"", Some(json!({}))).await;
        clock.advance(Duration::minutes(15 * 60 + 30));
        let started = act(&app, target, &tomorrow_id, "cancel", &approved.etag(), None).await;
        assert_eq!(
            (started.status, started.error_code(), started.error_field()),
            (StatusCode::CONFLICT, "already_started", "from"),
            "{}",
            started.body
        );
        let by_manager = act(&app, &ctx.manager.token, &tomorrow_id, "cancel", &approved.etag(), None).await;
        assert_eq!(by_manager.status, StatusCode::CONFLICT, "nor can a manager undo leave that has begun");
        let still = get(&app, target, &format!("/api/time-off/{tomorrow_id}")).await;
        assert_eq!(still.body["status"], "approved");

        // A range starts when it says, whatever the zone (the member's own, as the
        // target's leave above already covers these hours).
        let member = ctx.member.token.as_str();
        let range = ask(
            &app,
            member,
            &ctx.member.id,
            json!({"start": "2026-12-01T23:45:00Z", "end": "2026-12-02T01:00:00Z", "reason": "other"}),
        )
        .await;
        let range_id = id_of(&range);
        let approved = act(&app, &ctx.manager.token, &range_id, "approve", "\"1\"", Some(json!({}))).await;
        let before_start = act(&app, member, &range_id, "cancel", &approved.etag(), None).await;
        assert_eq!(before_start.status, StatusCode::OK, "{}", before_start.body);
    })
    .await;
}

#[actix_web::test]
async fn nobody_approves_their_own_leave_not_even_an_admin() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let body = json!({"from": "2027-01-04", "to": "2027-01-08", "reason": "vacation"});
        let managers_own = ask(&app, &ctx.manager.token, &ctx.manager.id, body.clone()).await;
        assert_eq!(managers_own.status, StatusCode::CREATED, "{}", managers_own.body);
        let id = id_of(&managers_own);
        for action in ["approve", "reject"] {
            let own = act(&app, &ctx.manager.token, &id, action, "\"1\"", Some(json!({"comment": "Fine by me"}))).await;
            assert_eq!(
                (own.status, own.error_code(), own.error_field()),
                (StatusCode::CONFLICT, "own_request", "person_id"),
                "{action}: {}",
                own.body
            );
        }
        let admins_own = ask(&app, &ctx.admin.token, &ctx.admin.id, body.clone()).await;
        let admin_id = id_of(&admins_own);
        let own = act(&app, &ctx.admin.token, &admin_id, "approve", "\"1\"", Some(json!({}))).await;
        assert_eq!((own.status, own.error_code()), (StatusCode::CONFLICT, "own_request"), "{}", own.body);
        let unchanged = get(&app, &ctx.admin.token, &format!("/api/time-off/{admin_id}")).await;
        assert_eq!((unchanged.body["status"].as_str(), unchanged.etag()), (Some("pending"), "\"1\"".to_string()));

        // Someone else may: an admin decides on the manager's.
        let approved = act(&app, &ctx.admin.token, &id, "approve", "\"1\"", Some(json!({}))).await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        // A manager filing for a member may decide on it: it is not their own leave.
        let filed = ask(&app, &ctx.manager.token, &ctx.target.id, body).await;
        assert_eq!(filed.body["requested_by"], ctx.manager.id.as_str());
        let decided = act(&app, &ctx.manager.token, &id_of(&filed), "approve", "\"1\"", Some(json!({}))).await;
        assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
        let told = get(&app, &ctx.target.token, "/api/me/notifications").await;
        let kinds: Vec<&str> =
            told.body["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert!(kinds.contains(&"time_off_requested") && kinds.contains(&"time_off_approved"), "{kinds:?}");
    })
    .await;
}

#[actix_web::test]
async fn managers_of_other_teams_are_refused_and_members_see_only_their_own() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let body = json!({"from": "2027-02-01", "to": "2027-02-02", "reason": "vacation"});
        let targets = ask(&app, &ctx.target.token, &ctx.target.id, body.clone()).await;
        let id = id_of(&targets);
        let members = ask(&app, &ctx.member.token, &ctx.member.id, body.clone()).await;
        let member_id = id_of(&members);

        let uri = format!("/api/time-off/{id}");
        assert_eq!(get(&app, &ctx.other_manager.token, &uri).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            get(&app, &ctx.member.token, &uri).await.status,
            StatusCode::FORBIDDEN,
            "teammates do not see leave"
        );
        let foreign = act(&app, &ctx.other_manager.token, &id, "approve", "\"1\"", Some(json!({}))).await;
        assert_eq!((foreign.status, foreign.error_code()), (StatusCode::FORBIDDEN, "forbidden"));
        let by_teammate = act(&app, &ctx.member.token, &id, "approve", "\"1\"", Some(json!({}))).await;
        assert_eq!(by_teammate.status, StatusCode::FORBIDDEN);
        let for_teammate = ask(&app, &ctx.member.token, &ctx.target.id, body.clone()).await;
        assert_eq!(for_teammate.status, StatusCode::FORBIDDEN);
        let for_other_team = ask(&app, &ctx.manager.token, &ctx.other_member.id, body.clone()).await;
        assert_eq!(for_other_team.status, StatusCode::FORBIDDEN);
        assert_eq!(ask(&app, &ctx.manager.token, "no-such-person", body).await.status, StatusCode::NOT_FOUND);

        let mut both = vec![id.clone(), member_id.clone()];
        both.sort();
        let sorted = |reply: Reply| {
            let mut ids = ids(&reply);
            ids.sort();
            ids
        };
        assert_eq!(ids(&get(&app, &ctx.member.token, "/api/time-off").await), vec![member_id.clone()]);
        assert_eq!(ids(&get(&app, &ctx.target.token, "/api/time-off").await), vec![id.clone()]);
        let team_a = format!("/api/time-off?team_id={}", ctx.team_a);
        assert_eq!(ids(&get(&app, &ctx.member.token, &team_a).await), vec![member_id.clone()]);
        assert_eq!(sorted(get(&app, &ctx.manager.token, "/api/time-off").await), both);
        assert_eq!(sorted(get(&app, &ctx.admin.token, "/api/time-off").await), both);
        assert_eq!(ids(&get(&app, &ctx.other_manager.token, "/api/time-off").await), Vec::<String>::new());
        let asked_about_target = format!("/api/time-off?person_id={}", ctx.target.id);
        assert_eq!(get(&app, &ctx.member.token, &asked_about_target).await.status, StatusCode::FORBIDDEN);
        assert_eq!(get(&app, &ctx.other_manager.token, &asked_about_target).await.status, StatusCode::FORBIDDEN);
        let team_b = format!("/api/time-off?team_id={}", ctx.team_b);
        assert_eq!(get(&app, &ctx.manager.token, &team_b).await.status, StatusCode::FORBIDDEN);
        let persons = format!("/api/people/{}/time-off", ctx.target.id);
        assert_eq!(get(&app, &ctx.member.token, &persons).await.status, StatusCode::FORBIDDEN);
        assert_eq!(ids(&get(&app, &ctx.manager.token, &persons).await), vec![id]);
    })
    .await;
}

#[actix_web::test]
async fn bad_periods_are_refused_naming_the_field_and_nothing_is_written() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let cases = [
            (json!({"from": "2026-12-21", "to": "2026-12-20", "reason": "vacation"}), "to", "ends_before_start"),
            (
                json!({"start": "2026-12-21T10:00:00Z", "end": "2026-12-21T09:00:00Z", "reason": "sick"}),
                "end",
                "ends_before_start",
            ),
            (
                json!({"start": "2026-12-21T10:00:00Z", "end": "2026-12-21T10:00:00Z", "reason": "sick"}),
                "end",
                "ends_before_start",
            ),
            (json!({"from": "2026-01-01", "to": "2027-01-02", "reason": "vacation"}), "to", "too_long"),
            (
                json!({"start": "2026-01-01T00:00:00Z", "end": "2027-01-02T00:00:01Z", "reason": "other"}),
                "end",
                "too_long",
            ),
            (
                json!({"from": "2026-12-21", "to": "2026-12-22", "end": "2026-12-22T00:00:00Z", "reason": "other"}),
                "end",
                "two_periods",
            ),
            (json!({"reason": "vacation"}), "from", "missing_period"),
            (json!({"from": "2026-12-21", "reason": "vacation"}), "to", "missing_field"),
            (json!({"from": "2026-12-21", "to": "2026-12-22", "reason": "holiday"}), "reason", "invalid_value"),
            (json!({"from": "2026-12-21", "to": "2026-12-22"}), "reason", "missing_field"),
            (json!({"from": "2026-12-32", "to": "2026-12-22", "reason": "vacation"}), "from", "invalid_value"),
            (
                json!({"from": "2026-12-21", "to": "2026-12-22", "reason": "vacation", "note": "a\u{0}b"}),
                "note",
                "invalid_text",
            ),
            (
                json!({"from": "2026-12-21", "to": "2026-12-22", "reason": "vacation", "note": "x".repeat(2001)}),
                "note",
                "too_long",
            ),
            (
                json!({"from": "2026-12-21", "to": "2026-12-22", "reason": "vacation", "colour": "red"}),
                "colour",
                "unknown_field",
            ),
        ];
        for (body, field, code) in cases {
            let reply = ask(&app, &ctx.target.token, &ctx.target.id, body.clone()).await;
            assert_eq!(
                (reply.status, reply.error_field(), reply.error_code()),
                (StatusCode::UNPROCESSABLE_ENTITY, field, code),
                "{body}: {}",
                reply.body
            );
        }
        // Who may ask is judged before what they ask: a teammate's bad period is a 403.
        let teammate = ask(&app, &ctx.member.token, &ctx.target.id, json!({"reason": "vacation"})).await;
        assert_eq!(teammate.status, StatusCode::FORBIDDEN);
        let unreadable = send(
            &app,
            request("POST", &format!("/api/people/{}/time-off", ctx.target.id), Some(&ctx.target.token))
                .insert_header((header::CONTENT_TYPE, "application/json"))
                .set_payload("{\"from\": "),
        )
        .await;
        assert_eq!(unreadable.status, StatusCode::BAD_REQUEST);
        assert_eq!(written(&ctx), (0, 0, 0), "no time off, notification or audit row");
        let one_year = ask(
            &app,
            &ctx.target.token,
            &ctx.target.id,
            json!({"from": "2028-01-01", "to": "2028-12-31", "reason": "other"}),
        )
        .await;
        assert_eq!(one_year.status, StatusCode::CREATED, "366 days of a leap year: {}", one_year.body);
    })
    .await;
}

#[actix_web::test]
async fn a_decision_and_a_cancel_at_once_cannot_both_win() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        for round in 0..3 {
            let asked = ask(
                &app,
                &ctx.target.token,
                &ctx.target.id,
                // Other days each round: a winning approval would block the same days.
                json!({"from": format!("2027-04-{:02}", 1 + 3 * round), "to": format!("2027-04-{:02}", 2 + 3 * round), "reason": "vacation"}),
            )
            .await;
            let id = id_of(&asked);
            let approve = act(&app, &ctx.manager.token, &id, "approve", "\"1\"", Some(json!({})));
            let reject = act(&app, &ctx.admin.token, &id, "reject", "\"1\"", Some(json!({"comment": "No"})));
            let cancel = act(&app, &ctx.target.token, &id, "cancel", "\"1\"", None);
            let (approved, rejected, cancelled) = futures_util::join!(approve, reject, cancel);
            let statuses = [approved.status, rejected.status, cancelled.status];
            assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "round {round}: {statuses:?}");
            assert_eq!(
                statuses.iter().filter(|s| **s == StatusCode::PRECONDITION_FAILED).count(),
                2,
                "round {round}: {statuses:?}"
            );
            let now = get(&app, &ctx.admin.token, &format!("/api/time-off/{id}")).await;
            assert_eq!(now.etag(), "\"2\"");
            assert_eq!(audit_actions(&ctx, &id).len(), 2, "one request, one change");
        }
        // An ETag from before the change is stale, and so is one this row never had.
        let asked = ask(
            &app,
            &ctx.target.token,
            &ctx.target.id,
            json!({"from": "2027-05-03", "to": "2027-05-03", "reason": "other"}),
        )
        .await;
        let id = id_of(&asked);
        let approved = act(&app, &ctx.manager.token, &id, "approve", "*", Some(json!({}))).await;
        assert_eq!(approved.status, StatusCode::OK);
        let stale = act(&app, &ctx.target.token, &id, "cancel", "\"1\"", None).await;
        assert_eq!((stale.status, stale.error_code()), (StatusCode::PRECONDITION_FAILED, "stale_version"));
        let huge = act(&app, &ctx.target.token, &id, "cancel", &format!("\"{}\"", i64::MAX), None).await;
        assert_eq!(huge.status, StatusCode::PRECONDITION_FAILED);
        let many = join_all((0..4).map(|_| act(&app, &ctx.target.token, &id, "cancel", "*", None))).await;
        let ok = many.iter().filter(|reply| reply.status == StatusCode::OK).count();
        assert_eq!(ok, 1, "{:?}", many.iter().map(|reply| reply.status).collect::<Vec<_>>());
        assert!(many.iter().all(
            |reply| [StatusCode::OK, StatusCode::PRECONDITION_FAILED, StatusCode::CONFLICT].contains(&reply.status)
        ));
    })
    .await;
}

#[actix_web::test]
async fn notifications_are_their_owners_alone() {
    each_backend(|ctx| async move {
        let (state, clock) = fixed_clock(&ctx, "2026-12-01T08:00:00Z");
        let app = init_service(build_app(state)).await;
        // Filed by the manager for the target: the target hears of it.
        let filed = ask(
            &app,
            &ctx.manager.token,
            &ctx.target.id,
            json!({"from": "2026-12-21", "to": "2026-12-21", "reason": "training", "note": "Kubernetes course"}),
        )
        .await;
        let id = id_of(&filed);
        clock.advance(Duration::minutes(5));
        let approved =
            act(&app, &ctx.admin.token, &id, "approve", "\"1\"", Some(json!({"comment": "Good idea"}))).await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

        let target = ctx.target.token.as_str();
        let inbox = get(&app, target, "/api/me/notifications").await;
        assert_eq!(inbox.status, StatusCode::OK);
        assert_eq!(inbox.body["unread_count"], 2);
        let kinds: Vec<&str> =
            inbox.body["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, vec!["time_off_approved", "time_off_requested"], "newest first");
        assert_eq!(inbox.body["items"][0]["message"], "Ada Admin approved your time off on 2026-12-21");
        let newest = inbox.body["items"][0]["id"].as_str().unwrap().to_string();
        let oldest = inbox.body["items"][1]["id"].as_str().unwrap().to_string();

        let first = get(&app, target, "/api/me/notifications?limit=1").await;
        assert_eq!(ids(&first), vec![newest.clone()]);
        let cursor = first.body["next_cursor"].as_str().expect("a next page").to_string();
        let second = get(&app, target, &format!("/api/me/notifications?limit=1&cursor={cursor}")).await;
        assert_eq!(ids(&second), vec![oldest.clone()]);
        assert_eq!(second.body["next_cursor"], Value::Null);

        // Nobody else sees or marks them: someone else's is answered as missing.
        assert_eq!(ids(&get(&app, &ctx.member.token, "/api/me/notifications").await), Vec::<String>::new());
        for token in [&ctx.member.token, &ctx.manager.token, &ctx.admin.token] {
            let reply = send(&app, request("POST", &format!("/api/me/notifications/{newest}/read"), Some(token))).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);
        }
        let others_read_all =
            send(&app, request("POST", "/api/me/notifications/read-all", Some(&ctx.admin.token))).await;
        assert_eq!(others_read_all.status, StatusCode::OK);
        assert_eq!(get(&app, target, "/api/me/notifications").await.body["unread_count"], 2);

        clock.advance(Duration::minutes(5));
        let read = send(&app, request("POST", &format!("/api/me/notifications/{newest}/read"), Some(target))).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        assert_eq!(
            (read.body["read"].as_bool(), read.body["read_at"].as_str()),
            (Some(true), Some("2026-12-01T08:10:00Z"))
        );
        clock.advance(Duration::minutes(5));
        let again = send(&app, request("POST", &format!("/api/me/notifications/{newest}/read"), Some(target))).await;
        assert_eq!(again.body["read_at"], "2026-12-01T08:10:00Z", "read once, when first read");
        let unread = get(&app, target, "/api/me/notifications?unread=true").await;
        assert_eq!((ids(&unread), unread.body["unread_count"].as_i64()), (vec![oldest.clone()], Some(1)));
        let bad = get(&app, target, "/api/me/notifications?unread=maybe").await;
        assert_eq!((bad.status, bad.error_field()), (StatusCode::BAD_REQUEST, "unread"));

        let all = send(&app, request("POST", "/api/me/notifications/read-all", Some(target))).await;
        assert_eq!(all.body["marked"], 1);
        let none_left = send(&app, request("POST", "/api/me/notifications/read-all", Some(target))).await;
        assert_eq!(none_left.body["marked"], 0);
        let inbox = get(&app, target, "/api/me/notifications").await;
        assert_eq!(inbox.body["unread_count"], 0);
        assert_eq!(ids(&inbox), vec![newest, oldest], "read ones stay listed");
        assert_eq!(send(&app, request("GET", "/api/me/notifications", None)).await.status, StatusCode::UNAUTHORIZED);

        // The approval was recorded by who made it.
        assert_eq!(
            audit_actions(&ctx, &id),
            vec![("request".to_string(), ctx.manager.id.clone()), ("approve".to_string(), ctx.admin.id.clone())]
        );
    })
    .await;
}

#[actix_web::test]
async fn leave_that_overlaps_ones_own_pending_or_approved_leave_is_refused() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let member = ctx.member.id.clone();
        let first = ask(
            &app,
            &ctx.member.token,
            &member,
            json!({"from": "2027-08-02", "to": "2027-08-06", "reason": "vacation"}),
        )
        .await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        // The last day overlaps: refused by name, nothing written.
        let before = written(&ctx);
        let again = ask(
            &app,
            &ctx.member.token,
            &member,
            json!({"from": "2027-08-06", "to": "2027-08-10", "reason": "vacation"}),
        )
        .await;
        assert_eq!(
            (again.status, again.error_code(), again.error_field()),
            (StatusCode::CONFLICT, "overlaps_time_off", "from")
        );
        assert_eq!(written(&ctx), before);
        // A UTC range inside an approved week is refused too; the day after is fine.
        let approved = act(&app, &ctx.manager.token, &id_of(&first), "approve", &first.etag(), Some(json!({}))).await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        let inside = ask(
            &app,
            &ctx.member.token,
            &member,
            json!({"start": "2027-08-04T09:00:00Z", "end": "2027-08-04T11:00:00Z", "reason": "training"}),
        )
        .await;
        assert_eq!((inside.status, inside.error_field()), (StatusCode::CONFLICT, "start"));
        let next =
            ask(&app, &ctx.member.token, &member, json!({"from": "2027-08-07", "to": "2027-08-07", "reason": "other"}))
                .await;
        assert_eq!(next.status, StatusCode::CREATED, "{}", next.body);
        // Rejected leave does not block asking again for the same days.
        let other = ctx.target.id.clone();
        let asked = ask(
            &app,
            &ctx.target.token,
            &other,
            json!({"from": "2027-09-01", "to": "2027-09-03", "reason": "vacation"}),
        )
        .await;
        let rejected = act(
            &app,
            &ctx.manager.token,
            &id_of(&asked),
            "reject",
            &asked.etag(),
            Some(json!({"comment": "Audit week"})),
        )
        .await;
        assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
        let retry = ask(
            &app,
            &ctx.target.token,
            &other,
            json!({"from": "2027-09-02", "to": "2027-09-02", "reason": "vacation"}),
        )
        .await;
        assert_eq!(retry.status, StatusCode::CREATED, "{}", retry.body);
    })
    .await;
}
