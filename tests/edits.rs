//! Edits by hand through the real app: every hard rule judged by the checker for
//! the people touched, refusals naming the rule, forced edits recorded and kept by
//! the next plan, and two managers at once: one wins, one is told to read again.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::rosters::{approved_leave, en_desk, state_before_march};
use common::{each_backend, request, send, Ctx, Reply};
use rota::http::build_app;
use rota::jobs::{run_next, RunnerConfig};
use rota::service::jobs::run::Lease;
use serde_json::{json, Value};

struct World {
    roster: String,
    shifts: Vec<Value>,
}

impl World {
    fn shift(&self, template: &str, date: &str) -> String {
        let shift = self.shifts.iter().find(|s| s["template"] == template && s["local_date"] == date);
        shift.unwrap_or_else(|| panic!("{template} {date}"))["id"].as_str().unwrap().to_string()
    }
}

async fn setup<S, B>(app: &S, ctx: &Ctx) -> World
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let desk = send(app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(en_desk(&ctx.team_a))).await;
    roster_of(app, ctx, desk.body["id"].as_str().unwrap(), "2026-03-30", "2026-04-12").await
}

fn patch(ctx: &Ctx, world: &World, etag: &str, body: Value) -> actix_web::test::TestRequest {
    request("PATCH", &format!("/api/rosters/{}/assignments", world.roster), Some(&ctx.manager.token))
        .insert_header((header::IF_MATCH, etag.to_string()))
        .set_json(body)
}

/// The admin cuts the member's contract to `minutes` a week.
async fn cap_weekly_minutes<S, B>(app: &S, ctx: &Ctx, minutes: u32)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let me = send(app, request("GET", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))).await;
    let mut contract = me.body["contract"].clone();
    contract["max_minutes_per_week"] = json!(minutes);
    let cut = send(
        app,
        request("PATCH", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))
            .insert_header((header::IF_MATCH, me.etag()))
            .set_json(json!({"contract": contract})),
    )
    .await;
    assert_eq!(cut.status, StatusCode::OK, "{}", cut.body);
}

