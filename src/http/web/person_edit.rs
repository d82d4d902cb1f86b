//! A person's page: who they are, their teams, and a form with the fields the caller
//! may change (`service::people::update::edit_scope`), saved through the same
//! `PersonChanges` parse and `service::people::update::update` as
//! `PATCH /api/people/{id}`, with the API's message beside the field.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::csrf;
use super::error::PageError;
use super::render::{html, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::{Channel, Person, Role, TeamRole, Tier};
use crate::http::json::parse_json;
use crate::http::state::AppState;
use crate::service::people::input::PersonChanges;
use crate::service::people::update::{edit_scope, update, EditScope};
use crate::service::sessions::SignedIn;
use crate::service::{notifications, people, teams, IfVersion};

const CHANNELS: [Channel; 4] = [Channel::Phone, Channel::Chat, Channel::Email, Channel::Tickets];
const TIERS: [Tier; 3] = [Tier::L1, Tier::L2, Tier::L3];
const ROLES: [Role; 3] = [Role::Member, Role::Manager, Role::Admin];

/// Minutes as the form shows hours: "40", "37.8".
fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// The form's values as shown (stored, or as typed) and the message beside each.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    csrf: String,
    version: i64,
    pub name: String,
    pub email: String,
    pub time_zone: String,
    pub holiday_region: String,
    /// Comma-separated BCP 47 tags.
    pub languages: String,
    pub tier: String,
    pub phone: String,
    pub chat: String,
    pub email_channel: String,
    pub tickets: String,
    pub max_hours: String,
    pub rest_hours: String,
    pub max_days: String,
    pub max_nights: String,
    pub earliest: String,
    pub latest: String,
    pub role: String,
    pub active: String,
}

impl PersonForm {
    fn of(person: &Person) -> Self {
        let has = |c: Channel| if person.skills.channels.contains(&c) { "on" } else { "" }.to_string();
        let c = &person.contract;
        Self {
            name: person.name.clone(),
            email: person.email.clone(),
            time_zone: person.time_zone.clone(),
            holiday_region: person.holiday_region.clone(),
            languages: person.skills.languages.join(", "),
            tier: person.skills.tier.as_str().into(),
            phone: has(Channel::Phone),
            chat: has(Channel::Chat),
            email_channel: has(Channel::Email),
            tickets: has(Channel::Tickets),
            max_hours: hours(c.max_minutes_per_week),
            rest_hours: hours(c.min_rest_minutes),
            max_days: c.max_consecutive_days.to_string(),
            max_nights: c.max_nights_per_week.to_string(),
            earliest: c.earliest_local_time.format("%H:%M").to_string(),
            latest: c.latest_local_time.format("%H:%M").to_string(),
            role: person.role.as_str().into(),
            active: if person.active { "on".into() } else { String::new() },
            ..Self::default()
        }
    }

    pub fn checked(&self, channel: &str) -> bool {
        let value = match channel {
            "phone" => &self.phone,
            "chat" => &self.chat,
            "email" => &self.email_channel,
            _ => &self.tickets,
        };
        !value.is_empty()
    }

    /// The fields `scope` allows as the API's body; numbers in hours become minutes.
    /// A count or an hour that is not a number is sent as typed, so the API's parser
    /// names the field.
    fn changes(&self, scope: EditScope, person: &Person) -> Value {
        let mut body = Map::new();
        body.insert("name".into(), json!(self.name));
        body.insert("time_zone".into(), json!(self.time_zone.trim()));
        if matches!(scope, EditScope::Everything | EditScope::TeamFields) {
            body.insert("email".into(), json!(self.email));
            body.insert("holiday_region".into(), json!(self.holiday_region.trim()));
            let languages: Vec<&str> = self.languages.split(',').map(str::trim).filter(|l| !l.is_empty()).collect();
            let channels: Vec<&str> = CHANNELS.iter().map(|c| c.as_str()).filter(|c| self.checked(c)).collect();
            body.insert("skills".into(), json!({"languages": languages, "tier": self.tier, "channels": channels}));
            // Hours as shown are rounded: an untouched field keeps the stored minutes.
            let minutes = |text: &str, stored: u32| -> Value {
                if text.trim() == hours(stored) {
                    return json!(stored);
                }
                match text.trim().replace(',', ".").parse::<f64>() {
                    Ok(h) if (0.0..=1e6).contains(&h) => json!((h * 60.0).round() as u64),
                    _ => json!(text),
                }
            };
            let count = |text: &str| text.trim().parse::<u64>().map_or_else(|_| json!(text), |n| json!(n));
            let mut contract = serde_json::to_value(&person.contract).unwrap_or_else(|_| json!({}));
            contract["max_minutes_per_week"] = minutes(&self.max_hours, person.contract.max_minutes_per_week);
            contract["min_rest_minutes"] = minutes(&self.rest_hours, person.contract.min_rest_minutes);
            contract["max_consecutive_days"] = count(&self.max_days);
            contract["max_nights_per_week"] = count(&self.max_nights);
            contract["earliest_local_time"] = json!(self.earliest.trim());
            contract["latest_local_time"] = json!(self.latest.trim());
            body.insert("contract".into(), contract);
        }
        if scope == EditScope::Everything {
            body.insert("role".into(), json!(self.role));
            body.insert("active".into(), json!(!self.active.is_empty()));
        }
        Value::Object(body)
    }
}

