use actix_web::{get, web, HttpResponse};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::api::people::{person_response, PersonView};
use crate::http::caller::Caller;
use crate::http::state::AppState;
use crate::service::people;

/// The person the token belongs to.
#[utoipa::path(
    get, path = "/api/me", tag = "auth",
    responses(
        (status = 200, description = "You", body = PersonView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/me")]
pub async fn me(state: web::Data<AppState>, Caller(actor): Caller) -> Result<HttpResponse, ApiError> {
    let me = state.run(move |ctx| people::get(ctx, &actor, &actor.id)).await?;
    Ok(person_response(me))
}