fn codes(reply: &Reply) -> Vec<String> {
    reply.body["error"]["violations"]
        .as_array()
        .map(|v| v.iter().map(|x| x["code"].as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[actix_web::test]
async fn edits_are_judged_by_every_hard_rule_and_name_the_rule() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let w = setup(&app, &ctx).await;
        let target = ctx.target.id.clone();
        let add = |shift: String, person: &str| json!({"changes": [{"shift_id": shift, "add": person}]});

        // A night, then the next morning's day: too little rest, and the succession.
        let night = send(&app, patch(&ctx, &w, "*", add(w.shift("Night", "2026-03-30"), &target))).await;
        assert_eq!(night.status, StatusCode::OK, "{}", night.body);
        let morning = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-03-31"), &target))).await;
        assert_eq!(
            (morning.status, morning.error_code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "rule_broken"),
            "{}",
            morning.body
        );
        let broken = codes(&morning);
        assert!(
            broken.contains(&"MIN_REST".to_string()) && broken.contains(&"SHIFT_ROTATION".to_string()),
            "{broken:?}"
        );
        assert_eq!(morning.body["error"]["violations"][0]["person_id"], target.as_str());
        let rest =
            morning.body["error"]["violations"].as_array().unwrap().iter().find(|v| v["code"] == "MIN_REST").unwrap();
        assert!(
            rest["message"].as_str().unwrap().contains("Day 2026-03-31"),
            "shifts named as managers know them: {rest}"
        );

        // A skill the person lacks.
        let german = send(&app, patch(&ctx, &w, "*", add(w.shift("German", "2026-04-01"), &target))).await;
        assert_eq!(codes(&german), ["MISSING_SKILL"], "{}", german.body);
        // Easter Monday, a holiday in Poland.
        let holiday = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-04-06"), &target))).await;
        assert_eq!(codes(&holiday), ["HOLIDAY"], "{}", holiday.body);
        // Approved leave.
        approved_leave(&app, &ctx, &ctx.member, "2026-04-02", "2026-04-02").await;
        let away = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-04-02"), &ctx.member.id))).await;
        assert_eq!(codes(&away), ["DAY_OFF"], "{}", away.body);
        // Weekly minutes: a 25-hour contract fits three days of a week, not four.
        cap_weekly_minutes(&app, &ctx, 1500).await;
        let days: Vec<Value> = ["2026-04-07", "2026-04-08", "2026-04-09"]
            .iter()
            .map(|d| json!({"shift_id": w.shift("Day", d), "add": ctx.member.id}))
            .collect();
        let three = send(&app, patch(&ctx, &w, "*", json!({"changes": days}))).await;
        assert_eq!(three.status, StatusCode::OK, "three days fit: {}", three.body);
        let fourth = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-04-10"), &ctx.member.id))).await;
        assert_eq!(codes(&fourth), ["MAX_WEEKLY_MINUTES"], "{}", fourth.body);

        // Not staff of the desk; not on the shift; force without a reason.
        let foreign = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-04-01"), &ctx.other_member.id))).await;
        assert_eq!((foreign.status, foreign.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "changes[0].add"));
        let absent = send(
            &app,
            patch(&ctx, &w, "*", json!({"changes": [{"shift_id": w.shift("Day", "2026-04-01"), "remove": target}]})),
        )
        .await;
        assert_eq!(absent.error_field(), "changes[0].remove");
        let unexplained = send(
            &app,
            patch(
                &ctx,
                &w,
                "*",
                json!({"changes": [{"shift_id": w.shift("Day", "2026-03-31"), "add": target}], "force": true}),
            ),
        )
        .await;
        assert_eq!((unexplained.status, unexplained.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "reason"));
        let by_member = send(
            &app,
            request("PATCH", &format!("/api/rosters/{}/assignments", w.roster), Some(&ctx.member.token))
                .insert_header((header::IF_MATCH, "*"))
                .set_json(add(w.shift("Day", "2026-04-01"), &target)),
        )
        .await;
        assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[actix_web::test]
async fn a_forced_edit_is_recorded_and_kept_by_the_next_plan_and_two_editors_cannot_both_win() {
    each_backend(|ctx| async move {
        let state = state_before_march(&ctx).0;
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let w = setup(&app, &ctx).await;
        let target = ctx.target.id.clone();
        send(
            &app,
            patch(&ctx, &w, "*", json!({"changes": [{"shift_id": w.shift("Night", "2026-03-30"), "add": target}]})),
        )
        .await;
        let forced = send(
            &app,
            patch(
                &ctx,
                &w,
                "*",
                json!({
            "changes": [{"shift_id": w.shift("Day", "2026-03-31"), "add": target}],
            "force": true, "reason": "Only trained agent for the launch"}),
            ),
        )
        .await;
        assert_eq!(forced.status, StatusCode::OK, "{}", forced.body);
        let day = forced.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == w.shift("Day", "2026-03-31").as_str())
            .unwrap();
        assert_eq!(day["assigned"][0]["forced"], true);
        assert_eq!(day["assigned"][0]["force_reason"], "Only trained agent for the launch");
        let mut conn = service.pool.get().unwrap();
        let trail = rota::store::audit::for_entity(&mut conn, "roster", &w.roster).unwrap();
        drop(conn);
        let last = trail.last().unwrap();
        assert_eq!(last.action, "edit_assignments");
        assert!(
            last.detail["forced_breaks"].as_array().unwrap().iter().any(|b| b["code"] == "MIN_REST"),
            "{}",
            last.detail
        );

        // The next plan keeps the forced assignment and reports what it breaks.
        let queued = send(
            &app,
            request("POST", &format!("/api/rosters/{}/plan", w.roster), Some(&ctx.manager.token))
                .set_json(json!({"iterations": 2000})),
        )
        .await;
        assert_eq!(queued.status, StatusCode::ACCEPTED, "{}", queued.body);
        let lease = Lease { owner: "runner".into(), length: chrono::Duration::seconds(30) };
        assert!(run_next(&service, &RunnerConfig::default(), &lease).unwrap());
        let planned = send(&app, request("GET", &format!("/api/rosters/{}", w.roster), Some(&ctx.manager.token))).await;
        let day = planned.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == w.shift("Day", "2026-03-31").as_str())
            .unwrap();
        assert!(
            day["assigned"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["person_id"] == target.as_str() && a["forced"] == true),
            "{day}"
        );
        // The night before was the planner's to move: it moved it rather than keep the
        // clash, or kept it and reports the break.
        let night = planned.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == w.shift("Night", "2026-03-30").as_str())
            .unwrap();
        let clash_kept = night["assigned"].as_array().unwrap().iter().any(|a| a["person_id"] == target.as_str());
        let forced_breaks = planned.body["plan_report"]["forced"].as_array().unwrap();
        assert_eq!(clash_kept, !forced_breaks.is_empty(), "{}", planned.body["plan_report"]);

        // Two managers edit from the same read: one wins, the other gets 412.
        let etag = planned.etag();
        let on: Vec<(String, String)> =
            planned.body["shifts"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| {
                    s["assigned"].as_array().unwrap().iter().map(move |a| {
                        (s["id"].as_str().unwrap().to_string(), a["person_id"].as_str().unwrap().to_string())
                    })
                })
                .filter(|(_, person)| *person != target)
                .collect();
        let remove = |(shift, person): &(String, String)| json!({"changes": [{"shift_id": shift, "remove": person}]});
        let first = send(&app, patch(&ctx, &w, &etag, remove(&on[0]))).await;
        let second = send(
            &app,
            request("PATCH", &format!("/api/rosters/{}/assignments", w.roster), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, etag.clone()))
                .set_json(remove(&on[1])),
        )
        .await;
        let mut statuses = [first.status, second.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::PRECONDITION_FAILED], "{} / {}", first.body, second.body);
    })
    .await;
}

