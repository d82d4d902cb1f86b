//! The template editor through the real app: a fieldset per template with weekdays as
//! checkboxes and skill rows, rows added and removed by buttons without storing
//! anything, the service's message beside the field, a stale form told, and a save
//! that keeps the templates' ids.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::rosters::en_desk;
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;

/// The form's fields as a browser would post them: inputs with their values, checked
/// boxes, selected options (a small reader for our own markup).
fn form_fields(html: &str) -> Vec<(String, String)> {
    let form = &html[html.find("class=\"templates-form\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let attr = |tag: &str, name: &str| {
        tag.split(&format!(" {name}=\"")).nth(1).and_then(|rest| rest.split('"').next()).map(str::to_string)
    };
    let mut fields = Vec::new();
    let mut select: Option<String> = None;
    for piece in form.split('<').skip(1) {
        let tag = piece.split('>').next().unwrap_or_default();
        if tag.starts_with("input") {
            let (Some(name), value) = (attr(tag, "name"), attr(tag, "value").unwrap_or_default()) else { continue };
            if tag.contains("type=\"checkbox\"") && !tag.contains(" checked") {
                continue;
            }
            fields.push((name, value));
        } else if tag.starts_with("select") {
            select = attr(tag, "name");
        } else if tag.starts_with("option") && tag.contains(" selected") {
            if let (Some(name), Some(value)) = (select.clone(), attr(tag, "value")) {
                fields.push((name, value));
            }
        } else if tag.starts_with("/select") {
            select = None;
        }
    }
    fields
}

fn with(fields: &[(String, String)], changes: &[(&str, Option<&str>)], action: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        fields.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).cloned().collect();
    for (key, value) in changes {
        if let Some(value) = value {
            out.push((key.to_string(), value.to_string()));
        }
    }
    out.push(("action".into(), action.into()));
    out
}

fn as_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[actix_web::test]
async fn a_manager_edits_templates_as_a_form_with_messages_beside_the_fields() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let desk =
            send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(en_desk(&ctx.team_a))).await;
        let id = desk.body["id"].as_str().unwrap().to_string();
        let ids: Vec<String> =
            desk.body["templates"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect();
        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let path = format!("/desks/{id}/templates");

        let desk_page = fetch(&app, get(&format!("/desks/{id}"), Some(&manager))).await;
        assert!(desk_page.html.contains(&format!("<a href=\"{path}\">Edit templates</a>")), "{}", desk_page.html);
        let editor = fetch(&app, get(&path, Some(&manager))).await;
        assert_eq!(editor.status, StatusCode::OK, "{}", editor.html);
        assert_eq!(editor.html.matches("<fieldset class=\"card template\">").count(), 3);
        assert!(editor.html.contains("name=\"t0.weekday\" value=\"1\" checked> Mon"), "{}", editor.html);
        assert!(editor.html.contains("name=\"t0.weekday\" value=\"6\"> Sat"), "{}", editor.html);
        assert!(!editor.html.contains("<textarea"), "no JSON to type");
        let fields = form_fields(&editor.html);

        // Buttons change the form, not the desk.
        let added = fetch(&app, post(&path, Some(&manager), &as_refs(&with(&fields, &[], "add-template")))).await;
        assert_eq!(added.status, StatusCode::OK);
        assert_eq!(added.html.matches("<fieldset class=\"card template\">").count(), 4);
        assert!(added.html.contains("<legend>New template</legend>"));
        let row = fetch(&app, post(&path, Some(&manager), &as_refs(&with(&fields, &[], "add-minimum:2")))).await;
        assert!(row.html.contains("name=\"t2.minimums.0.kind\""), "{}", row.html);
        let with_row = form_fields(&row.html);
        let removed =
            fetch(&app, post(&path, Some(&manager), &as_refs(&with(&with_row, &[], "remove-minimum:2:0")))).await;
        assert!(!removed.html.contains("name=\"t2.minimums.0.kind\""));
        let gone = fetch(&app, post(&path, Some(&manager), &as_refs(&with(&fields, &[], "remove-template:1")))).await;
        assert_eq!(gone.html.matches("<fieldset class=\"card template\">").count(), 2);
        let stored = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.manager.token))).await;
        assert_eq!(stored.body["templates"].as_array().unwrap().len(), 3, "nothing stored yet");

        // No weekday ticked and a German minimum of "lots": the first wrong field is
        // named beside itself, with the API's words; nothing stored.
        let no_days: Vec<(String, String)> = fields.iter().filter(|(k, _)| k != "t0.weekday").cloned().collect();
        let refused = fetch(&app, post(&path, Some(&manager), &as_refs(&with(&no_days, &[], "save")))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.html);
        assert!(refused.html.contains("Not saved: template 1 has a mistake"), "{}", refused.html);
        let weekdays = &refused.html[refused.html.find("<fieldset class=\"weekdays invalid\">").unwrap()..];
        assert!(weekdays[..weekdays.find("</fieldset>").unwrap()].contains("list at least one weekday"), "{weekdays}");
        let lots = with(
            &fields,
            &[
                ("t2.minimums.0.kind", Some("language")),
                ("t2.minimums.0.value", Some("de")),
                ("t2.minimums.0.min", Some("0")),
            ],
            "save",
        );
        let refused = fetch(&app, post(&path, Some(&manager), &as_refs(&lots))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.html);
        assert!(
            refused.html.contains("id=\"t2-minimums-0-min-error\">a minimum is at least 1</p>"),
            "{}",
            refused.html
        );
        assert!(refused.html.contains("value=\"de\""), "the input is kept");
        let after = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.manager.token))).await;
        assert_eq!(after.body["version"], stored.body["version"]);

        // Saved: the night renamed, a German minimum on the evening; the ids stay.
        let good = with(
            &fields,
            &[
                ("t1.name", Some("Overnight")),
                ("t2.minimums.0.kind", Some("language")),
                ("t2.minimums.0.value", Some("de")),
                ("t2.minimums.0.min", Some("1")),
            ],
            "save",
        );
        let saved = fetch(&app, post(&path, Some(&manager), &as_refs(&good))).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
        assert_eq!(saved.location(), format!("/desks/{id}?templates=saved"));
        let shown = fetch(&app, get(saved.location(), Some(&manager))).await;
        assert!(shown.html.contains("Templates saved"), "{}", shown.html);
        let now = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.manager.token))).await;
        let templates = now.body["templates"].as_array().unwrap();
        let now_ids: Vec<&str> = templates.iter().map(|t| t["id"].as_str().unwrap()).collect();
        assert_eq!(now_ids, ids.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(templates[1]["name"], "Overnight");
        assert_eq!(templates[2]["skill_minimums"], serde_json::json!([{"language": "de", "min": 1}]));

        // The old form again: someone saved since. Told, nothing written, and what was
        // typed is kept; saving it once more (now knowingly) replaces theirs.
        let stale = fetch(&app, post(&path, Some(&manager), &as_refs(&with(&fields, &[], "save")))).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.html);
        assert!(stale.html.contains("someone changed this desk since you opened the editor"));
        assert!(stale.html.contains("name=\"t1.name\" type=\"text\" value=\"Night\""), "{}", stale.html);
        let unchanged = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.manager.token))).await;
        assert_eq!(unchanged.body["templates"][1]["name"], "Overnight");
        let again =
            fetch(&app, post(&path, Some(&manager), &as_refs(&with(&form_fields(&stale.html), &[], "save")))).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.html);

        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        assert_eq!(fetch(&app, get(&path, Some(&member))).await.status, StatusCode::FORBIDDEN);
    })
    .await;
}
