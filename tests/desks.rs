//! Desks, shift types and templates through the real app: the coverage check across
//! DST, per-weekday overrides, the expansion into dated shifts, closures on another
//! region's holidays, and every refusal naming its field with nothing written.

mod common;

use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use chrono::{TimeZone, Utc};
use common::{each_backend, request, send, Ctx, Reply};
use rota::domain::FixedClock;
use rota::http::{build_app, AppState};
use rota::service::Context;
use serde_json::{json, Value};

/// The app with "now" fixed at `at` (UTC).
fn app_state_at(ctx: &Ctx, at: chrono::DateTime<Utc>) -> AppState {
    let service = Context { clock: Arc::new(FixedClock::at(at)), ..ctx.state.service.clone() };
    AppState::new(service, &ctx.secret)
}

fn shift_types() -> Value {
    json!([
        {"id": "early", "name": "Early", "rotation_rank": 0},
        {"id": "late", "name": "Late", "rotation_rank": 1},
        {"id": "night", "name": "Night", "rotation_rank": 2, "cannot_be_followed_by": ["early"]},
    ])
}

fn template(name: &str, kind: &str, start: &str, end: &str, zone: &str, weekdays: Value) -> Value {
    json!({
        "name": name, "shift_type": kind, "start": start, "end": end, "time_zone": zone,
        "weekdays": weekdays, "min_headcount": 2, "target_headcount": 3,
        "skill_minimums": [{"language": "de", "min": 1}, {"tier_at_least": "L2", "min": 1}],
    })
}

fn desk_body(team: &str) -> Value {
    json!({"name": "Customer Service EN/DE", "time_zone": "Europe/Warsaw", "teams": [team], "shift_types": shift_types()})
}

/// Early and late in Warsaw, the night written in UTC as 21:00–05:00: it meets them
/// in winter (22:00–06:00 CET) and leaves an hour's hole after the late once
/// Warsaw moves to summer time.
fn templates_with_a_summer_hole() -> Value {
    json!({"templates": [
        template("Early", "early", "06:00", "14:00", "Europe/Warsaw", json!([1, 2, 3, 4, 5])),
        template("Late", "late", "14:00", "22:00", "Europe/Warsaw", json!([1, 2, 3, 4, 5])),
        template("Night", "night", "21:00", "05:00", "UTC", json!([7, 1, 2, 3, 4, 5])),
    ]})
}

async fn create_desk<S, B>(app: &S, token: &str, body: Value) -> Reply
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    send(app, request("POST", "/api/desks", Some(token)).set_json(body)).await
}

