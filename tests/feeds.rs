//! Calendar feeds through the real app: made, fetched as calendar apps fetch them,
//! kept right across edits (the same UID moves with its shift), never showing a draft,
//! revoked and rotated, and closed to whoever may no longer read what they show.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::feeds::{fetch, make, path_of};
use common::rosters::{member_on_tuesday, state_before_march};
use common::{each_backend, request, send};
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn a_person_feed_follows_publishing_edits_and_revocation() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let (roster, etag) = member_on_tuesday(&app, &ctx, "2026-03-30", "2026-04-12").await;

        let made = make(&app, &ctx.member.token, "person", &ctx.member.id).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let url = made.body["url"].as_str().unwrap();
        assert!(url.len() < 256 && url.ends_with(".ics"), "{url}");
        assert!(made.body["webcal_url"].as_str().unwrap().starts_with("webcal://"), "{}", made.body);
        let path = path_of(&made);

        // A draft never leaks into a feed.
        let draft = fetch(&app, "GET", &path, &[]).await;
        assert_eq!(draft.status, StatusCode::OK, "{}", draft.text);
        assert!(!draft.text.contains("BEGIN:VEVENT"), "{}", draft.text);
        assert_eq!(draft.headers.get(header::CONTENT_TYPE).unwrap(), "text/calendar; charset=utf-8");

        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{roster}/publish"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, etag)),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        // Outlook sends an Authorization header of its own: ignored.
        let feed = fetch(&app, "GET", &path, &[("Authorization", "Basic b3V0bG9vazp4")]).await;
        assert_eq!(feed.status, StatusCode::OK);
        let text = &feed.text;
        assert!(text.contains("\r\nDTSTART:20260331T060000Z\r\nDTEND:20260331T140000Z\r\n"), "{text}");
        assert!(text.contains("\r\nSUMMARY:Day · EN\r\n") && text.contains("\r\nSEQUENCE:1\r\n"), "{text}");
        assert!(text.contains("TRANSP:OPAQUE") && !text.contains("METHOD:"), "{text}");
        let uid = feed.uids().into_iter().find(|u| u.starts_with("rota-person-")).unwrap();
        let tag = feed.etag();
        assert!(tag.starts_with('"') && !tag.starts_with("W/"), "a strong ETag: {tag}");
        let again = fetch(&app, "GET", &path, &[("If-None-Match", &tag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.text.is_empty());
        let modified = feed.headers.get(header::LAST_MODIFIED).unwrap().to_str().unwrap().to_string();
        let since = fetch(&app, "GET", &path, &[("If-Modified-Since", &modified)]).await;
        assert_eq!(since.status, StatusCode::NOT_MODIFIED, "no newer than the app's copy");
        let older = fetch(&app, "GET", &path, &[("If-Modified-Since", "Sun, 01 Feb 2026 00:00:00 GMT")]).await;
        assert_eq!(older.status, StatusCode::OK);
        // HEAD: the same headers (the server itself leaves the body out; tests/cli_serve.rs).
        let head = fetch(&app, "HEAD", &path, &[]).await;
        assert_eq!((head.status, head.etag()), (StatusCode::OK, tag.clone()));
        assert_eq!(head.headers.get(header::CONTENT_TYPE), feed.headers.get(header::CONTENT_TYPE));

        // Piotr's day goes to Tomasz: gone from Piotr's feed, in Tomasz's under the same
        // UID with a higher SEQUENCE.
        let detail = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let shifts = detail.body["shifts"].as_array().unwrap();
        let day = shifts.iter().find(|s| s["template"] == "Day" && s["local_date"] == "2026-03-31").unwrap();
        let edited = send(
            &app,
            request("PATCH", &format!("/api/rosters/{roster}/assignments"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, detail.etag()))
                .set_json(json!({"changes": [{"shift_id": day["id"], "remove": ctx.member.id, "add": ctx.target.id}]})),
        )
        .await;
        assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
        let piotr = fetch(&app, "GET", &path, &[("If-None-Match", &tag)]).await;
        assert_eq!(piotr.status, StatusCode::OK, "the edit changed his feed");
        assert!(!piotr.text.contains("BEGIN:VEVENT"), "{}", piotr.text);
        let theirs = make(&app, &ctx.target.token, "person", &ctx.target.id).await;
        let tomasz = fetch(&app, "GET", &path_of(&theirs), &[]).await;
        assert_eq!(tomasz.uids(), vec![uid.clone()], "{}", tomasz.text);
        assert!(tomasz.text.contains("\r\nSEQUENCE:2\r\n"), "{}", tomasz.text);
        assert!(tomasz.text.contains("On your own"), "{}", tomasz.text);

        // A teammate on the same shift changes Tomasz's feed (not its SEQUENCE).
        let detail = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let added = send(
            &app,
            request("PATCH", &format!("/api/rosters/{roster}/assignments"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, detail.etag()))
                .set_json(json!({"changes": [{"shift_id": day["id"], "add": ctx.member.id}]})),
        )
        .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let with = fetch(&app, "GET", &path_of(&theirs), &[("If-None-Match", &tomasz.etag())]).await;
        assert_eq!(with.status, StatusCode::OK);
        assert!(with.text.contains("With Piotr Member") && with.text.contains("\r\nSEQUENCE:2\r\n"), "{}", with.text);

        // Someone deactivated leaves the team's feed from then on.
        let team_feed = make(&app, &ctx.manager.token, "team", &ctx.team_a).await;
        let team_path = path_of(&team_feed);
        assert!(fetch(&app, "GET", &team_path, &[]).await.text.contains("SUMMARY:Tomasz Target · Day · EN"));
        let person =
            send(&app, request("GET", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))).await;
        let off = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, person.etag()))
                .set_json(json!({"active": false})),
        )
        .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.body);
        let without = fetch(&app, "GET", &team_path, &[]).await;
        assert!(!without.text.contains("Tomasz Target") && without.text.contains("Piotr Member"), "{}", without.text);

        // Listed without the secret; the last fetch and its app are recorded.
        let mut listed = send(&app, request("GET", "/api/feeds", Some(&ctx.member.token))).await;
        for _ in 0..50 {
            if listed.body[0]["last_fetched_at"].is_string() {
                break;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
            listed = send(&app, request("GET", "/api/feeds", Some(&ctx.member.token))).await;
        }
        assert_eq!(listed.body.as_array().unwrap().len(), 1, "{}", listed.body);
        assert!(listed.body[0].get("url").is_none() && !listed.body.to_string().contains(url));
        assert_eq!(listed.body[0]["target_name"], "Piotr Member");
        assert!(listed.body[0]["last_fetched_at"].is_string(), "{}", listed.body);

        // Rotate: the old URL is dead, the new one works; revoke: dead too.
        let id = made.body["id"].as_str().unwrap();
        let rotated = send(&app, request("POST", &format!("/api/feeds/{id}/rotate"), Some(&ctx.member.token))).await;
        assert_eq!(rotated.status, StatusCode::OK, "{}", rotated.body);
        assert_eq!(fetch(&app, "GET", &path, &[]).await.status, StatusCode::NOT_FOUND);
        let new_path = path_of(&rotated);
        assert_eq!(fetch(&app, "GET", &new_path, &[]).await.status, StatusCode::OK);
        let revoked = send(&app, request("DELETE", &format!("/api/feeds/{id}"), Some(&ctx.member.token))).await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT);
        let gone = fetch(&app, "GET", &new_path, &[]).await;
        let unknown = fetch(&app, "GET", "/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", &[]).await;
        assert_eq!((gone.status, gone.text.clone()), (unknown.status, unknown.text), "no hint of which");
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
        let theirs_id = theirs.body["id"].as_str().unwrap();
        let not_mine = send(&app, request("DELETE", &format!("/api/feeds/{theirs_id}"), Some(&ctx.member.token))).await;
        assert_eq!(not_mine.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[actix_web::test]
async fn feeds_are_of_what_their_owner_may_read_now() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let refused = make(&app, &ctx.member.token, "team", &ctx.team_b).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let someone = make(&app, &ctx.member.token, "person", &ctx.target.id).await;
        assert_eq!(someone.status, StatusCode::FORBIDDEN, "a member's person feed is their own");
        let unknown = make(&app, &ctx.member.token, "desk", "no-such-desk").await;
        assert_eq!((unknown.status, unknown.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "target"));
        let wide = send(
            &app,
            request("POST", "/api/feeds", Some(&ctx.member.token))
                .set_json(json!({"kind": "person", "target": ctx.member.id, "days_ahead": 400})),
        )
        .await;
        assert_eq!((wide.status, wide.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "days_ahead"));
        let kind = send(
            &app,
            request("POST", "/api/feeds", Some(&ctx.member.token)).set_json(json!({"kind": "planet", "target": "x"})),
        )
        .await;
        assert_eq!((kind.status, kind.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "kind"));

        // A member who leaves the team stops seeing its feed.
        let team_feed = make(&app, &ctx.member.token, "team", &ctx.team_a).await;
        assert_eq!(team_feed.status, StatusCode::CREATED, "{}", team_feed.body);
        let path = path_of(&team_feed);
        assert_eq!(fetch(&app, "GET", &path, &[]).await.status, StatusCode::OK);
        let team = send(&app, request("GET", &format!("/api/teams/{}", ctx.team_a), Some(&ctx.admin.token))).await;
        let out = send(
            &app,
            request("DELETE", &format!("/api/teams/{}/members/{}", ctx.team_a, ctx.member.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, team.etag())),
        )
        .await;
        assert!(out.status.is_success(), "{}", out.body);
        assert_eq!(fetch(&app, "GET", &path, &[]).await.status, StatusCode::NOT_FOUND);

        // Someone deactivated: their own feed is gone.
        let own = make(&app, &ctx.target.token, "person", &ctx.target.id).await;
        let own_path = path_of(&own);
        assert_eq!(fetch(&app, "GET", &own_path, &[]).await.status, StatusCode::OK);
        let person =
            send(&app, request("GET", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))).await;
        let off = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, person.etag()))
                .set_json(json!({"active": false})),
        )
        .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.body);
        assert_eq!(fetch(&app, "GET", &own_path, &[]).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[actix_web::test]
async fn a_burst_of_calendar_apps_costs_one_render_and_a_change_one_more() {
    each_backend(|ctx| async move {
        let state = state_before_march(&ctx).0;
        let cache = state.feeds.clone();
        let app = init_service(build_app(state)).await;
        let made = make(&app, &ctx.member.token, "person", &ctx.member.id).await;
        let path = path_of(&made);
        let before = cache.renders_made();
        let burst: Vec<_> = (0..16).map(|_| fetch(&app, "GET", &path, &[])).collect();
        let replies = futures_util::future::join_all(burst).await;
        assert!(replies.iter().all(|r| r.status == StatusCode::OK));
        assert!(replies.windows(2).all(|w| w[0].text == w[1].text), "the same bytes to everyone");
        assert_eq!(cache.renders_made() - before, 1, "sixteen fetches, one render");
        // Any recorded change moves the counter: the next fetch renders again, once.
        let team = send(&app, request("GET", &format!("/api/teams/{}", ctx.team_a), Some(&ctx.admin.token))).await;
        let renamed = send(
            &app,
            request("PATCH", &format!("/api/teams/{}", ctx.team_a), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, team.etag()))
                .set_json(json!({"description": "now with a description"})),
        )
        .await;
        assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
        let again: Vec<_> = (0..8).map(|_| fetch(&app, "GET", &path, &[])).collect();
        futures_util::future::join_all(again).await;
        assert_eq!(cache.renders_made() - before, 2);
    })
    .await;
}
