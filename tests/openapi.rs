//! The OpenAPI document and the app describe the same API: every registered
//! route is documented, every documented route is served, and the document
//! says what a client needs (errors, authentication).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::{each_backend, request, send};
use rota::http::api::openapi::ApiDoc;
use rota::http::build_app;
use serde_json::Value;
use utoipa::OpenApi;

const HTTP_METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// Routes that answer everyone and so document no client error.
const PUBLIC_WITHOUT_ERRORS: [&str; 3] = ["/healthz", "/readyz", "/api/openapi.json"];

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).expect("serialise the document")
}

/// Every (METHOD, path) of the document, in document order, with its operation.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let paths = doc["paths"].as_object().expect("`paths` is an object");
    let mut found = Vec::new();
    for (path, item) in paths {
        for method in HTTP_METHODS {
            if let Some(operation) = item.get(method) {
                found.push((method.to_uppercase(), path.clone(), operation.clone()));
            }
        }
    }
    found
}

fn rust_files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files_under(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// An actix route attribute found in the source.
#[derive(Debug)]
struct RouteAttribute {
    method: String,
    path: String,
    at: String,
}

/// Scans `src/http` (but its pages, `src/http/web`) for `#[get("…")]`-style attributes, failing on any way of
/// registering a route that this scan would not see.
fn route_attributes() -> Vec<RouteAttribute> {
    let api_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("http");
    let mut files = Vec::new();
    rust_files_under(&api_dir, &mut files);
    // The pages are not API: tests/page_matrix.rs holds every route of src/http/web.
    files.retain(|file| !file.starts_with(api_dir.join("web")));
    assert!(!files.is_empty(), "no sources under {}", api_dir.display());
    let mut attributes = Vec::new();
    let mut escapes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        let name = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&file).display().to_string();
        for (number, line) in text.lines().enumerate() {
            let at = format!("{name}:{}", number + 1);
            for forbidden in [".route(", "web::resource(", "web::scope(", "#[route(", "::route("] {
                if line.contains(forbidden) {
                    escapes.push(format!(
                        "{at}: `{forbidden}` registers a route the OpenAPI check cannot see: {}",
                        line.trim()
                    ));
                }
            }
        }
        for method in HTTP_METHODS {
            for prefix in ["#[", "#[actix_web::"] {
                let needle = format!("{prefix}{method}(");
                let mut rest = text.as_str();
                while let Some(start) = rest.find(&needle) {
                    let offset = text.len() - rest.len() + start;
                    let line_number = text[..offset].matches('\n').count() + 1;
                    let at = format!("{name}:{line_number}");
                    let after = rest[start + needle.len()..].trim_start();
                    let literal = after
                        .strip_prefix('"')
                        .and_then(|s| s.split_once('"'))
                        .map(|(path, _)| path.to_string())
                        .unwrap_or_else(|| panic!("{at}: `{needle}` without a string literal path"));
                    attributes.push(RouteAttribute { method: method.to_uppercase(), path: literal, at });
                    rest = &rest[start + needle.len()..];
                }
            }
        }
    }
    assert!(escapes.is_empty(), "{}", escapes.join("\n"));
    attributes
}

#[test]
fn every_registered_route_is_documented() {
    let doc = document();
    let documented: BTreeSet<(String, String)> = operations(&doc).into_iter().map(|(m, p, _)| (m, p)).collect();
    let attributes = route_attributes();
    let undocumented: Vec<String> = attributes
        .iter()
        .filter(|a| !documented.contains(&(a.method.clone(), a.path.clone())))
        .map(|a| format!("{} {} ({})", a.method, a.path, a.at))
        .collect();
    assert!(undocumented.is_empty(), "routes missing from ApiDoc: {undocumented:#?}");
    assert_eq!(
        documented.len(),
        attributes.len(),
        "the document has {} routes but src/http has {} route attributes: {attributes:#?}",
        documented.len(),
        attributes.len()
    );
}

#[actix_web::test]
async fn every_documented_route_is_served() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let unrouted = send(&app, request("GET", "/api/nowhere", Some(&ctx.admin.token))).await;
        assert_eq!((unrouted.status, unrouted.error_code()), (StatusCode::NOT_FOUND, "route_not_found"));
        let wrong_method = send(&app, request("DELETE", "/healthz", Some(&ctx.admin.token))).await;
        assert_eq!(
            wrong_method.error_code(),
            "route_not_found",
            "a documented path with an undocumented method is not routed"
        );
        let doc = document();
        for (method, template, _) in operations(&doc) {
            let uri: String = template
                .split('/')
                .map(|segment| {
                    if segment.starts_with('{') && segment.ends_with('}') {
                        uuid::Uuid::new_v4().to_string()
                    } else {
                        segment.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            if template.starts_with("/feeds/") {
                // The calendar feeds answer text, not JSON: an unknown token is their 404.
                let req = actix_web::test::TestRequest::default()
                    .method(actix_web::http::Method::from_bytes(method.as_bytes()).unwrap())
                    .uri(&format!("/feeds/{}.ics", uuid::Uuid::new_v4().simple()));
                let response = actix_web::test::call_service(&app, req.to_request()).await;
                assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {template}");
                let text = actix_web::test::read_body(response).await;
                assert!(method == "HEAD" || text == "no such feed\n", "{method} {template}: {text:?}");
                continue;
            }
            let reply = send(&app, request(&method, &uri, Some(&ctx.admin.token))).await;
            assert_ne!(
                reply.error_code(),
                "route_not_found",
                "{method} {template} (called as {uri}) is documented but the app does not serve it"
            );
        }
    })
    .await;
}

#[test]
fn the_document_is_openapi_3_1_and_documents_errors_and_authentication() {
    let doc = document();
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3.1"), "OpenAPI version {version:?}");
    let schemes = doc["components"]["securitySchemes"].as_object().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    for (method, path, operation) in operations(&doc) {
        let responses: Vec<&String> =
            operation["responses"].as_object().map(|r| r.keys().collect()).unwrap_or_default();
        if !PUBLIC_WITHOUT_ERRORS.contains(&path.as_str()) && !responses.iter().any(|code| code.starts_with('4')) {
            problems.push(format!("{method} {path} documents no 4xx response"));
        }
        let security = operation.get("security").or_else(|| doc.get("security"));
        let requirements = security.and_then(Value::as_array).cloned().unwrap_or_default();
        let needs_token = requirements.iter().any(|r| r.as_object().is_some_and(|r| !r.is_empty()));
        if needs_token && !responses.iter().any(|code| *code == "401") {
            problems.push(format!("{method} {path} has a security requirement but documents no 401"));
        }
        for requirement in &requirements {
            for scheme in requirement.as_object().map(|r| r.keys().collect::<Vec<_>>()).unwrap_or_default() {
                if !schemes.contains_key(scheme) {
                    problems.push(format!(
                        "{method} {path} needs security scheme {scheme:?}, which components does not define"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[actix_web::test]
async fn the_served_document_is_api_doc() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let served = send(&app, request("GET", "/api/openapi.json", None)).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.body, document());
    })
    .await;
}

#[test]
fn the_document_matches_the_snapshot() {
    insta::assert_json_snapshot!("openapi", ApiDoc::openapi());
}