#[actix_web::test]
async fn a_hole_that_opens_at_the_spring_change_is_reported_in_utc_and_local_time() {
    each_backend(|ctx| async move {
        let state = app_state_at(&ctx, Utc.with_ymd_and_hms(2026, 3, 16, 9, 0, 0).unwrap());
        let app = init_service(build_app(state)).await;
        let created = create_desk(&app, &ctx.manager.token, desk_body(&ctx.team_a)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.body["id"].as_str().unwrap().to_string();
        // Without templates the whole 24/5 window is a gap, week after week.
        assert_eq!(
            created.body["coverage"][0]["opens"],
            json!({"weekday": 1, "time": "00:00", "time_zone": "Europe/Warsaw"})
        );
        assert_eq!(created.body["coverage"][0]["closes"]["time"], "24:00");
        assert!(created.body["coverage_check"]["gaps"].as_array().unwrap().len() >= 52);

        let saved = send(
            &app,
            request("PUT", &format!("/api/desks/{id}/templates"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(templates_with_a_summer_hole()),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let check = &saved.body["coverage_check"];
        assert_eq!(check["from"], "2026-03-16");
        assert_eq!(check["time_zone"], "Europe/Warsaw");
        let gaps = check["gaps"].as_array().unwrap();
        // The first gap is the first summer-time Monday, after the late: 22:00–23:00 local.
        assert_eq!(gaps[0]["start"], "2026-03-30T20:00:00Z", "{}", gaps[0]);
        assert_eq!(gaps[0]["end"], "2026-03-30T21:00:00Z");
        assert_eq!(gaps[0]["start_local"], "2026-03-30T22:00:00+02:00");
        assert_eq!(gaps[0]["minutes"], 60);
        // Every summer weekday has it; winter has none (the change back is 25 Oct).
        let starts: Vec<&str> = gaps.iter().map(|g| g["start"].as_str().unwrap()).collect();
        assert!(starts.iter().all(|s| *s >= "2026-03-30" && *s < "2026-10-25"), "{starts:?}");
        assert_eq!(starts.iter().filter(|s| s.starts_with("2026-04-")).count(), 22, "one per April weekday");
        // In summer the UTC night also runs into the early by an hour.
        let overlaps = check["overlaps"].as_array().unwrap();
        let first = &overlaps[0];
        assert_eq!(first["start"], "2026-03-30T04:00:00Z", "{first}");
        let names: Vec<&str> =
            first["shifts"].as_array().unwrap().iter().map(|s| s["template"].as_str().unwrap()).collect();
        assert_eq!(names.len(), 2);
        assert!(names.contains(&"Early") && names.contains(&"Night"), "{names:?}");
        // Sunday's night starts before Monday 00:00, Friday's ends after Friday 24:00.
        let outside = check["outside"].as_array().unwrap();
        assert_eq!(
            outside[0]["shift"],
            json!({"template_id": outside[0]["shift"]["template_id"], "template": "Night", "local_date": "2026-03-20"})
        );
        assert_eq!(
            (outside[0]["start"].as_str(), outside[0]["end"].as_str()),
            (Some("2026-03-20T23:00:00Z"), Some("2026-03-21T05:00:00Z"))
        );
        let sunday = outside.iter().find(|o| o["shift"]["local_date"] == "2026-03-22").unwrap();
        assert_eq!(
            (sunday["start"].as_str(), sunday["end"].as_str()),
            (Some("2026-03-22T21:00:00Z"), Some("2026-03-22T23:00:00Z"))
        );

        // GET shows the same check; templates kept their ids on a re-save.
        let got = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.member.token))).await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        assert_eq!(got.body["coverage_check"], saved.body["coverage_check"]);
        let ids: Vec<Value> = got.body["templates"].as_array().unwrap().iter().map(|t| t["id"].clone()).collect();
        let mut resent = got.body["templates"].clone();
        resent[1]["target_headcount"] = json!(4);
        let again = send(
            &app,
            request("PUT", &format!("/api/desks/{id}/templates"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, got.etag()))
                .set_json(json!({"templates": resent})),
        )
        .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        let after: Vec<Value> = again.body["templates"].as_array().unwrap().iter().map(|t| t["id"].clone()).collect();
        assert_eq!(after, ids);
        assert_eq!(again.body["templates"][1]["target_headcount"], 4);
        // The stale ETag loses.
        let stale = send(
            &app,
            request("PUT", &format!("/api/desks/{id}/templates"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, got.etag()))
                .set_json(json!({"templates": []})),
        )
        .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    })
    .await;
}

#[actix_web::test]
async fn a_friday_override_and_the_dated_shifts_of_a_week() {
    each_backend(|ctx| async move {
        let state = app_state_at(&ctx, Utc.with_ymd_and_hms(2026, 3, 16, 9, 0, 0).unwrap());
        let app = init_service(build_app(state)).await;
        let mut body = desk_body(&ctx.team_a);
        let mut late = template("Late", "late", "14:00", "22:00", "Europe/Warsaw", json!([1, 2, 3, 4, 5]));
        late["overrides"] = json!([{"weekday": 5, "end": "21:00"}]);
        let mut night = template("Night", "night", "22:00", "06:00", "Europe/Warsaw", json!([7, 1, 2, 3, 4, 5]));
        night["overrides"] = json!([{"weekday": 1, "min_headcount": 1, "target_headcount": 2}]);
        body["templates"] =
            json!([template("Early", "early", "06:00", "14:00", "Europe/Warsaw", json!([1, 2, 3, 4, 5])), late, night]);
        let created = create_desk(&app, &ctx.manager.token, body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.body["id"].as_str().unwrap();
        // The earlier Friday end leaves 21:00–22:00 open every Friday, and only then.
        let gaps = created.body["coverage_check"]["gaps"].as_array().unwrap();
        assert!(!gaps.is_empty());
        for gap in gaps {
            let local = gap["start_local"].as_str().unwrap();
            let day = chrono::DateTime::parse_from_rfc3339(local).unwrap();
            assert_eq!(day.format("%a %H:%M").to_string(), "Fri 21:00", "{gap}");
            assert_eq!(gap["minutes"], 60);
        }

        // The week of the spring change: Sunday 29 March 2026, 02:00 → 03:00.
        let week = send(
            &app,
            request("GET", &format!("/api/desks/{id}/shifts?from=2026-03-23&to=2026-03-29"), Some(&ctx.member.token)),
        )
        .await;
        assert_eq!(week.status, StatusCode::OK, "{}", week.body);
        let shifts = week.body.as_array().unwrap();
        assert_eq!(shifts.len(), 5 + 5 + 6, "Mon–Fri early and late, Sun–Fri nights");
        let find = |template: &str, date: &str| {
            shifts
                .iter()
                .find(|s| s["template"] == template && s["local_date"] == date)
                .unwrap_or_else(|| panic!("{template} {date}"))
        };
        let friday_late = find("Late", "2026-03-27");
        assert_eq!(
            (friday_late["end_local"].as_str().unwrap(), friday_late["minutes"].as_i64()),
            ("2026-03-27T21:00:00+01:00", Some(420))
        );
        assert_eq!(find("Late", "2026-03-26")["minutes"], 480);
        let monday_night = find("Night", "2026-03-23");
        assert_eq!(
            (monday_night["min_headcount"].as_u64(), monday_night["target_headcount"].as_u64()),
            (Some(1), Some(2))
        );
        assert_eq!(find("Night", "2026-03-24")["target_headcount"], 3);
        // The first night after the change is eight summer-time hours again.
        let short_night = find("Night", "2026-03-29");
        assert_eq!(short_night["start"], "2026-03-29T20:00:00Z");
        assert_eq!(short_night["minutes"], 480, "Sunday 22:00 CEST to Monday 06:00 CEST");
        let saturday_eve = find("Night", "2026-03-27");
        assert_eq!(saturday_eve["shift_type"], "night");
        assert_eq!(
            saturday_eve["skill_minimums"],
            json!([{"language": "de", "min": 1}, {"tier_at_least": "L2", "min": 1}])
        );

        let reversed = send(
            &app,
            request("GET", &format!("/api/desks/{id}/shifts?from=2026-03-29&to=2026-03-23"), Some(&ctx.member.token)),
        )
        .await;
        assert_eq!((reversed.status, reversed.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "to"));
        let malformed = send(
            &app,
            request("GET", &format!("/api/desks/{id}/shifts?from=23.03.2026&to=2026-03-29"), Some(&ctx.member.token)),
        )
        .await;
        assert_eq!((malformed.status, malformed.error_field()), (StatusCode::BAD_REQUEST, "from"));
        let too_long = send(
            &app,
            request("GET", &format!("/api/desks/{id}/shifts?from=2026-01-01&to=2027-06-01"), Some(&ctx.member.token)),
        )
        .await;
        assert_eq!((too_long.status, too_long.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "to"));
    })
    .await;
}

#[actix_web::test]
async fn a_desk_for_us_customers_closes_on_thanksgiving_wherever_its_staff_live() {
    each_backend(|ctx| async move {
        let state = app_state_at(&ctx, Utc.with_ymd_and_hms(2026, 11, 2, 12, 0, 0).unwrap());
        let app = init_service(build_app(state)).await;
        let window = |day: u8| {
            json!({"opens": {"weekday": day, "time": "08:00", "time_zone": "America/New_York"},
                   "closes": {"weekday": day, "time": "20:00", "time_zone": "America/New_York"}})
        };
        let body = json!({
            "name": "US Business Hours", "time_zone": "America/New_York", "teams": [ctx.team_b],
            "coverage": [window(1), window(2), window(3), window(4), window(5)],
            "shift_types": [{"id": "day", "name": "Day"}],
            "templates": [{"name": "Day", "shift_type": "day", "start": "08:00", "end": "20:00",
                           "time_zone": "America/New_York", "weekdays": [1, 2, 3, 4, 5],
                           "min_headcount": 1, "target_headcount": 2,
                           "skill_minimums": [{"language": "en", "min": 1}]}],
            "closures": {"dates": ["2026-12-24"], "holidays_of": ["us"]},
        });
        let created = create_desk(&app, &ctx.other_manager.token, body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.body["closures"]["holidays_of"], json!(["US"]));
        let check = &created.body["coverage_check"];
        assert_eq!(check["gaps"], json!([]), "business hours covered; closed days are not gaps");
        assert_eq!(check["overlaps"], json!([]));
        assert_eq!(check["outside"], json!([]));
        let id = created.body["id"].as_str().unwrap();
        let week = send(
            &app,
            request(
                "GET",
                &format!("/api/desks/{id}/shifts?from=2026-11-23&to=2026-11-29"),
                Some(&ctx.other_member.token),
            ),
        )
        .await;
        let dates: Vec<&str> =
            week.body.as_array().unwrap().iter().map(|s| s["local_date"].as_str().unwrap()).collect();
        assert_eq!(dates, ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27"], "no shift on Thanksgiving");
        let christmas_eve = send(
            &app,
            request(
                "GET",
                &format!("/api/desks/{id}/shifts?from=2026-12-24&to=2026-12-24"),
                Some(&ctx.other_member.token),
            ),
        )
        .await;
        assert_eq!(christmas_eve.body, json!([]));

        // Team A cannot see team B's desk; an unknown region is refused by name.
        let foreign = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.member.token))).await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);
        let listed = send(&app, request("GET", "/api/desks", Some(&ctx.member.token))).await;
        assert_eq!(listed.body["items"], json!([]));
        let listed = send(&app, request("GET", "/api/desks", Some(&ctx.other_member.token))).await;
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
        assert!(listed.body["items"][0].get("coverage_check").is_none());
        let unknown = send(
            &app,
            request("PATCH", &format!("/api/desks/{id}"), Some(&ctx.other_manager.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(json!({"closures": {"holidays_of": ["ZW"]}})),
        )
        .await;
        assert_eq!(
            (unknown.status, unknown.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "closures.holidays_of[0]")
        );
    })
    .await;
}

/// Each bad desk: the field the answer must name.
fn bad_desks(team: &str) -> Vec<(&'static str, Value, &'static str)> {
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut body = desk_body(team);
        body["templates"] =
            json!([template("Early", "early", "06:00", "14:00", "Europe/Warsaw", json!([1, 2, 3, 4, 5]))]);
        edit(&mut body);
        body
    };
    vec![
        ("unknown desk zone", with(&|b| b["time_zone"] = json!("Europe/Warsav")), "time_zone"),
        (
            "unknown window zone",
            with(
                &|b| b["coverage"] = json!([{"opens": {"weekday": 1, "time": "00:00", "time_zone": "Mars/Base"}, "closes": {"weekday": 5, "time": "24:00", "time_zone": "UTC"}}]),
            ),
            "coverage[0].opens.time_zone",
        ),
        (
            "window weekday 8",
            with(
                &|b| b["coverage"] = json!([{"opens": {"weekday": 8, "time": "00:00", "time_zone": "UTC"}, "closes": {"weekday": 5, "time": "24:00", "time_zone": "UTC"}}]),
            ),
            "coverage[0].opens.weekday",
        ),
        (
            "unknown template zone",
            with(&|b| b["templates"][0]["time_zone"] = json!("Warsaw")),
            "templates[0].time_zone",
        ),
        ("end equals start", with(&|b| b["templates"][0]["end"] = json!("06:00")), "templates[0].end"),
        ("no weekdays", with(&|b| b["templates"][0]["weekdays"] = json!([])), "templates[0].weekdays"),
        ("weekday 0", with(&|b| b["templates"][0]["weekdays"] = json!([0, 1])), "templates[0].weekdays[0]"),
        (
            "unknown language",
            with(&|b| b["templates"][0]["skill_minimums"][0] = json!({"language": "deutsch!", "min": 1})),
            "templates[0].skill_minimums[0].language",
        ),
        (
            "unknown tier",
            with(&|b| b["templates"][0]["skill_minimums"][1] = json!({"tier_at_least": "L9", "min": 1})),
            "templates[0].skill_minimums[1].tier_at_least",
        ),
        (
            "minimum above headcount",
            with(&|b| b["templates"][0]["skill_minimums"][0]["min"] = json!(4)),
            "templates[0].skill_minimums[0].min",
        ),
        ("min above target", with(&|b| b["templates"][0]["min_headcount"] = json!(5)), "templates[0].min_headcount"),
        (
            "shift type not defined",
            with(&|b| b["templates"][0]["shift_type"] = json!("morning")),
            "templates[0].shift_type",
        ),
        (
            "succession to an unknown type",
            with(&|b| b["shift_types"][2]["cannot_be_followed_by"] = json!(["dawn"])),
            "shift_types[2].cannot_be_followed_by[0]",
        ),
        (
            "override on a day off",
            with(&|b| b["templates"][0]["overrides"] = json!([{"weekday": 6, "end": "13:00"}])),
            "templates[0].overrides[0].weekday",
        ),
        (
            "override ends at its start",
            with(&|b| b["templates"][0]["overrides"] = json!([{"weekday": 5, "end": "06:00"}])),
            "templates[0].overrides[0].end",
        ),
        ("no teams", with(&|b| b["teams"] = json!([])), "teams"),
        ("unknown team", with(&|b| b["teams"] = json!(["no-such-team"])), "teams[0]"),
        (
            "overlapping windows",
            with(&|b| {
                b["coverage"] = json!([
            {"opens": {"weekday": 1, "time": "08:00", "time_zone": "UTC"}, "closes": {"weekday": 1, "time": "20:00", "time_zone": "UTC"}},
            {"opens": {"weekday": 1, "time": "18:00", "time_zone": "UTC"}, "closes": {"weekday": 2, "time": "02:00", "time_zone": "UTC"}}])
            }),
            "coverage[1]",
        ),
        ("time 24:30", with(&|b| b["templates"][0]["start"] = json!("24:30")), "templates[0].start"),
    ]
}

