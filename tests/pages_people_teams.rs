//! People and teams pages through the real app: a person's form offers what the caller
//! may change and puts the API's message beside the field; teams are searched with
//! folded text, renamed, and seats given and taken away as the API allows.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;

/// The value of the first input called `name` on the page.
fn value(html: &str, name: &str) -> String {
    let input = html.split(&format!("name=\"{name}\"")).nth(1).unwrap();
    input.split("value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

/// The person form's fields as the page shows them, with `changes` over them.
fn person_fields(html: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        "csrf",
        "version",
        "name",
        "email",
        "time_zone",
        "holiday_region",
        "languages",
        "max_hours",
        "rest_hours",
        "max_days",
        "max_nights",
        "earliest",
        "latest",
    ]
    .iter()
    .map(|n| (n.to_string(), value(html, n)))
    .collect();
    fields.push(("tier".into(), "L1".into()));
    fields.push(("chat".into(), "on".into()));
    for (k, v) in changes {
        fields.retain(|(key, _)| key != k);
        fields.push((k.to_string(), v.to_string()));
    }
    fields
}

fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[actix_web::test]
async fn a_manager_edits_a_person_with_the_api_messages_beside_the_fields() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let path = format!("/people/{}", ctx.member.id);
        let list = fetch(&app, get("/people?q=piotr", Some(&manager))).await;
        assert!(list.html.contains(&format!("<a href=\"{path}\">Piotr Member</a>")), "{}", list.html);
        let page = fetch(&app, get(&path, Some(&manager))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(
            page.html.contains("name=\"email\"")
                && page.html.contains("name=\"max_hours\" type=\"number\" value=\"40\""),
            "{}",
            page.html
        );
        assert!(!page.html.contains("name=\"role\""), "roles are an admin's call");
        assert!(page.html.contains("Warsaw Support</a> (member)"), "{}", page.html);

        let bad = person_fields(&page.html, &[("languages", "en, not a tag")]);
        let refused = fetch(&app, post(&path, Some(&manager), &refs(&bad))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.html);
        assert!(refused.html.contains("id=\"person-languages-error\">"), "{}", refused.html);
        assert!(refused.html.contains("value=\"en, not a tag\""), "the input is kept");
        let api = send(&app, request("GET", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))).await;
        assert_eq!(api.body["version"], 1, "nothing written");

        let good =
            person_fields(&page.html, &[("max_hours", "32"), ("languages", "en, pl, de"), ("name", "Piotr Kowal")]);
        let saved = fetch(&app, post(&path, Some(&manager), &refs(&good))).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
        let api = send(&app, request("GET", &format!("/api/people/{}", ctx.member.id), Some(&ctx.admin.token))).await;
        assert_eq!(api.body["contract"]["max_minutes_per_week"], 1920);
        assert_eq!(
            api.body["skills"]["languages"],
            serde_json::json!(["de", "en", "pl"]),
            "sorted as the API stores them"
        );
        assert_eq!(api.body["skills"]["channels"], serde_json::json!(["chat"]));
        assert_eq!(api.body["name"], "Piotr Kowal");

        let stale = fetch(&app, post(&path, Some(&manager), &refs(&good))).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.html);
        assert!(stale.html.contains("someone changed this person since you opened the page"));

        // 37¾ h a week shows as 37.8; saving the form untouched keeps 2265 minutes.
        let uri = format!("/api/people/{}", ctx.member.id);
        let before = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        let mut contract = before.body["contract"].clone();
        contract["max_minutes_per_week"] = serde_json::json!(2265);
        let set = send(
            &app,
            request("PATCH", &uri, Some(&ctx.admin.token))
                .insert_header((actix_web::http::header::IF_MATCH, before.etag()))
                .set_json(serde_json::json!({ "contract": contract })),
        )
        .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        let page = fetch(&app, get(&path, Some(&manager))).await;
        assert!(page.html.contains("name=\"max_hours\" type=\"number\" value=\"37.8\""), "{}", page.html);
        let renamed =
            fetch(&app, post(&path, Some(&manager), &refs(&person_fields(&page.html, &[("name", "Piotr K.")])))).await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.html);
        let after = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        assert_eq!(
            (after.body["name"].as_str(), after.body["contract"]["max_minutes_per_week"].as_i64()),
            (Some("Piotr K."), Some(2265))
        );

        // Themselves: name and zone only; the admin: role and active too.
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let own = fetch(&app, get(&path, Some(&member))).await;
        assert!(own.html.contains("name=\"time_zone\"") && !own.html.contains("name=\"email\""), "{}", own.html);
        let admin = sign_in(&app, &ctx.admin.email, PASSWORD).await;
        let as_admin = fetch(&app, get(&path, Some(&admin))).await;
        assert!(as_admin.html.contains("name=\"role\"") && as_admin.html.contains("name=\"active\""));
        let outsider = sign_in(&app, &ctx.other_member.email, PASSWORD).await;
        let api =
            send(&app, request("GET", &format!("/api/people/{}", ctx.member.id), Some(&ctx.other_member.token))).await;
        assert_eq!(fetch(&app, get(&path, Some(&outsider))).await.status, api.status, "as the API answers");
    })
    .await;
}

