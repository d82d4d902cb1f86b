//! The roster board: people grouped by team down the side, the horizon's days in the
//! desk's zone across (see `board_cells`), each template's cover above, each person's
//! totals and fairness beside, the score, broken and forced rules and the audit
//! below; a click opens a panel (see `board_panels`) to edit.

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::{Datelike, Weekday};
use serde::Deserialize;

use super::assets;
use super::board_cells::{cover_rows, person_row, CoverRow, PersonRow};
use super::board_panels::{names, person_panel, shift_panel, PersonPanel, Refusal, ShiftPanel};
use super::error::PageError;
use super::forms::url_encode;
use super::planning::{refusal_text, BUDGETS};
use super::render::{html, Chrome};
use super::session::PageCaller;
use crate::domain::job::{Job, JobStatus};
use crate::domain::roster::RosterStatus;
use crate::domain::time_zone::stored_zone;
use crate::http::state::AppState;
use crate::service::rosters::audit_log::{changes, RosterChange};
use crate::service::rosters::board::{board, Board};
use crate::service::rosters::words::rule_name;
use crate::service::sessions::SignedIn;
use crate::service::{jobs, notifications};

pub struct DayHead {
    pub label: String,
    pub weekday: String,
    /// Monday: a week separator before it.
    pub week_start: bool,
    pub weekend: bool,
}

pub struct Group {
    pub team: String,
    pub people: Vec<PersonRow>,
}

/// The plan job the board follows: the active one, or the one just finished.
pub struct JobPanel {
    pub id: String,
    pub running: bool,
    pub status: &'static str,
    pub permille: u32,
    pub summary: String,
    pub progress_url: String,
}

pub struct SkillOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct RuleLine {
    pub rule: String,
    pub person: String,
    pub message: String,
}

pub struct AuditLine {
    pub at: String,
    pub who: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    chrome: Chrome,
    csrf: String,
    roster_id: String,
    version: i64,
    draft: bool,
    manages: bool,
    budgets: Vec<u32>,
    job: Option<JobPanel>,
    notice: Option<String>,
    problem: Option<String>,
    script: String,
    desk_id: String,
    desk_name: String,
    zone: String,
    period: String,
    status: &'static str,
    skills: Vec<SkillOption>,
    skill: String,
    days: Vec<DayHead>,
    cover: Vec<CoverRow>,
    groups: Vec<Group>,
    columns: usize,
    person_panel: Option<PersonPanel>,
    shift_panel: Option<ShiftPanel>,
    refusal: Option<Refusal>,
    /// Hidden fields that bring an edit back to the panel it came from.
    back_fields: Vec<(String, String)>,
    close_href: String,
    score_total: i64,
    score: Vec<(String, i64)>,
    broken: Vec<RuleLine>,
    forced: Vec<RuleLine>,
    audit: Vec<AuditLine>,
}

fn job_panel(job: &Job) -> JobPanel {
    let running = matches!(job.status, JobStatus::Queued | JobStatus::Running);
    let summary = match (&job.result, &job.error) {
        (_, Some(error)) => error.message.clone(),
        (Some(result), _) => {
            let count = |key: &str| result.get(key).and_then(|v| v.as_i64()).unwrap_or(0);
            format!(
                "{} assignments, {} hard-rule breaks, {} shifts short",
                count("assignments"),
                count("hard_violations"),
                count("shortfalls")
            )
        }
        (None, None) if running => match job.progress.best_score {
            Some(score) => format!("best score so far {score}"),
            None => "waiting for a planner".into(),
        },
        (None, None) => String::new(),
    };
    JobPanel {
        id: job.id.clone(),
        running,
        status: job.status.as_str(),
        permille: job.progress.permille,
        summary,
        progress_url: format!("/jobs/{}/progress", job.id),
    }
}

/// What the board's link asks for: a job to follow, a refusal or success to tell, a
/// skill to filter by, a panel to open.
#[derive(Debug, Default, Deserialize)]
pub struct BoardQuery {
    pub job: Option<String>,
    pub error: Option<String>,
    pub published: Option<String>,
    pub saved: Option<String>,
    pub skill: Option<String>,
    /// A person's day: `p` (person id) and `d` (day index of the horizon).
    pub p: Option<String>,
    pub d: Option<usize>,
    pub shift: Option<String>,
}