#[actix_web::test]
async fn bad_desks_are_refused_by_field_and_nothing_is_written() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        for (what, body, field) in bad_desks(&ctx.team_a) {
            let reply = create_desk(&app, &ctx.admin.token, body).await;
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {}", reply.body);
            assert_eq!(reply.error_field(), field, "{what}: {}", reply.body);
        }
        let listed = send(&app, request("GET", "/api/desks?archived=true", Some(&ctx.admin.token))).await;
        assert_eq!(listed.body["items"], json!([]), "no refused desk was stored");

        // Removing a shift type a template still uses is refused, and the desk stays.
        let mut body = desk_body(&ctx.team_a);
        body["templates"] = json!([template("Night", "night", "22:00", "06:00", "Europe/Warsaw", json!([1]))]);
        let created = create_desk(&app, &ctx.manager.token, body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.body["id"].as_str().unwrap();
        let dropped = send(
            &app,
            request("PATCH", &format!("/api/desks/{id}"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(json!({"shift_types": [{"id": "early", "name": "Early"}]})),
        )
        .await;
        assert_eq!((dropped.status, dropped.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "shift_types"));
        let unchanged = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.manager.token))).await;
        assert_eq!(unchanged.etag(), created.etag());
        assert_eq!(unchanged.body["shift_types"], created.body["shift_types"]);
        // A template id the desk never gave out is refused.
        let forged = send(
            &app,
            request("PUT", &format!("/api/desks/{id}/templates"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(json!({"templates": [{"id": "mine", "name": "X", "shift_type": "night", "start": "22:00", "end": "06:00", "time_zone": "UTC", "weekdays": [1], "min_headcount": 1, "target_headcount": 1}]})),
        )
        .await;
        assert_eq!((forged.status, forged.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "templates[0].id"));
    })
    .await;
}