#[actix_web::test]
async fn someone_who_leaves_comes_off_their_future_shifts_and_the_managers_are_told() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let w = setup(&app, &ctx).await;
        let target = ctx.target.id.clone();
        let changes: Vec<Value> = ["2026-03-31", "2026-04-01"]
            .iter()
            .map(|d| json!({"shift_id": w.shift("Day", d), "add": target}))
            .collect();
        let edited = send(&app, patch(&ctx, &w, "*", json!({"changes": changes}))).await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{}/publish", w.roster), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, edited.etag())),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);

        let person = send(&app, request("GET", &format!("/api/people/{target}"), Some(&ctx.admin.token))).await;
        let left = send(
            &app,
            request("PATCH", &format!("/api/people/{target}"), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, person.etag()))
                .set_json(json!({"active": false})),
        )
        .await;
        assert_eq!(left.status, StatusCode::OK, "{}", left.body);
        let roster = send(&app, request("GET", &format!("/api/rosters/{}", w.roster), Some(&ctx.manager.token))).await;
        let still_on = roster.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["assigned"].as_array().unwrap().iter().any(|a| a["person_id"] == target.as_str()));
        assert!(!still_on, "no roster keeps someone who left");
        let inbox = send(&app, request("GET", "/api/me/notifications", Some(&ctx.manager.token))).await;
        let opened = inbox.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["kind"] == "shifts_opened")
            .expect("the manager is told");
        let message = opened["message"].as_str().unwrap();
        assert!(message.contains("2 shift(s) of EN are open") && message.contains("Day 2026-03-31"), "{message}");
        let trail =
            send(&app, request("GET", &format!("/api/rosters/{}/audit", w.roster), Some(&ctx.manager.token))).await;
        assert_eq!(trail.body.as_array().unwrap().last().unwrap()["action"], "release_person");
    })
    .await;
}

