//! The web pages through the real app: sign-in and the session cookie, CSRF, session
//! expiry and idleness, a password change ending the session, the home page, error
//! pages and static files.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use chrono::Duration;
use common::pages::{fetch, get, post, sign_in};
use common::rosters::state_before_march;
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn signing_in_sets_a_safe_cookie_and_returns_only_to_our_own_pages() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let anonymous = fetch(&app, get("/", None)).await;
        assert_eq!((anonymous.status, anonymous.location()), (StatusCode::SEE_OTHER, "/login"));
        let deep = fetch(&app, get("/shifts?from=2026-03-16", None)).await;
        assert_eq!(deep.location(), "/login?next=/shifts%3Ffrom%3D2026-03-16", "and back after signing in");

        let form = fetch(&app, get("/login?next=/%2F%2Fevil", None)).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.html.contains("<label for=\"email\">Email</label>"));

        let wrong = fetch(&app, post("/login", None, &[("email", &ctx.member.email), ("password", "nope")])).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.html.contains("The email or password is wrong."), "{}", wrong.html);
        assert!(wrong.html.contains(&format!("value=\"{}\"", ctx.member.email)), "the email is kept");
        assert!(wrong.session_cookie().is_none());
        let empty = fetch(&app, post("/login", None, &[("email", " "), ("password", "x")])).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.html.contains("id=\"email-error\""), "the message sits next to the field");

        for (next, lands) in [("/?tab=week", "/?tab=week"), ("//evil.example/", "/"), ("https://evil.example/", "/")] {
            let page = fetch(
                &app,
                post("/login", None, &[("email", &ctx.member.email), ("password", PASSWORD), ("next", next)]),
            )
            .await;
            assert_eq!((page.status, page.location()), (StatusCode::SEE_OTHER, lands), "{next}");
            let cookie = page.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
            assert!(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
                "{cookie}"
            );
            assert!(!cookie.contains("Secure"), "no https base URL configured: {cookie}");
        }

        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let home = fetch(&app, get("/", Some(&secret))).await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.html);
        assert!(home.html.contains("Hello, Piotr") && home.html.contains("Your next shift"), "{}", home.html);
        assert!(home.html.contains("Europe/Warsaw, UTC+"), "times say their zone");
        // The API takes bearer tokens only: the page cookie opens nothing there.
        let api = fetch(&app, get("/api/me", Some(&secret))).await;
        assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[actix_web::test]
async fn posts_need_our_origin_and_the_session_token_and_sign_out_ends_the_session() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let home = fetch(&app, get("/", Some(&secret))).await;
        let token = home.csrf();
        // 256 bits in URL-safe base64 (43 characters), masked with a fresh pad per page
        // (hex of pad and token: 4 × 43), so no two pages carry the same bytes.
        assert_eq!(token.len(), 172, "{token:?}");
        assert_ne!(fetch(&app, get("/", Some(&secret))).await.csrf(), token, "a new mask per page");

        let tokenless = fetch(&app, post("/logout", Some(&secret), &[])).await;
        assert_eq!(tokenless.status, StatusCode::FORBIDDEN);
        let wrong = fetch(&app, post("/logout", Some(&secret), &[("csrf", "x".repeat(43).as_str())])).await;
        assert_eq!(wrong.status, StatusCode::FORBIDDEN);
        let cross = post("/logout", Some(&secret), &[("csrf", &token)]).insert_header(("sec-fetch-site", "cross-site"));
        assert_eq!(fetch(&app, cross).await.status, StatusCode::FORBIDDEN);
        let old_browser = test_post_with_origin("/logout", &secret, &token, "https://evil.example");
        assert_eq!(fetch(&app, old_browser).await.status, StatusCode::FORBIDDEN);
        assert_eq!(fetch(&app, get("/", Some(&secret))).await.status, StatusCode::OK, "nothing was changed");
        let cross_login = post("/login", None, &[("email", &ctx.member.email), ("password", PASSWORD)])
            .insert_header(("sec-fetch-site", "cross-site"));
        assert_eq!(fetch(&app, cross_login).await.status, StatusCode::FORBIDDEN, "no login CSRF");

        let out = fetch(&app, post("/logout", Some(&secret), &[("csrf", &token)])).await;
        assert_eq!((out.status, out.location()), (StatusCode::SEE_OTHER, "/login"));
        assert_eq!(out.session_cookie().as_deref(), Some(""), "the cookie is cleared");
        let after = fetch(&app, get("/", Some(&secret))).await;
        assert_eq!((after.status, after.location()), (StatusCode::SEE_OTHER, "/login"), "the session is gone");
    })
    .await;
}