#[actix_web::test]
async fn managers_run_the_desks_of_their_teams_only() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        // A member cannot create a desk; a manager cannot create one for another team.
        let member = create_desk(&app, &ctx.member.token, desk_body(&ctx.team_a)).await;
        assert_eq!(member.status, StatusCode::FORBIDDEN);
        let foreign = create_desk(&app, &ctx.other_manager.token, desk_body(&ctx.team_a)).await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);
        let created = create_desk(&app, &ctx.manager.token, desk_body(&ctx.team_a)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.body["id"].as_str().unwrap();
        let path = format!("/api/desks/{id}");
        let patch = |token: &str, body: Value| {
            request("PATCH", &path, Some(token)).insert_header((header::IF_MATCH, "*")).set_json(body)
        };
        // The other team's manager neither edits it nor pulls in their own team.
        let other = send(&app, patch(&ctx.other_manager.token, json!({"name": "Mine now"}))).await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        let add_b = send(&app, patch(&ctx.manager.token, json!({"teams": [ctx.team_a, ctx.team_b]}))).await;
        assert_eq!(add_b.status, StatusCode::FORBIDDEN, "adding a team one does not manage");
        let by_admin = send(&app, patch(&ctx.admin.token, json!({"teams": [ctx.team_a, ctx.team_b]}))).await;
        assert_eq!(by_admin.status, StatusCode::OK, "{}", by_admin.body);
        // Now both teams read it, and both managers manage it.
        let read = send(&app, request("GET", &path, Some(&ctx.other_member.token))).await;
        assert_eq!(read.status, StatusCode::OK);
        let archived = send(&app, patch(&ctx.other_manager.token, json!({"archived": true}))).await;
        assert_eq!(archived.status, StatusCode::OK, "{}", archived.body);
        assert_eq!(archived.body["archived"], true);
        let listed = send(&app, request("GET", "/api/desks", Some(&ctx.member.token))).await;
        assert_eq!(listed.body["items"], json!([]), "archived desks leave the default list");
        let listed = send(&app, request("GET", "/api/desks?archived=true", Some(&ctx.member.token))).await;
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
        let dup = create_desk(&app, &ctx.manager.token, desk_body(&ctx.team_a)).await;
        assert_eq!((dup.status, dup.error_field()), (StatusCode::CONFLICT, "name"));
        // Deleting needs the current ETag; then it is gone, with its audit trail kept.
        let stale = send(
            &app,
            request("DELETE", &path, Some(&ctx.manager.token)).insert_header((header::IF_MATCH, created.etag())),
        )
        .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let gone = send(
            &app,
            request("DELETE", &path, Some(&ctx.manager.token)).insert_header((header::IF_MATCH, archived.etag())),
        )
        .await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT);
        let missing = send(&app, request("GET", &path, Some(&ctx.admin.token))).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        let mut conn = ctx.state.service.pool.get().unwrap();
        let trail = rota::store::audit::for_entity(&mut conn, "desk", id).unwrap();
        let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["create", "update", "update", "delete"]);
    })
    .await;
}