/// A skill as the filter offers it: "lang:de" → "Speaks de", "tier:L2" → "L2 or above".
fn skill_label(skill: &str) -> String {
    match skill.split_once(':') {
        Some(("lang", code)) => format!("Speaks {code}"),
        Some(("tier", tier)) => format!("{tier} or above"),
        Some(("channel", channel)) => format!("Takes {channel}"),
        _ => skill.to_string(),
    }
}

fn audit_line(change: &RosterChange, zone: chrono_tz::Tz) -> AuditLine {
    let d = &change.detail;
    let count = |key: &str| d.get(key).and_then(|v| v.as_i64()).unwrap_or(0);
    let reason = d.get("reason").and_then(|v| v.as_str()).map(|r| format!(" — “{r}”")).unwrap_or_default();
    let what = match change.action.as_str() {
        "create" => "created the draft".to_string(),
        "plan" => "started a plan".to_string(),
        "store_plan" => {
            format!("stored a plan: {} kept, {} added, {} removed", count("kept"), count("added"), count("removed"))
        }
        "publish" => "published".to_string(),
        "edit_assignments" => {
            let n = d.get("changes").and_then(|c| c.as_array()).map_or(0, Vec::len);
            let forced = d.get("force").and_then(|f| f.as_bool()).unwrap_or(false);
            format!("edited {n} shift{}{}{reason}", if n == 1 { "" } else { "s" }, if forced { ", forced" } else { "" })
        }
        "release" => format!("released shifts of someone deactivated{reason}"),
        other => format!("{}{reason}", other.replace('_', " ")),
    };
    AuditLine {
        at: change.at.with_timezone(&zone).format("%a %-d %b %H:%M").to_string(),
        who: change.actor_name.clone(),
        what,
    }
}

