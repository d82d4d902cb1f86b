//! Edits from the board: one cell's change (remove, add, replace, or move a person to
//! another shift of the day) through the same `service::rosters::edit` as
//! `PATCH /api/rosters/{id}/assignments`. A refusal re-renders the board with the
//! panel open and the rules named; someone else's change since is said, not lost.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::board::{render, BoardQuery};
use super::board_panels::{PendingChange, Refusal};
use super::csrf;
use super::error::PageError;
use super::forms::{field_message, url_encode};
use super::render::see_other;
use super::session::PageCaller;
use crate::http::state::AppState;
use crate::service::rosters::edit::{edit, AssignmentChange, AssignmentEdit};
use crate::service::IfVersion;

#[derive(Debug, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    shift: String,
    #[serde(default)]
    remove: String,
    #[serde(default)]
    add: String,
    /// Move: take `add` off this shift of the same day first.
    #[serde(default)]
    from: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    force: String,
    // The panel to come back to.
    #[serde(default)]
    p: String,
    #[serde(default)]
    d: Option<usize>,
    #[serde(default)]
    panel_shift: String,
    #[serde(default)]
    skill: String,
}

fn some(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl EditForm {
    fn change(&self) -> PendingChange {
        PendingChange {
            shift: self.shift.clone(),
            remove: self.remove.clone(),
            add: self.add.clone(),
            from: self.from.clone(),
        }
    }

    fn edit(&self) -> AssignmentEdit {
        let mut changes = Vec::new();
        if let (Some(from), Some(person)) = (some(&self.from), some(&self.add)) {
            changes.push(AssignmentChange { shift_id: from, remove: Some(person), add: None });
        }
        changes.push(AssignmentChange {
            shift_id: self.shift.clone(),
            remove: some(&self.remove),
            add: some(&self.add),
        });
        AssignmentEdit { changes, force: self.force == "1", reason: some(&self.reason) }
    }

    fn query(&self) -> BoardQuery {
        BoardQuery {
            p: some(&self.p),
            d: self.d,
            shift: some(&self.panel_shift),
            skill: some(&self.skill),
            ..BoardQuery::default()
        }
    }

    /// The board link this edit came from, with what happened.
    fn back(&self, roster: &str, saved: &str) -> String {
        let mut query = format!("saved={saved}");
        if let Some(s) = some(&self.skill) {
            query.push_str(&format!("&skill={}", url_encode(&s)));
        }
        match (some(&self.p), self.d, some(&self.panel_shift)) {
            (Some(p), Some(d), _) => query.push_str(&format!("&p={}&d={d}", url_encode(&p))),
            (_, _, Some(s)) => query.push_str(&format!("&shift={}", url_encode(&s))),
            _ => {}
        }
        format!("/rosters/{roster}?{query}#panel")
    }
}

#[post("/rosters/{id}/assignments")]
pub async fn edit_cell(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<EditForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let change = form.edit();
    let forced = change.force;
    let (actor, key, version) = (who.actor.clone(), id.clone(), IfVersion::Exactly(form.version));
    let outcome = state.run(move |ctx| edit(ctx, &actor, &key, Ok(version), Ok(change))).await;
    let e = match outcome {
        Ok(_) => return Ok(see_other(&form.back(&id, if forced { "forced" } else { "1" }))),
        Err(e) => e,
    };
    let refusal = if e.status == StatusCode::PRECONDITION_FAILED {
        Refusal {
            headline: "Not saved: someone changed the roster since you opened it. Here it is now; look again and \
                       repeat the change if it still makes sense."
                .into(),
            breaks: Vec::new(),
            unnamed: Vec::new(),
            can_force: false,
            change: form.change(),
            reason: form.reason.clone(),
            reason_error: None,
        }
    } else if e.code == "rule_broken" {
        Refusal::rules(form.change(), e.violations.clone(), form.reason.clone())
    } else if matches!(e.status, StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT) {
        let forcing = form.force == "1";
        let (field, message) = field_message(e.clone());
        let on_reason = field.as_deref() == Some("reason");
        Refusal {
            headline: if on_reason {
                "Not saved: say why the edit is forced.".into()
            } else {
                format!("Not saved: {message}.")
            },
            breaks: Vec::new(),
            unnamed: Vec::new(),
            can_force: forcing && on_reason,
            change: form.change(),
            reason: form.reason.clone(),
            reason_error: on_reason.then_some(message),
        }
    } else {
        return Err(e.into());
    };
    let status = if e.status == StatusCode::PRECONDITION_FAILED { StatusCode::CONFLICT } else { e.status };
    render(&state, &who, id, form.query(), Some(refusal), status).await
}