fn test_post_with_origin(path: &str, secret: &str, token: &str, origin: &str) -> actix_web::test::TestRequest {
    actix_web::test::TestRequest::post()
        .uri(path)
        .peer_addr("127.0.0.1:40000".parse().unwrap())
        .insert_header((header::ORIGIN, origin))
        .insert_header((header::COOKIE, format!("rota_session={secret}")))
        .set_form(vec![("csrf".to_string(), token.to_string())])
}

#[actix_web::test]
async fn sessions_end_when_idle_past_their_lifetime_and_on_a_password_change() {
    each_backend(|ctx| async move {
        let (state, clock) = state_before_march(&ctx);
        let app = init_service(build_app(state)).await;
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        // Used every 11 hours it lives on; 12 idle hours end it, and it comes back here.
        for _ in 0..3 {
            clock.advance(Duration::hours(11));
            assert_eq!(fetch(&app, get("/", Some(&secret))).await.status, StatusCode::OK);
        }
        clock.advance(Duration::hours(12));
        let idle = fetch(&app, get("/?from=idle", Some(&secret))).await;
        assert_eq!((idle.status, idle.location()), (StatusCode::SEE_OTHER, "/login?next=/%3Ffrom%3Didle"));

        // Busy, but past fourteen days.
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        for _ in 0..31 {
            clock.advance(Duration::hours(11));
            let _ = fetch(&app, get("/", Some(&secret))).await;
        }
        assert_eq!(fetch(&app, get("/", Some(&secret))).await.status, StatusCode::SEE_OTHER, "over its lifetime");

        // A password change through the API ends every session of the person.
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let bearer = ctx.member.token.clone();
        let changed = send(
            &app,
            request("POST", "/api/me/password", Some(&bearer))
                .set_json(json!({"current_password": PASSWORD, "new_password": "a much longer new passphrase"})),
        )
        .await;
        assert!(changed.status.is_success(), "{}", changed.body);
        assert_eq!(fetch(&app, get("/", Some(&secret))).await.status, StatusCode::SEE_OTHER);
    })
    .await;
}

#[actix_web::test]
async fn static_files_are_cached_by_content_and_unknown_pages_are_html_404s() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let login = fetch(&app, get("/login", None)).await;
        let href = login.html.split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert!(href.starts_with("/static/rota.css?v="), "{href}");
        let css = fetch(&app, get(&href, None)).await;
        assert_eq!(css.status, StatusCode::OK);
        assert_eq!(css.headers.get(header::CONTENT_TYPE).unwrap(), "text/css; charset=utf-8");
        assert!(css.headers.get(header::CACHE_CONTROL).unwrap().to_str().unwrap().contains("immutable"));
        let etag = css.headers.get(header::ETAG).unwrap().to_str().unwrap().to_string();
        let again = fetch(&app, get(&href, None).insert_header((header::IF_NONE_MATCH, etag))).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert_eq!(fetch(&app, get("/static/nope.css", None)).await.status, StatusCode::NOT_FOUND);

        let page = fetch(&app, get("/no/such/page", None)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
        let api = send(&app, request("GET", "/api/no-such-thing", None)).await;
        assert_eq!(api.error_code(), "route_not_found", "the API stays JSON");
    })
    .await;
}

