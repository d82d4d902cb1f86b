//! Public holidays: the built-in calendars through the API, a company's own file
//! imported whole or not at all, and an unknown region refused by name.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::{each_backend, request, send};
use rota::http::build_app;
use rota::service::holidays;
use serde_json::Value;

fn names_on(body: &Value, date: &str) -> Vec<String> {
    body.as_array()
        .unwrap()
        .iter()
        .filter(|h| h["date"] == date)
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

#[actix_web::test]
async fn built_in_and_company_holidays_by_region_and_year() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let bavaria = send(&app, request("GET", "/api/holidays?region=de-by&year=2026", Some(&ctx.member.token))).await;
        assert_eq!(bavaria.status, StatusCode::OK, "{}", bavaria.body);
        assert_eq!(names_on(&bavaria.body, "2026-01-06").len(), 1, "Epiphany in Bavaria");
        assert!(bavaria.body.as_array().unwrap().iter().all(|h| h["source"] == "built_in"));
        let germany = send(&app, request("GET", "/api/holidays?region=DE&year=2026", Some(&ctx.member.token))).await;
        assert!(names_on(&germany.body, "2026-01-06").is_empty(), "not a federal holiday");
        let poland = send(&app, request("GET", "/api/holidays?region=PL&year=2026", Some(&ctx.member.token))).await;
        assert_eq!(names_on(&poland.body, "2026-04-06").len(), 1, "Easter Monday");

        let unknown = send(&app, request("GET", "/api/holidays?region=ZW&year=2026", Some(&ctx.member.token))).await;
        assert_eq!((unknown.status, unknown.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "region"));
        let bad_year = send(&app, request("GET", "/api/holidays?region=PL&year=next", Some(&ctx.member.token))).await;
        assert_eq!((bad_year.status, bad_year.error_field()), (StatusCode::BAD_REQUEST, "year"));
        let anonymous = send(&app, request("GET", "/api/holidays?region=PL&year=2026", None)).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

        // A company's own file: a broken line refuses all of it.
        let good = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//acme//holidays//EN\r\nBEGIN:VEVENT\r\nUID:1@acme\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:Company day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let broken = good.replace("DTSTART;VALUE=DATE:20261231", "DTSTART;VALUE=DATE:2026-13-31");
        let refused = holidays::import(&ctx.state.service, "PL", &broken).unwrap_err();
        let rota::service::Error::Invalid(invalid) = refused else { panic!("{refused:?}") };
        assert!(invalid.message.starts_with("line 7:"), "{}", invalid.message);
        let poland = send(&app, request("GET", "/api/holidays?region=PL&year=2026", Some(&ctx.member.token))).await;
        assert!(names_on(&poland.body, "2026-12-31").is_empty(), "nothing half-imported");

        assert_eq!(holidays::import(&ctx.state.service, "pl", good).unwrap(), 1);
        let poland = send(&app, request("GET", "/api/holidays?region=PL&year=2026", Some(&ctx.member.token))).await;
        let company: Vec<&Value> = poland.body.as_array().unwrap().iter().filter(|h| h["source"] == "company").collect();
        assert_eq!(company.len(), 1);
        assert_eq!((company[0]["date"].as_str(), company[0]["name"].as_str()), (Some("2026-12-31"), Some("Company day")));
        // A region only the company knows becomes known.
        assert_eq!(holidays::import(&ctx.state.service, "ZW", good).unwrap(), 1);
        let zimbabwe = send(&app, request("GET", "/api/holidays?region=ZW&year=2026", Some(&ctx.member.token))).await;
        assert_eq!(zimbabwe.status, StatusCode::OK);
    })
    .await;
}

#[actix_web::test]
async fn a_night_ending_on_easter_monday_morning_is_blocked_by_overlap_not_by_start_date() {
    use rota::planner::definitions::blocking_day;
    use rota::planner::model::DaysOffBy;
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let desk = serde_json::json!({
            "name": "Nights", "time_zone": "Europe/Warsaw", "teams": [ctx.team_a],
            "shift_types": [{"id": "night", "name": "Night"}],
            "templates": [{"name": "Night", "shift_type": "night", "start": "22:00", "end": "06:00",
                           "time_zone": "Europe/Warsaw", "weekdays": [3, 7], "min_headcount": 1, "target_headcount": 1}],
        });
        let created = send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(desk)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.body["id"].as_str().unwrap();
        let shifts = send(
            &app,
            request("GET", &format!("/api/desks/{id}/shifts?from=2026-04-01&to=2026-06-30"), Some(&ctx.member.token)),
        )
        .await;
        let parse = |v: &Value| v.as_str().unwrap().parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        let night = |date: &str| {
            let shift = shifts.body.as_array().unwrap().iter().find(|s| s["local_date"] == date).unwrap();
            (parse(&shift["start"]), parse(&shift["end"]))
        };
        // The holidays of a region, as the service reads them for a roster.
        let holidays_of = |region: &str| -> Vec<chrono::NaiveDate> {
            let from = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
            let to = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
            ctx.state.service.read(|conn| holidays::in_range(conn, region, from, to)).unwrap().into_iter().map(|h| h.date).collect()
        };
        let zone = chrono_tz::Europe::Warsaw;
        let date = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d);
        // Easter Sunday night into Easter Monday: blocked for a PL person (both days
        // are holidays in Poland) …
        let (start, end) = night("2026-04-05");
        let poland = holidays_of("PL");
        assert!(poland.contains(&date(4, 6).unwrap()));
        assert!(blocking_day(DaysOffBy::Overlap, zone, &poland, start, end).is_some());
        // … and for a Bavarian only by overlap: Easter Sunday is no holiday there.
        let bavaria = holidays_of("DE-BY");
        assert_eq!(blocking_day(DaysOffBy::Overlap, zone, &bavaria, start, end), date(4, 6));
        assert_eq!(blocking_day(DaysOffBy::StartDate, zone, &bavaria, start, end), None);
        // The night before Corpus Christi (Thursday 4 June) for a PL person, likewise.
        let (start, end) = night("2026-06-03");
        assert_eq!(blocking_day(DaysOffBy::Overlap, zone, &poland, start, end), date(6, 4));
        assert_eq!(blocking_day(DaysOffBy::StartDate, zone, &poland, start, end), None);
    })
    .await;
}
