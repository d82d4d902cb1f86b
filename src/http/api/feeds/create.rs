use actix_web::{post, web, HttpRequest, HttpResponse};

use super::{base_url, IssuedFeedView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::state::AppState;
use crate::service::feeds::{self, NewFeed};
use crate::service::settings;

/// Makes a calendar feed of something I may read: myself (or someone I manage), a team
/// of mine, a desk my teams staff (admins: anything). The answer holds its secret URL,
/// once; every fetch checks again that I still may read what it shows.
#[utoipa::path(
    post, path = "/api/feeds", tag = "feeds",
    request_body = NewFeed,
    responses(
        (status = 201, description = "Made; `url` is shown this once", body = IssuedFeedView, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "I may not read the target", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "Unknown kind or target, or a window over 366 days", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/feeds")]
pub async fn create_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    Caller(actor): Caller,
    input: Result<ApiJson<NewFeed>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let input = body(input);
    let (issued, public) = state
        .run(move |ctx| {
            let issued = feeds::create(ctx, &actor, input)?;
            Ok((issued, settings::public_base_url(ctx)?))
        })
        .await?;
    let view = IssuedFeedView::new(issued, &base_url(public, &req));
    Ok(HttpResponse::Created().insert_header(("Location", "/api/feeds")).json(view))
}