#[actix_web::test]
async fn my_shifts_show_a_week_and_a_month_in_my_zone_or_the_desks() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let app = init_service(build_app(state)).await;
        let desk = send(
            &app,
            request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(json!({
                "name": "EN", "time_zone": "Europe/Warsaw", "teams": [ctx.team_a],
                "shift_types": [{"id": "day", "name": "Day"}],
                "templates": [{"name": "Day", "shift_type": "day", "start": "08:00", "end": "16:00",
                    "time_zone": "Europe/Warsaw", "weekdays": [1, 2, 3, 4, 5], "min_headcount": 0, "target_headcount": 1}],
            })),
        )
        .await;
        let desk_id = desk.body["id"].as_str().unwrap();
        let roster = send(
            &app,
            request("POST", &format!("/api/desks/{desk_id}/rosters"), Some(&ctx.manager.token))
                .set_json(json!({"from": "2026-03-23", "to": "2026-04-05"})),
        )
        .await;
        let roster_id = roster.body["id"].as_str().unwrap().to_string();
        let shift = |date: &str| {
            roster.body["shifts"].as_array().unwrap().iter().find(|s| s["local_date"] == date).unwrap()["id"].clone()
        };
        // Tuesday before the change (UTC+1) and Tuesday after it (UTC+2).
        let changes = json!([{"shift_id": shift("2026-03-24"), "add": ctx.member.id}, {"shift_id": shift("2026-03-31"), "add": ctx.member.id}]);
        let edited = send(
            &app,
            request("PATCH", &format!("/api/rosters/{roster_id}/assignments"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, "*"))
                .set_json(json!({"changes": changes})),
        )
        .await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{roster_id}/publish"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, "*")),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        // The member works from New York now: the desk's 08:00 is 03:00 or 02:00 there.
        let me = send(&app, request("GET", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))).await;
        let moved = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, me.etag()))
                .set_json(json!({"time_zone": "America/New_York"})),
        )
        .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);

        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let week = fetch(&app, get("/shifts?from=2026-03-25", Some(&secret))).await;
        assert_eq!(week.status, StatusCode::OK, "{}", week.html);
        assert!(week.html.contains("Week of 23 Mar 2026") && week.html.contains("1 shift<"), "{}", week.html);
        assert!(week.html.contains("03:00–11:00") && week.html.contains("America/New_York, UTC−4"), "{}", week.html);
        let month = fetch(&app, get("/shifts?from=2026-03-25&view=month", Some(&secret))).await;
        assert!(month.html.contains("March 2026") && month.html.contains("2 shifts"), "{}", month.html);
        assert!(month.html.contains("02:00–10:00"), "after Europe's change the desk starts an hour earlier in New York");
        let desk_view = fetch(&app, get("/shifts?from=2026-03-30&zone=desk", Some(&secret))).await;
        assert!(desk_view.html.contains("08:00–16:00") && desk_view.html.contains("Europe/Warsaw, UTC+2"), "{}", desk_view.html);
        let bad = fetch(&app, get("/shifts?from=31.03.2026", Some(&secret))).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.html.contains("a date is YYYY-MM-DD"), "{}", bad.html);
    })
    .await;
}

#[actix_web::test]
async fn time_off_is_asked_for_once_per_form_with_errors_next_to_the_fields_and_cancelled() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let page = fetch(&app, get("/time-off", Some(&secret))).await;
        assert_eq!(page.status, StatusCode::OK);
        let token = page.csrf();
        let form_id =
            page.html.split("name=\"form_id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();

        let reversed = [
            ("csrf", token.as_str()),
            ("form_id", &form_id),
            ("from", "2027-05-12"),
            ("to", "2027-05-10"),
            ("reason", "vacation"),
            ("note", "Lisbon"),
        ];
        let refused = fetch(&app, post("/time-off", Some(&secret), &reversed)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.html);
        let next_to_to =
            refused.html.split("id=\"to-error\">").nth(1).map(|s| s.split('<').next().unwrap().to_string());
        assert!(next_to_to.is_some_and(|m| !m.is_empty()), "the message sits next to the last day: {}", refused.html);
        assert!(
            refused.html.contains("value=\"2027-05-12\"") && refused.html.contains(">Lisbon</textarea>"),
            "input kept"
        );
        let garbled = [
            ("csrf", token.as_str()),
            ("form_id", &form_id),
            ("from", "12.05.2027"),
            ("to", "2027-05-12"),
            ("reason", "vacation"),
        ];
        let garbled = fetch(&app, post("/time-off", Some(&secret), &garbled)).await;
        assert!(garbled.html.contains("id=\"from-error\">a date is YYYY-MM-DD<"), "{}", garbled.html);

        let good = [
            ("csrf", token.as_str()),
            ("form_id", &form_id),
            ("from", "2027-05-10"),
            ("to", "2027-05-12"),
            ("reason", "vacation"),
            ("note", "Lisbon"),
        ];
        let sent = fetch(&app, post("/time-off", Some(&secret), &good)).await;
        assert_eq!((sent.status, sent.location()), (StatusCode::SEE_OTHER, "/time-off?requested=1"), "{}", sent.html);
        let twice = fetch(&app, post("/time-off", Some(&secret), &good)).await;
        assert_eq!(
            (twice.status, twice.location()),
            (StatusCode::SEE_OTHER, "/time-off?requested=1"),
            "a double click"
        );
        let listed =
            send(&app, request("GET", &format!("/api/people/{}/time-off", ctx.member.id), Some(&ctx.member.token)))
                .await;
        let items = listed.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "one request for two posts of one form: {}", listed.body);
        let id = items[0]["id"].as_str().unwrap().to_string();

        let shown = fetch(&app, get("/time-off?requested=1", Some(&secret))).await;
        assert!(
            shown.html.contains("Your request is in.") && shown.html.contains("Mon 10 May – Wed 12 May 2027"),
            "{}",
            shown.html
        );
        assert!(shown.html.contains("state-pending"));
        let other_form =
            shown.html.split("name=\"form_id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert_ne!(other_form, form_id, "every form shown gets its own id");
        let overlap = [
            ("csrf", token.as_str()),
            ("form_id", &other_form),
            ("from", "2027-05-11"),
            ("to", "2027-05-11"),
            ("reason", "other"),
        ];
        let overlap = fetch(&app, post("/time-off", Some(&secret), &overlap)).await;
        assert_eq!(overlap.status, StatusCode::CONFLICT);
        assert!(overlap.html.contains("id=\"from-error\">this overlaps pending time off"), "{}", overlap.html);

        let no_token = fetch(&app, post(&format!("/time-off/{id}/cancel"), Some(&secret), &[])).await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        let cancelled = fetch(&app, post(&format!("/time-off/{id}/cancel"), Some(&secret), &[("csrf", &token)])).await;
        assert_eq!((cancelled.status, cancelled.location()), (StatusCode::SEE_OTHER, "/time-off"));
        let after = send(&app, request("GET", &format!("/api/time-off/{id}"), Some(&ctx.member.token))).await;
        assert_eq!(after.body["status"], "cancelled");
    })
    .await;
}