/// The board page as `query` asks, with `refusal` (an edit just refused) and `notice`
/// over what the link says; `status` for a page that answers a refused post.
pub async fn render(
    state: &web::Data<AppState>,
    who: &SignedIn,
    id: String,
    query: BoardQuery,
    refusal: Option<Refusal>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let asked_job = query.job.clone().filter(|j| !j.is_empty());
    let (board, followed, audit, unread) = state
        .run(move |ctx| {
            let board = board(ctx, &actor, &id)?;
            // A job named in the link that is no longer active: its result.
            let followed = match (&board.active_job, asked_job) {
                (None, Some(job)) => jobs::get(ctx, &actor, &job).ok(),
                _ => None,
            };
            let published = board.detail.roster.status == RosterStatus::Published;
            let audit = if board.manages && published { changes(ctx, &actor, &id)? } else { Vec::new() };
            Ok((board, followed, audit, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    Ok(html(status, &page(who, board, followed, audit, unread, query, refusal)))
}

fn page(
    who: &SignedIn,
    board: Board,
    followed: Option<Job>,
    audit: Vec<RosterChange>,
    unread: i64,
    query: BoardQuery,
    refusal: Option<Refusal>,
) -> BoardPage {
    let kinds: Vec<String> = board.detail.desk.shift_types.iter().map(|t| t.id.clone()).collect();
    let mut all_skills: Vec<String> =
        board.groups.iter().flat_map(|g| &g.people).flat_map(|p| p.skills.clone()).collect();
    all_skills.sort();
    all_skills.dedup();
    let skill = query.skill.clone().filter(|s| all_skills.contains(s));
    let base = match &skill {
        Some(s) => format!("?skill={}&", url_encode(s)),
        None => "?".to_string(),
    };
    let link = board.manages.then_some(base.as_str());
    let days = board
        .days
        .iter()
        .map(|d| DayHead {
            label: d.format("%-d").to_string(),
            weekday: d.format("%a").to_string(),
            week_start: d.weekday() == Weekday::Mon,
            weekend: matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        })
        .collect();
    let groups = board
        .groups
        .iter()
        .map(|g| Group {
            team: g.team.clone(),
            people: g.people.iter().map(|p| person_row(&board, p, &kinds, skill.as_deref(), link)).collect(),
        })
        .collect();
    let (person_panel, shift_panel) = if board.manages {
        match (&query.p, query.d, &query.shift) {
            (Some(p), Some(d), _) => (person_panel(&board, p, d), None),
            (_, _, Some(s)) => (None, shift_panel(&board, s)),
            _ => (None, None),
        }
    } else {
        (None, None)
    };
    let mut back_fields: Vec<(String, String)> = Vec::new();
    if let Some(panel) = &person_panel {
        back_fields.push(("p".into(), panel.person_id.clone()));
        back_fields.push(("d".into(), panel.day_index.to_string()));
    }
    if let Some(panel) = &shift_panel {
        back_fields.push(("panel_shift".into(), panel.shift_id.clone()));
    }
    if let Some(s) = &skill {
        back_fields.push(("skill".into(), s.clone()));
    }
    let names = names(&board);
    let name_of = |id: &str| names.get(id).map_or_else(|| id.to_string(), |(n, _)| n.to_string());
    let mut refusal = refusal;
    if let Some(r) = refusal.as_mut() {
        r.name_people(&board);
    }
    let judged = &board.judged;
    let broken = judged
        .violations
        .iter()
        .map(|v| RuleLine {
            rule: rule_name(v.code).to_string(),
            person: name_of(&v.person),
            message: v.message.clone(),
        })
        .collect();
    let forced = judged
        .forced
        .iter()
        .map(|f| RuleLine {
            rule: rule_name(&f.code).to_string(),
            person: name_of(&f.person),
            message: format!("{} — forced: {}", f.message, f.reason),
        })
        .collect();
    let zone = stored_zone(&board.detail.desk.time_zone);
    let roster = &board.detail.roster;
    let job = board.active_job.as_ref().or(followed.as_ref()).map(job_panel);
    let notice = if query.published.is_some() {
        Some("Published: its people see it on their pages and in their feeds.".to_string())
    } else {
        match query.saved.as_deref() {
            Some("forced") => {
                Some("Saved, forced: the cell is marked with ! and the reason is in the audit.".to_string())
            }
            Some(_) => Some("Saved.".to_string()),
            None => None,
        }
    };
    BoardPage {
        chrome: Chrome::signed_in(&format!("Roster of {}", board.detail.desk.name), who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        roster_id: roster.id.clone(),
        version: roster.version,
        draft: roster.status != RosterStatus::Published,
        manages: board.manages,
        budgets: BUDGETS.to_vec(),
        job,
        notice,
        problem: query.error.as_deref().map(|code| refusal_text(code).to_string()),
        script: assets::url("board.js"),
        desk_id: board.detail.desk.id.clone(),
        desk_name: board.detail.desk.name.clone(),
        zone: board.detail.desk.time_zone.clone(),
        period: format!("{} – {}", roster.first_date.format("%a %-d %b"), roster.last_date.format("%a %-d %b %Y")),
        status: if roster.status == RosterStatus::Published { "published" } else { "draft" },
        skills: all_skills
            .iter()
            .map(|s| SkillOption { value: s.clone(), label: skill_label(s), selected: skill.as_deref() == Some(s) })
            .collect(),
        close_href: format!("{}#board", base.trim_end_matches('&')),
        skill: skill.clone().unwrap_or_default(),
        cover: cover_rows(&board, link),
        columns: board.days.len() + 7,
        days,
        groups,
        person_panel,
        shift_panel,
        refusal,
        back_fields,
        score_total: judged.score_total,
        score: judged
            .score_by_rule
            .iter()
            .filter(|(_, v)| **v != 0)
            .map(|(k, v)| (rule_name(k).to_string(), *v))
            .collect(),
        broken,
        forced,
        audit: audit.iter().rev().map(|c| audit_line(c, zone)).collect(),
    }
}

#[get("/rosters/{id}")]
pub async fn board_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    query: web::Query<BoardQuery>,
) -> Result<HttpResponse, PageError> {
    render(&state, &who, path.into_inner(), query.into_inner(), None, StatusCode::OK).await
}