#[actix_web::test]
async fn a_shift_on_another_desk_blocks_an_overlapping_edit() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let w = setup(&app, &ctx).await;
        // The target works 09:00–17:00 on Tuesday 31 March at the Tickets desk (published).
        let mut tickets = en_desk(&ctx.team_a);
        tickets["name"] = json!("Tickets");
        tickets["templates"][0]["start"] = json!("09:00");
        tickets["templates"][0]["end"] = json!("17:00");
        let other = send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(tickets)).await;
        let other_id = other.body["id"].as_str().unwrap();
        let roster = send(
            &app,
            request("POST", &format!("/api/desks/{other_id}/rosters"), Some(&ctx.manager.token))
                .set_json(json!({"from": "2026-03-30", "to": "2026-04-05"})),
        )
        .await;
        let other_world = World {
            roster: roster.body["id"].as_str().unwrap().to_string(),
            shifts: roster.body["shifts"].as_array().unwrap().clone(),
        };
        let there = send(
            &app,
            patch(
                &ctx,
                &other_world,
                "*",
                json!({"changes": [{"shift_id": other_world.shift("Day", "2026-03-31"), "add": ctx.target.id}]}),
            ),
        )
        .await;
        assert_eq!(there.status, StatusCode::OK, "{}", there.body);
        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{}/publish", other_world.roster), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, there.etag())),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK);
        // Here, the 08:00–16:00 Day the same Tuesday overlaps it.
        let here = send(
            &app,
            patch(
                &ctx,
                &w,
                "*",
                json!({"changes": [{"shift_id": w.shift("Day", "2026-03-31"), "add": ctx.target.id}]}),
            ),
        )
        .await;
        assert_eq!(here.error_code(), "rule_broken", "{}", here.body);
        assert!(codes(&here).contains(&"OVERLAP".to_string()), "{}", here.body);
        let message = here.body["error"]["violations"][0]["message"].as_str().unwrap().to_string();
        assert!(message.contains("Tickets"), "the other desk is named: {message}");
    })
    .await;
}

#[actix_web::test]
async fn approving_leave_over_published_shifts_lists_them() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let w = setup(&app, &ctx).await;
        let edited = send(
            &app,
            patch(
                &ctx,
                &w,
                "*",
                json!({"changes": [{"shift_id": w.shift("Day", "2026-04-01"), "add": ctx.target.id}]}),
            ),
        )
        .await;
        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{}/publish", w.roster), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, edited.etag())),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK);
        let approved = approved_leave(&app, &ctx, &ctx.target, "2026-03-31", "2026-04-02").await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        assert_eq!(approved.body["status"], "approved");
        let affected = approved.body["affected_shifts"].as_array().unwrap();
        assert_eq!(affected.len(), 1, "{}", approved.body);
        assert_eq!(
            (affected[0]["shift_id"].as_str(), affected[0]["desk_name"].as_str()),
            (Some(w.shift("Day", "2026-04-01").as_str()), Some("EN"))
        );
        // Leave with nothing published under it lists nothing.
        let approved = approved_leave(&app, &ctx, &ctx.target, "2026-06-01", "2026-06-02").await;
        assert_eq!(approved.body["affected_shifts"], json!([]));
    })
    .await;
}

/// A roster of the test desk from `from` to `to`, with its shifts.
async fn roster_of<S, B>(app: &S, ctx: &Ctx, desk_id: &str, from: &str, to: &str) -> World
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let roster = send(
        app,
        request("POST", &format!("/api/desks/{desk_id}/rosters"), Some(&ctx.manager.token))
            .set_json(json!({"from": from, "to": to})),
    )
    .await;
    assert_eq!(roster.status, StatusCode::CREATED, "{}", roster.body);
    World {
        roster: roster.body["id"].as_str().unwrap().to_string(),
        shifts: roster.body["shifts"].as_array().unwrap().clone(),
    }
}

