use actix_web::{get, web, HttpResponse};

use super::{person_response, PersonView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::people;

/// One person, with an ETag to send back as If-Match when changing them.
#[utoipa::path(
    get, path = "/api/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id")),
    responses(
        (status = 200, description = "The person", body = PersonView, headers(("ETag" = String, description = "Version for If-Match"))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not yourself, not a teammate, not an admin", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/people/{id}")]
pub async fn get_person(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let person = state.run(move |ctx| people::get(ctx, &actor, &id)).await?;
    Ok(person_response(person))
}
