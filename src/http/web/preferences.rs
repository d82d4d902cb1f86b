//! My preferences: the days and shift types I would like to work or keep free. The
//! planner takes them as requests; the page adds and removes one wish at a time
//! through the same checks as `PUT /api/me/preferences`.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::forms::field_message;
use super::render::{html, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::preference::{Preference, Wish, MAX_WEIGHT};
use crate::http::api::error::ApiError;
use crate::http::query::query_date;
use crate::http::state::AppState;
use crate::service::sessions::SignedIn;
use crate::service::{desks, notifications, preferences, IfVersion};

const WEEKDAYS: [(u8, &str); 7] =
    [(1, "Monday"), (2, "Tuesday"), (3, "Wednesday"), (4, "Thursday"), (5, "Friday"), (6, "Saturday"), (7, "Sunday")];

#[derive(Debug, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    /// `date` or `weekday`: which of the two fields below counts.
    #[serde(default)]
    when: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    weekday: String,
    #[serde(default)]
    shift_type: String,
    #[serde(default)]
    wish: String,
    #[serde(default)]
    weight: String,
}

impl Default for AddForm {
    fn default() -> Self {
        Self {
            csrf: String::new(),
            version: 0,
            when: "weekday".into(),
            date: String::new(),
            weekday: "1".into(),
            shift_type: String::new(),
            wish: "free".into(),
            weight: "5".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    index: usize,
}

#[derive(Default)]
pub struct FieldErrors {
    pub date: Option<String>,
    pub weekday: Option<String>,
    pub shift_type: Option<String>,
    pub wish: Option<String>,
    pub weight: Option<String>,
    pub other: Option<String>,
}

pub struct Row {
    pub index: usize,
    pub when: String,
    pub shift: String,
    pub work: bool,
    pub weight: u32,
}

#[derive(Template)]
#[template(path = "preferences.html")]
struct PreferencesPage {
    chrome: Chrome,
    csrf: String,
    zone: String,
    version: i64,
    rows: Vec<Row>,
    /// Shift types of my desks: (key, name).
    shift_types: Vec<(String, String)>,
    weekdays: Vec<(u8, &'static str)>,
    weights: Vec<u32>,
    form: AddForm,
    errors: FieldErrors,
    saved: bool,
}

fn weekday_name(day: u8) -> &'static str {
    WEEKDAYS.iter().find(|(d, _)| *d == day).map(|(_, name)| *name).unwrap_or("?")
}

fn row(index: usize, wish: &Preference, shift_types: &[(String, String)]) -> Row {
    let when = match (wish.date, wish.weekday) {
        (Some(date), _) => date.format("%a %-d %b %Y").to_string(),
        (None, Some(day)) => format!("Every {}", weekday_name(day)),
        (None, None) => String::new(),
    };
    let shift = match &wish.shift_type {
        None => "Any shift".to_string(),
        Some(key) => shift_types.iter().find(|(k, _)| k == key).map(|(_, name)| name.clone()).unwrap_or(key.clone()),
    };
    Row { index, when, shift, work: wish.wish == Wish::Work, weight: wish.weight }
}

async fn render(
    state: &AppState,
    who: &SignedIn,
    status: StatusCode,
    form: AddForm,
    errors: FieldErrors,
    saved: bool,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let ((items, version), desks, unread) = state
        .run(move |ctx| {
            let mine = preferences::mine(ctx, &actor)?;
            let desks = desks::list(ctx, &actor, false, None, 100)?;
            Ok((mine, desks, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let mut shift_types: Vec<(String, String)> = Vec::new();
    for kind in desks.iter().flat_map(|d| d.shift_types.iter()) {
        if !shift_types.iter().any(|(key, _)| *key == kind.id) {
            shift_types.push((kind.id.clone(), kind.name.clone()));
        }
    }
    let page = PreferencesPage {
        chrome: Chrome::signed_in("Preferences", who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        zone: who.person.time_zone.clone(),
        version,
        rows: items.iter().enumerate().map(|(i, wish)| row(i, wish, &shift_types)).collect(),
        shift_types,
        weekdays: WEEKDAYS.to_vec(),
        weights: (1..=MAX_WEIGHT).collect(),
        form,
        errors,
        saved,
    };
    Ok(html(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

#[get("/preferences")]
pub async fn preferences_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, PageError> {
    render(&state, &who, StatusCode::OK, AddForm::default(), FieldErrors::default(), query.saved.is_some()).await
}

/// The form as the service takes it; what does not parse gets the API's message
/// under the API's field name.
fn wish(form: &AddForm) -> Result<Preference, ApiError> {
    let (date, weekday) = match form.when.as_str() {
        "date" => match form.date.trim() {
            "" => return Err(ApiError::unprocessable("required", "wish.date", "choose a date")),
            text => (Some(query_date("wish.date", text)?), None),
        },
        _ => {
            let day =
                form.weekday.trim().parse::<u8>().map_err(|_| {
                    ApiError::unprocessable("invalid_value", "wish.weekday", "choose a day of the week")
                })?;
            (None, Some(day))
        }
    };
    let wish = match form.wish.as_str() {
        "work" => Wish::Work,
        "free" => Wish::Free,
        _ => return Err(ApiError::unprocessable("invalid_value", "wish.wish", "work or keep free?")),
    };
    let weight = form
        .weight
        .trim()
        .parse::<u32>()
        .map_err(|_| ApiError::unprocessable("invalid_value", "wish.weight", format!("1 to {MAX_WEIGHT}")))?;
    let shift_type = Some(form.shift_type.trim().to_string()).filter(|key| !key.is_empty());
    Ok(Preference { date, weekday, shift_type, wish, weight })
}

fn place(error: ApiError) -> FieldErrors {
    let (field, message) = field_message(error);
    let mut errors = FieldErrors::default();
    match field.as_deref() {
        Some("date") => errors.date = Some(message),
        Some("weekday") => errors.weekday = Some(message),
        Some("shift_type") => errors.shift_type = Some(message),
        Some("wish") => errors.wish = Some(message),
        Some("weight") => errors.weight = Some(message),
        _ => errors.other = Some(message),
    }
    errors
}

fn saved() -> HttpResponse {
    see_other("/preferences?saved=1")
}

/// A stale version (another window saved first, or the wish is gone) or a wrong
/// field is shown on the page with what is stored now; anything else is an error page.
async fn refused(state: &AppState, who: &SignedIn, form: AddForm, e: ApiError) -> Result<HttpResponse, PageError> {
    if matches!(e.status, StatusCode::PRECONDITION_FAILED | StatusCode::NOT_FOUND) {
        let message = "Your preferences changed in another window; here they are now. Try again.".to_string();
        let errors = FieldErrors { other: Some(message), ..FieldErrors::default() };
        return render(state, who, StatusCode::CONFLICT, form, errors, false).await;
    }
    if matches!(e.status, StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY) {
        return render(state, who, e.status, form, place(e), false).await;
    }
    Err(e.into())
}

#[post("/preferences")]
pub async fn add_preference(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let form = form.into_inner();
    let parsed = match wish(&form) {
        Ok(parsed) => parsed,
        Err(e) => return refused(&state, &who, form, e).await,
    };
    let (actor, version) = (who.actor.clone(), IfVersion::Exactly(form.version));
    match state.run(move |ctx| preferences::add(ctx, &actor, version, parsed)).await {
        Ok(_) => Ok(saved()),
        Err(e) => refused(&state, &who, form, e).await,
    }
}

#[post("/preferences/remove")]
pub async fn remove_preference(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<RemoveForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (actor, version, index) = (who.actor.clone(), IfVersion::Exactly(form.version), form.index);
    match state.run(move |ctx| preferences::remove(ctx, &actor, version, index)).await {
        Ok(_) => Ok(saved()),
        Err(e) => refused(&state, &who, AddForm::default(), e).await,
    }
}