#[actix_web::test]
async fn edits_count_published_work_before_the_horizon_and_a_holiday_that_a_night_ends_on() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let desk =
            send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(en_desk(&ctx.team_a))).await;
        let desk_id = desk.body["id"].as_str().unwrap().to_string();
        let add = |shift: String, person: &str| json!({"changes": [{"shift_id": shift, "add": person}]});

        // A 25-hour week: three eight-hour days fit, four do not.
        cap_weekly_minutes(&app, &ctx, 1500).await;

        // The roster before ends on Tuesday 28 April, with the member on Monday and Tuesday.
        let before = roster_of(&app, &ctx, &desk_id, "2026-04-20", "2026-04-28").await;
        let days: Vec<Value> = ["2026-04-27", "2026-04-28"]
            .iter()
            .map(|d| json!({"shift_id": before.shift("Day", d), "add": ctx.member.id}))
            .collect();
        let staffed = send(&app, patch(&ctx, &before, "*", json!({"changes": days}))).await;
        assert_eq!(staffed.status, StatusCode::OK, "{}", staffed.body);
        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{}/publish", before.roster), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, staffed.etag())),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);

        // The next roster starts on Wednesday, inside the same week.
        let w = roster_of(&app, &ctx, &desk_id, "2026-04-29", "2026-05-10").await;
        let wednesday = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-04-29"), &ctx.member.id))).await;
        assert_eq!(wednesday.status, StatusCode::OK, "the third day of the week fits: {}", wednesday.body);
        let thursday = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-04-30"), &ctx.member.id))).await;
        assert_eq!(codes(&thursday), ["MAX_WEEKLY_MINUTES"], "{}", thursday.body);
        let next_week = send(&app, patch(&ctx, &w, "*", add(w.shift("Day", "2026-05-04"), &ctx.member.id))).await;
        assert_eq!(next_week.status, StatusCode::OK, "a new week starts from zero: {}", next_week.body);

        // The night of Thursday 30 April ends on 1 May, a public holiday in Poland:
        // refused while holidays block every shift that touches the day.
        let night = w.shift("Night", "2026-04-30");
        let refused = send(&app, patch(&ctx, &w, "*", add(night.clone(), &ctx.target.id))).await;
        assert_eq!(codes(&refused), ["HOLIDAY"], "{}", refused.body);
        let message = refused.body["error"]["violations"][0]["message"].as_str().unwrap();
        assert!(message.contains("Night 2026-04-30") && message.contains("2026-05-01"), "{message}");
        // Blocking by start date instead, the night starts on a working day and is allowed.
        let settings = send(&app, request("GET", "/api/settings", Some(&ctx.admin.token))).await;
        let mut rules = settings.body.clone();
        for extra in ["effective_public_base_url", "public_base_url_from_environment", "version", "updated_at"] {
            rules.as_object_mut().unwrap().remove(extra);
        }
        rules["days_off_by"] = json!("start_date");
        let saved = send(
            &app,
            request("PUT", "/api/settings", Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, settings.etag()))
                .set_json(rules),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let allowed = send(&app, patch(&ctx, &w, "*", add(night, &ctx.target.id))).await;
        assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
    })
    .await;
}

#[actix_web::test]
async fn changes_in_one_edit_are_taken_together_and_a_replacement_keeps_its_assignment() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(common::rosters::state_before_march(&ctx).0)).await;
        let (roster, etag) = common::rosters::member_on_tuesday(&app, &ctx, "2026-03-30", "2026-04-12").await;
        let uri = format!("/api/rosters/{roster}");
        let detail = send(&app, request("GET", &uri, Some(&ctx.manager.token))).await;
        let day = detail.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["template"] == "Day" && s["local_date"] == "2026-03-31")
            .unwrap()
            .clone();
        let kept = day["assigned"][0]["id"].clone();
        // Piotr for Tomasz, then Tomasz for Anna: Anna is what the edit adds.
        let edited = send(
            &app,
            request("PATCH", &format!("{uri}/assignments"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, etag))
                .set_json(json!({"changes": [
                    {"shift_id": day["id"], "remove": ctx.member.id, "add": ctx.target.id},
                    {"shift_id": day["id"], "remove": ctx.target.id, "add": ctx.manager.id},
                ]})),
        )
        .await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
        let after = edited.body["shifts"].as_array().unwrap().iter().find(|s| s["id"] == day["id"]).unwrap().clone();
        let on: Vec<&str> =
            after["assigned"].as_array().unwrap().iter().map(|a| a["person_id"].as_str().unwrap()).collect();
        assert_eq!(on, vec![ctx.manager.id.as_str()], "{after}");
        assert_eq!(after["assigned"][0]["id"], kept, "Piotr's assignment is Anna's now: the same calendar event");
        assert_eq!(after["assigned"][0]["sequence"], 2, "{after}");
    })
    .await;
}
