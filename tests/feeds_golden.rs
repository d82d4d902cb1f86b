//! Golden feeds: the bytes a calendar app receives, pinned by insta snapshots, from a
//! fixed clock and a seven-night Warsaw desk whose people live in New York and Warsaw:
//! the night of Sat 28 Mar 2026 is 7 h (21:00Z–04:00Z, the spring change) and that of
//! Sat 24 Oct 2026 is 9 h (20:00Z–05:00Z, the autumn one); names in Polish and
//! Cyrillic; a desk name with `, ; \`; a 2 KB time-off note with line breaks.

mod common;

use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use chrono::{TimeZone, Utc};
use common::feeds::{fetch, path_of};
use common::{each_backend, request, send, Reply, PASSWORD};
use rota::domain::{Clock, FixedClock};
use rota::http::{build_app, AppState};
use rota::service::Context;
use serde_json::json;

/// `text` with every id of `ids` replaced by a placeholder of the same length (the
/// lines fold the same), so the snapshot does not depend on random ids.
fn stable(text: &str, ids: &[String]) -> String {
    ids.iter().enumerate().fold(text.to_string(), |t, (i, id)| t.replace(id, &format!("{:0>1$}", i + 1, id.len())))
}

fn id(reply: &Reply) -> String {
    reply.body["id"].as_str().unwrap_or_default().to_string()
}

#[actix_web::test]
async fn person_team_and_desk_feeds_across_both_clock_changes() {
    each_backend(|ctx| async move {
        let clock: Arc<dyn Clock> = Arc::new(FixedClock::at(Utc.with_ymd_and_hms(2026, 3, 20, 12, 0, 0).unwrap()));
        let service = Context { clock, public_url: Some("https://rota.example".into()), ..ctx.state.service.clone() };
        let app = init_service(build_app(AppState::new(service, &ctx.secret))).await;
        let admin = Some(ctx.admin.token.as_str());
        let manager = Some(ctx.manager.token.as_str());

        // Zoë lives in New York and works the Warsaw desk's Saturday nights.
        let zoe = send(
            &app,
            request("POST", "/api/people", admin).set_json(json!({
                "name": "Zoë Łukasiewicz-Петренко", "email": "zoe@example.com", "password": PASSWORD,
                "time_zone": "America/New_York", "holiday_region": "US",
                "skills": {"languages": ["en", "pl"], "tier": "L1", "channels": ["chat"]},
            })),
        )
        .await;
        assert_eq!(zoe.status, StatusCode::CREATED, "{}", zoe.body);
        let zoe_id = id(&zoe);
        let team = send(&app, request("GET", &format!("/api/teams/{}", ctx.team_a), admin)).await;
        let seated = send(
            &app,
            request("PUT", &format!("/api/teams/{}/members/{zoe_id}", ctx.team_a), admin)
                .insert_header((header::IF_MATCH, team.etag()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert!(seated.status.is_success(), "{}", seated.body);
        let login = send(
            &app,
            request("POST", "/api/auth/login", None).set_json(json!({"email": "zoe@example.com", "password": PASSWORD})),
        )
        .await;
        let zoe_token = login.body["access_token"].as_str().unwrap().to_string();

        let desk = send(
            &app,
            request("POST", "/api/desks", manager).set_json(json!({
                "name": "Nocna zmiana, EN; DE \\ Мінськ", "time_zone": "Europe/Warsaw", "teams": [ctx.team_a],
                "shift_types": [{"id": "night", "name": "Night"}],
                "templates": [{"name": "Night", "shift_type": "night", "start": "22:00", "end": "06:00",
                               "time_zone": "Europe/Warsaw", "weekdays": [1, 2, 3, 4, 5, 6, 7],
                               "min_headcount": 0, "target_headcount": 2}],
            })),
        )
        .await;
        assert_eq!(desk.status, StatusCode::CREATED, "{}", desk.body);
        let desk_id = id(&desk);
        let mut ids = vec![zoe_id.clone(), desk_id.clone()];
        for (from, to, night) in [("2026-03-23", "2026-03-29", "2026-03-28"), ("2026-10-19", "2026-10-25", "2026-10-24")] {
            let roster = send(
                &app,
                request("POST", &format!("/api/desks/{desk_id}/rosters"), manager).set_json(json!({"from": from, "to": to})),
            )
            .await;
            assert_eq!(roster.status, StatusCode::CREATED, "{}", roster.body);
            let roster_id = id(&roster);
            let shifts = roster.body["shifts"].as_array().unwrap();
            ids.extend(shifts.iter().map(|s| s["id"].as_str().unwrap().to_string()));
            let saturday = shifts.iter().find(|s| s["local_date"] == night).unwrap()["id"].clone();
            let edited = send(
                &app,
                request("PATCH", &format!("/api/rosters/{roster_id}/assignments"), manager)
                    .insert_header((header::IF_MATCH, roster.etag()))
                    .set_json(json!({"changes": [{"shift_id": saturday, "add": zoe_id}, {"shift_id": saturday, "add": ctx.member.id}]})),
            )
            .await;
            assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
            let edited_shifts = edited.body["shifts"].as_array().unwrap();
            for shift in edited_shifts {
                // By name: the order of random ids would change the placeholders.
                let mut assigned = shift["assigned"].as_array().unwrap().clone();
                assigned.sort_by_key(|a| a["name"].as_str().unwrap_or_default().to_string());
                ids.extend(assigned.iter().map(|a| a["id"].as_str().unwrap().to_string()));
            }
            let published = send(
                &app,
                request("POST", &format!("/api/rosters/{roster_id}/publish"), manager)
                    .insert_header((header::IF_MATCH, edited.etag())),
            )
            .await;
            assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        }

        // Two days off with a long note.
        let note = format!("Rodzinny wyjazd, Мінськ; potem \\ dom.\nDruga linia: {}", "zażółć gęślą jaźń ".repeat(100));
        let asked = send(
            &app,
            request("POST", &format!("/api/people/{zoe_id}/time-off"), Some(&zoe_token))
                .set_json(json!({"from": "2026-04-06", "to": "2026-04-07", "reason": "vacation", "note": note.trim()})),
        )
        .await;
        assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
        ids.push(id(&asked));
        let approved = send(
            &app,
            request("POST", &format!("/api/time-off/{}/approve", id(&asked)), manager)
                .insert_header((header::IF_MATCH, asked.etag()))
                .set_json(json!({})),
        )
        .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

        for kind in ["person", "team", "desk"] {
            let target = match kind {
                "person" => zoe_id.clone(),
                "team" => ctx.team_a.clone(),
                _ => desk_id.clone(),
            };
            let made = send(
                &app,
                request("POST", "/api/feeds", Some(&zoe_token))
                    .set_json(json!({"kind": kind, "target": target, "days_ahead": 366})),
            )
            .await;
            assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
            let feed = fetch(&app, "GET", &path_of(&made), &[]).await;
            assert_eq!(feed.status, StatusCode::OK);
            let text = &feed.text;
            // Both DST nights in UTC, whatever the subscriber's zone.
            assert!(text.contains("DTSTART:20260328T210000Z\r\nDTEND:20260329T040000Z\r\n"), "{text}");
            assert!(text.contains("DTSTART:20261024T200000Z\r\nDTEND:20261025T050000Z\r\n"), "{text}");
            let mut parser = ical::IcalParser::new(text.as_bytes());
            let parsed = parser.next().expect("a calendar").expect("it parses");
            assert!(!parsed.events.is_empty());
            insta::assert_snapshot!(format!("{kind}_feed"), stable(text, &ids));
        }
    })
    .await;
}
