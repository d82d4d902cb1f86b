//! HTTP layer: actix-web handlers, one folder per resource, one file per action.

pub mod auth;
pub mod concurrency;
pub mod error;
pub mod health;
pub mod json;
pub mod openapi;
pub mod pagination;
pub mod path_id;
pub mod people;
pub mod state;
pub mod teams;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{web, App, HttpResponse};
use tracing_actix_web::{RequestId, TracingLogger};

use error::ApiError;
pub use state::AppState;

/// Registers every route. Each is also listed in `openapi::ApiDoc`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(openapi::openapi_json)
        .service(auth::login::login)
        .service(auth::me::me)
        .service(people::list::list_people)
        .service(people::create::create_person)
        .service(people::get::get_person)
        .service(people::update::update_person)
        .service(people::delete::delete_person)
        .service(teams::list::list_teams)
        .service(teams::create::create_team)
        .service(teams::get::get_team)
        .service(teams::update::update_team)
        .service(teams::delete::delete_team)
        .service(teams::members::put_member)
        .service(teams::members::remove_member);
}

/// The whole application: state, limits, error shapes, logging, routes.
/// `rota serve`, `rota demo` and the tests all build it here.
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
        .app_data(web::Data::new(state))
        .app_data(web::PayloadConfig::new(json::MAX_BODY_BYTES))
        .app_data(web::QueryConfig::default().error_handler(|error, _| {
            let message = error.to_string();
            let field = message.split('`').nth(1).map(str::to_string);
            let mut api = ApiError::bad_request("invalid_query", format!("query string: {message}"));
            api.field = field;
            api.into()
        }))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::not_found("resource").into()))
        .configure(routes)
        .default_service(web::to(|| async {
            HttpResponse::NotFound().json(error::ErrorBody {
                error: error::ErrorDetail {
                    code: "route_not_found".into(),
                    message: "no such route; see /api/openapi.json".into(),
                    field: None,
                },
            })
        }))
        .wrap_fn(|req, srv| {
            use actix_web::dev::Service;
            use actix_web::HttpMessage;
            let request_id = req.extensions().get::<RequestId>().copied();
            let response = srv.call(req);
            async move {
                let mut response = response.await?;
                if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
                    response.headers_mut().insert(HeaderName::from_static("x-request-id"), id);
                }
                Ok(response)
            }
        })
        .wrap(TracingLogger::default())
}