#[actix_web::test]
async fn notifications_are_listed_newest_first_and_marked_read_one_or_all() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        // The member asks twice; the manager approves both: two notifications for the member.
        for (from, to) in [("2027-06-01", "2027-06-02"), ("2027-07-01", "2027-07-01")] {
            let approved = common::rosters::approved_leave(&app, &ctx, &ctx.member, from, to).await;
            assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
        }
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let page = fetch(&app, get("/notifications", Some(&secret))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.html.contains("Mark all 2 read"), "{}", page.html);
        let first = page.html.find("2027-07-01").unwrap();
        let second = page.html.find("2027-06-01").unwrap();
        assert!(first < second, "newest first");
        let token = page.csrf();
        let id = page.html.split("action=\"/notifications/").nth(2).unwrap().split('/').next().unwrap().to_string();
        let one = fetch(&app, post(&format!("/notifications/{id}/read"), Some(&secret), &[("csrf", &token)])).await;
        assert_eq!((one.status, one.location()), (StatusCode::SEE_OTHER, "/notifications"));
        let after_one = fetch(&app, get("/notifications", Some(&secret))).await;
        assert!(after_one.html.contains("Mark all 1 read"), "{}", after_one.html);
        let forged = fetch(&app, post("/notifications/read-all", Some(&secret), &[("csrf", "nope")])).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        fetch(&app, post("/notifications/read-all", Some(&secret), &[("csrf", &token)])).await;
        let done = fetch(&app, get("/notifications", Some(&secret))).await;
        assert!(!done.html.contains("Mark all") && !done.html.contains("class=\"badge\""), "{}", done.html);
        // Someone else's notification is nobody's business: not found.
        let other = sign_in(&app, &ctx.target.email, PASSWORD).await;
        let other_token = fetch(&app, get("/", Some(&other))).await.csrf();
        let theirs =
            fetch(&app, post(&format!("/notifications/{id}/read"), Some(&other), &[("csrf", &other_token)])).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[actix_web::test]
async fn deactivation_ends_page_sessions_and_a_post_after_the_session_ended_returns_to_its_form() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let page = fetch(&app, get("/time-off", Some(&secret))).await;
        let csrf = page.csrf();
        let me = send(&app, request("GET", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))).await;
        let off = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, me.etag()))
                .set_json(json!({"active": false})),
        )
        .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.body);
        let form = post("/time-off", Some(&secret), &[("csrf", &csrf), ("from", "2026-05-04"), ("to", "2026-05-05")])
            .insert_header((header::REFERER, "http://localhost:8080/time-off?requested=1"));
        let ended = fetch(&app, form).await;
        assert_eq!(
            (ended.status, ended.location()),
            (StatusCode::SEE_OTHER, "/login?next=/time-off%3Frequested%3D1"),
            "back to the page of the form after signing in"
        );
        let from_elsewhere = post("/time-off", Some(&secret), &[("csrf", &csrf)])
            .insert_header((header::REFERER, "https://evil.example//evil.example/x"));
        assert_eq!(fetch(&app, from_elsewhere).await.location(), "/login", "only a path of this site");
        assert_eq!(fetch(&app, get("/", Some(&secret))).await.status, StatusCode::SEE_OTHER);
        let again = fetch(&app, post("/login", None, &[("email", &ctx.member.email), ("password", PASSWORD)])).await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED, "a deactivated person cannot sign in: {}", again.html);
    })
    .await;
}