#[actix_web::test]
async fn teams_are_searched_renamed_and_seated_as_the_api_allows() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let found = fetch(&app, get("/teams?q=WARSAW", Some(&manager))).await;
        assert!(
            found.html.contains(&format!("<a href=\"/teams/{}\">Warsaw Support</a>", ctx.team_a)),
            "{}",
            found.html
        );
        let none = fetch(&app, get("/teams?q=zzz", Some(&manager))).await;
        assert!(none.html.contains("No team matches “zzz”."), "{}", none.html);
        let api = send(&app, request("GET", "/api/teams?q=warsaw", Some(&ctx.admin.token))).await;
        assert_eq!(api.body["items"].as_array().unwrap().len(), 1, "{}", api.body);

        let path = format!("/teams/{}", ctx.team_a);
        let page = fetch(&app, get(&path, Some(&manager))).await;
        assert!(page.html.contains("Anna Manager</a></td>"), "{}", page.html);
        let (csrf, version) = (page.csrf(), value(&page.html, "version"));
        let empty = fetch(
            &app,
            post(&path, Some(&manager), &[("csrf", &csrf), ("version", &version), ("name", " "), ("description", "")]),
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(empty.html.contains("id=\"team-name-error\">"), "{}", empty.html);
        assert_eq!(value(&empty.html, "version"), version, "a refused form keeps the version it was read at");
        let renamed = fetch(
            &app,
            post(
                &path,
                Some(&manager),
                &[("csrf", &csrf), ("version", &version), ("name", "Warsaw Support Desk"), ("description", "EN/DE")],
            ),
        )
        .await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER, "{}", renamed.html);
        let page = fetch(&app, get(renamed.location(), Some(&manager))).await;
        assert!(page.html.contains("<h1>Warsaw Support Desk</h1>") && page.html.contains("Saved."));
        let version = value(&page.html, "version");
        let seats = format!("{path}/seats");

        // A manager takes a member out; a manager seat is an admin's call.
        let promoted = fetch(
            &app,
            post(
                &seats,
                Some(&manager),
                &[("csrf", &csrf), ("version", &version), ("person", &ctx.target.id), ("seat", "manager")],
            ),
        )
        .await;
        assert_eq!(promoted.status, StatusCode::FORBIDDEN);
        assert!(promoted.html.contains("an admin&#39;s call"), "{}", promoted.html);
        let out = fetch(
            &app,
            post(
                &seats,
                Some(&manager),
                &[("csrf", &csrf), ("version", &version), ("person", &ctx.target.id), ("seat", "remove")],
            ),
        )
        .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.html);
        let team = send(&app, request("GET", &format!("/api/teams/{}", ctx.team_a), Some(&ctx.admin.token))).await;
        assert!(!team.body.to_string().contains(&ctx.target.id), "{}", team.body);

        // The admin seats Olga from the other team; an old page is told it is stale.
        let admin = sign_in(&app, &ctx.admin.email, PASSWORD).await;
        let page = fetch(&app, get(&path, Some(&admin))).await;
        assert!(
            page.html.contains(&format!("<option value=\"{}\">Olga Othermember", ctx.other_member.id)),
            "{}",
            page.html
        );
        let token = page.csrf();
        let fresh = value(&page.html, "version");
        let seated = fetch(
            &app,
            post(
                &seats,
                Some(&admin),
                &[("csrf", &token), ("version", &fresh), ("person", &ctx.other_member.id), ("seat", "member")],
            ),
        )
        .await;
        assert_eq!(seated.location(), format!("{path}?saved=seat"));
        let stale = fetch(
            &app,
            post(
                &seats,
                Some(&admin),
                &[("csrf", &token), ("version", &fresh), ("person", &ctx.member.id), ("seat", "remove")],
            ),
        )
        .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(stale.html.contains("someone changed the team since you opened it"));
        assert!(stale.html.contains("Olga Othermember</a></td>"), "the team as it is now");
    })
    .await;
}
