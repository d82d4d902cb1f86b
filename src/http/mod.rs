//! Everything actix: the JSON API today, the web pages and feeds next. `build_app`
//! mounts them; `rota serve`, `rota demo` and the tests all build the app here.

pub mod api;
pub mod caller;
pub mod concurrency;
pub mod feeds;
pub mod json;
pub mod jwt;
pub mod pagination;
pub mod path_id;
pub mod query;
pub mod state;
pub mod web;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{web as actix, App, HttpRequest, HttpResponse};
use tracing_actix_web::{RequestId, TracingLogger};

use api::error::ApiError;
pub use state::AppState;

/// The whole application: state, limits, error shapes, logging, routes.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(actix::Data::new(state))
        .app_data(actix::PayloadConfig::new(json::MAX_BODY_BYTES))
        .app_data(actix::QueryConfig::default().error_handler(|error, _| {
            let message = error.to_string();
            let field = message.split('`').nth(1).map(str::to_string);
            let mut api = ApiError::bad_request("invalid_query", format!("query string: {message}"));
            api.field = field;
            api.into()
        }))
        .app_data(actix::PathConfig::default().error_handler(|_, _| ApiError::not_found("resource").into()))
        .configure(api::routes)
        .configure(web::routes)
        .service(feeds::get_feed)
        .service(feeds::head_feed)
        .default_service(actix::to(|req: HttpRequest| async move {
            // The API and the health check answer in JSON; everything else is a page.
            if !req.path().starts_with("/api") && req.path() != "/healthz" {
                use actix_web::ResponseError;
                return web::error::PageError::Status(ApiError::not_found("page")).error_response();
            }
            HttpResponse::NotFound().json(api::error::ErrorBody {
                error: api::error::ErrorDetail {
                    code: "route_not_found".into(),
                    message: "no such route; see /api/openapi.json".into(),
                    field: None,
                    violations: Vec::new(),
                },
            })
        }))
        .wrap_fn(|req, srv| {
            use actix_web::dev::Service;
            use actix_web::HttpMessage;
            let request_id = req.extensions().get::<RequestId>().copied();
            let response = srv.call(req);
            async move {
                let mut response = response.await?.map_into_boxed_body();
                if response.response().extensions().get::<web::error::InternalPage>().is_some() {
                    let text = request_id.map(|id| id.to_string()).unwrap_or_default();
                    let page = web::error::internal_page(response.status(), &text);
                    response = response.into_response(page.map_into_boxed_body());
                }
                if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
                    response.headers_mut().insert(HeaderName::from_static("x-request-id"), id);
                }
                Ok(response)
            }
        })
        // Pages are text that compresses tenfold (a 300-person board is megabytes);
        // only for clients that ask (Accept-Encoding), so tests and curl see plain bodies.
        .wrap(actix_web::middleware::Compress::default())
        .wrap(TracingLogger::default())
}