/// The API's field as the form's (`contract.max_minutes_per_week` → `max_hours`).
fn form_field(api_field: &str) -> &'static str {
    let head = api_field.split(['[', '.']).next().unwrap_or("");
    match api_field {
        f if f.starts_with("skills.languages") => "languages",
        f if f.starts_with("skills.tier") => "tier",
        f if f.starts_with("skills.channels") => "channels",
        "contract.max_minutes_per_week" => "max_hours",
        "contract.min_rest_minutes" => "rest_hours",
        "contract.max_consecutive_days" => "max_days",
        "contract.max_nights_per_week" => "max_nights",
        "contract.earliest_local_time" => "earliest",
        "contract.latest_local_time" => "latest",
        _ => match head {
            "name" => "name",
            "email" => "email",
            "time_zone" => "time_zone",
            "holiday_region" => "holiday_region",
            "role" => "role",
            "active" => "active",
            _ => "other",
        },
    }
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    chrome: Chrome,
    csrf: String,
    person_id: String,
    person_name: String,
    version: i64,
    active: bool,
    teams: Vec<(String, String, &'static str)>,
    scope: EditScope,
    form: PersonForm,
    error_field: &'static str,
    error: String,
    tiers: Vec<&'static str>,
    roles: Vec<&'static str>,
    notice: Option<&'static str>,
    problem: Option<String>,
}

impl PersonPage {
    /// The message beside `field`, if the last save was refused there.
    pub fn error_of(&self, field: &str) -> Option<&str> {
        (self.error_field == field).then_some(self.error.as_str())
    }

    pub fn team_fields(&self) -> bool {
        matches!(self.scope, EditScope::Everything | EditScope::TeamFields)
    }

    pub fn everything(&self) -> bool {
        self.scope == EditScope::Everything
    }

    pub fn editable(&self) -> bool {
        self.scope != EditScope::Nothing
    }
}

struct Shown {
    /// The form as posted (with the version it was read at), when it was refused.
    form: Option<PersonForm>,
    error: Option<(&'static str, String)>,
    notice: Option<&'static str>,
    problem: Option<String>,
    status: StatusCode,
}

async fn show(state: &AppState, who: &SignedIn, id: String, shown: Shown) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (person, names, unread) = state
        .run(move |ctx| {
            let person = people::get(ctx, &actor, &id)?;
            let ids: Vec<String> = person.teams.iter().map(|s| s.team_id.clone()).collect();
            let names = teams::names(ctx, &actor, &ids)?;
            Ok((person, names, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let (error_field, error) = shown.error.unwrap_or(("", String::new()));
    let version = shown.form.as_ref().map_or(person.version, |f| f.version);
    let page = PersonPage {
        chrome: Chrome::signed_in(&person.name, who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        scope: edit_scope(&who.actor, &person),
        form: shown.form.unwrap_or_else(|| PersonForm::of(&person)),
        teams: person
            .teams
            .iter()
            .map(|s| {
                let name = names.get(&s.team_id).cloned().unwrap_or_else(|| s.team_id.clone());
                (s.team_id.clone(), name, if s.role == TeamRole::Manager { "manager" } else { "member" })
            })
            .collect(),
        person_id: person.id.clone(),
        person_name: person.name.clone(),
        // A refused form keeps the version it was read at: saving it again must not
        // pass over a change made meanwhile.
        version,
        active: person.active,
        error_field,
        error,
        tiers: TIERS.iter().map(|t| t.as_str()).collect(),
        roles: ROLES.iter().map(|r| r.as_str()).collect(),
        notice: shown.notice,
        problem: shown.problem,
    };
    Ok(html(shown.status, &page))
}

#[derive(Debug, Default, Deserialize)]
pub struct PersonQuery {
    saved: Option<String>,
}

#[get("/people/{id}")]
pub async fn person_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    query: web::Query<PersonQuery>,
) -> Result<HttpResponse, PageError> {
    let notice = query.saved.as_ref().map(|_| "Saved.");
    let shown = Shown { form: None, error: None, notice, problem: None, status: StatusCode::OK };
    show(&state, &who, path.into_inner(), shown).await
}

#[post("/people/{id}")]
pub async fn update_person(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<PersonForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let form = form.into_inner();
    let (actor, key) = (who.actor.clone(), id.clone());
    let person = state.run(move |ctx| people::get(ctx, &actor, &key)).await?;
    let scope = edit_scope(&who.actor, &person);
    let body = form.changes(scope, &person).to_string();
    let changes: Result<PersonChanges, _> =
        parse_json(body.as_bytes()).map_err(|e| crate::service::Error::Unreadable(Box::new(e)));
    let (actor, key, version) = (who.actor.clone(), id.clone(), IfVersion::Exactly(form.version));
    match state.run(move |ctx| update(ctx, &actor, &key, Ok(version), changes)).await {
        Ok(_) => Ok(see_other(&format!("/people/{id}?saved=1"))),
        Err(e) if e.status == StatusCode::PRECONDITION_FAILED => {
            let problem =
                Some("Not saved: someone changed this person since you opened the page; here they are now.".into());
            show(
                &state,
                &who,
                id,
                Shown { form: None, error: None, notice: None, problem, status: StatusCode::CONFLICT },
            )
            .await
        }
        Err(e)
            if matches!(
                e.status,
                StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT | StatusCode::BAD_REQUEST
            ) =>
        {
            let status = e.status;
            let field = form_field(e.field.as_deref().unwrap_or(""));
            let message = super::forms::field_message(e).1;
            let problem = Some(if field == "other" {
                format!("Not saved: {message}.")
            } else {
                "Not saved; see the message beside the field.".to_string()
            });
            let shown = Shown { form: Some(form), error: Some((field, message)), notice: None, problem, status };
            show(&state, &who, id, shown).await
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::form_field;

    #[test]
    fn api_fields_land_beside_the_form_fields_that_hold_them() {
        assert_eq!(form_field("contract.max_minutes_per_week"), "max_hours");
        assert_eq!(form_field("skills.languages[1]"), "languages");
        assert_eq!(form_field("email"), "email");
        assert_eq!(form_field("contract.night.start"), "other");
    }
}
