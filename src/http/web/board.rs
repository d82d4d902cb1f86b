//! The roster board: people grouped by team down the side, the horizon's days in the
//! desk's zone across, a shift code per cell coloured by shift type (local times on
//! hover or focus), leave and holidays shown as such, each template's cover against
//! its minimum and target above, and each person's totals beside.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::{Datelike, Weekday};

use super::assets;
use super::error::PageError;
use super::format::{day, initial, times};
use super::planning::{refusal_text, BUDGETS};
use super::render::{ok, Chrome};
use super::session::PageCaller;
use crate::domain::job::{Job, JobStatus};
use crate::domain::roster::RosterStatus;
use crate::domain::time_zone::stored_zone;
use crate::http::state::AppState;
use crate::service::rosters::board::{board, Board, BoardPerson};
use crate::service::{jobs, notifications};
use serde::Deserialize;

pub struct DayHead {
    pub label: String,
    pub weekday: String,
    /// Monday: a week separator before it.
    pub week_start: bool,
    pub weekend: bool,
}

pub struct Cell {
    pub text: String,
    pub class: String,
    pub title: String,
}

pub struct PersonRow {
    pub name: String,
    pub zone: String,
    pub cells: Vec<Cell>,
    pub hours: String,
    pub limit: String,
    pub shifts: usize,
    pub weekends: usize,
    pub holidays: usize,
}

pub struct Group {
    pub team: String,
    pub people: Vec<PersonRow>,
}

pub struct CoverRow {
    pub template: String,
    pub cells: Vec<Cell>,
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
    days: Vec<DayHead>,
    cover: Vec<CoverRow>,
    groups: Vec<Group>,
    columns: usize,
}

fn person_row(board: &Board, row: &BoardPerson, kinds: &[String]) -> PersonRow {
    let desk_zone = stored_zone(&board.detail.desk.time_zone);
    let own = stored_zone(&row.person.time_zone);
    let cells = row
        .days
        .iter()
        .zip(&board.days)
        .map(|(d, date)| {
            let mut texts = Vec::new();
            let mut titles = Vec::new();
            let mut class = String::from("cell");
            for &(ai, si) in &d.assignments {
                let (assignment, shift) = (&board.detail.assignments[ai], &board.detail.shifts[si]);
                let kind = kinds.iter().position(|k| *k == shift.shift_type).unwrap_or(0);
                let name = board
                    .detail
                    .desk
                    .shift_types
                    .get(kind)
                    .map(|t| t.name.clone())
                    .unwrap_or_else(|| shift.template_name.clone());
                texts.push(format!("{}{}", initial(&name), if assignment.forced { "!" } else { "" }));
                class = format!("cell work type-{}", kind % 6);
                let mut title = format!(
                    "{} {} {} ({}; desk {})",
                    shift.template_name,
                    day(shift.start, own),
                    times(shift.start, shift.end, own),
                    row.person.time_zone,
                    times(shift.start, shift.end, desk_zone)
                );
                if assignment.forced {
                    class.push_str(" forced");
                    title.push_str(&format!(" — forced: {}", assignment.force_reason.clone().unwrap_or_default()));
                }
                titles.push(title);
            }
            if d.leave {
                class.push_str(if texts.is_empty() { " leave" } else { " clash" });
                titles.push("approved time off".into());
                if texts.is_empty() {
                    texts.push("Lv".into());
                }
            }
            if let Some(holiday) = &d.holiday {
                if texts.is_empty() {
                    class.push_str(" holiday");
                    texts.push("Hol".into());
                }
                titles.push(format!("holiday: {holiday}"));
            }
            if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                class.push_str(" weekend");
            }
            if date.weekday() == Weekday::Mon {
                class.push_str(" week-start");
            }
            Cell { text: texts.join(" "), class, title: titles.join("; ") }
        })
        .collect();
    let weeks = board.days.len().div_ceil(7).max(1) as u32;
    PersonRow {
        name: row.person.name.clone(),
        zone: row.person.time_zone.clone(),
        cells,
        hours: format!("{:.1}", row.minutes as f64 / 60.0),
        limit: format!("{:.0}", f64::from(row.person.contract.max_minutes_per_week * weeks) / 60.0),
        shifts: row.shifts,
        weekends: row.weekend_shifts,
        holidays: row.holiday_shifts,
    }
}

fn cover_rows(board: &Board) -> Vec<CoverRow> {
    let desk = &board.detail.desk;
    desk.templates
        .iter()
        .map(|template| {
            let cells = board
                .days
                .iter()
                .enumerate()
                .map(|(i, date)| {
                    let on_day: Vec<usize> = board
                        .detail
                        .shifts
                        .iter()
                        .enumerate()
                        .filter(|(si, s)| s.template_id == template.id && board.shift_day[*si] == Some(i))
                        .map(|(si, _)| si)
                        .collect();
                    let mut class = String::from("cell cover");
                    if date.weekday() == Weekday::Mon {
                        class.push_str(" week-start");
                    }
                    let Some(&si) = on_day.first() else {
                        return Cell { text: String::new(), class, title: "no shift".into() };
                    };
                    let shift = &board.detail.shifts[si];
                    let have = board.assigned[si];
                    let (min, target) = (shift.min_headcount as usize, shift.target_headcount as usize);
                    class.push_str(if have < min {
                        " below-min"
                    } else if have < target {
                        " below-target"
                    } else {
                        " covered"
                    });
                    let title = format!("{have} assigned; at least {min}, ideally {target}");
                    Cell { text: format!("{have}/{target}"), class, title }
                })
                .collect();
            CoverRow { template: template.name.clone(), cells }
        })
        .collect()
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

#[derive(Debug, Deserialize)]
pub struct BoardQuery {
    job: Option<String>,
    error: Option<String>,
    published: Option<String>,
}

#[get("/rosters/{id}")]
pub async fn board_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    query: web::Query<BoardQuery>,
) -> Result<HttpResponse, PageError> {
    let (actor, id) = (who.actor.clone(), path.into_inner());
    let asked_job = query.job.clone().filter(|j| !j.is_empty());
    let (board, followed, unread) = state
        .run(move |ctx| {
            let board = board(ctx, &actor, &id)?;
            // A job named in the link that is no longer active: its result.
            let followed = match (&board.active_job, asked_job) {
                (None, Some(job)) => jobs::get(ctx, &actor, &job).ok(),
                _ => None,
            };
            Ok((board, followed, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let kinds: Vec<String> = board.detail.desk.shift_types.iter().map(|t| t.id.clone()).collect();
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
            people: g.people.iter().map(|p| person_row(&board, p, &kinds)).collect(),
        })
        .collect();
    let roster = &board.detail.roster;
    let job = board.active_job.as_ref().or(followed.as_ref()).map(job_panel);
    let page = BoardPage {
        chrome: Chrome::signed_in(&format!("Roster of {}", board.detail.desk.name), &who, unread),
        csrf: who.csrf_token.clone(),
        roster_id: roster.id.clone(),
        version: roster.version,
        draft: roster.status != RosterStatus::Published,
        manages: board.manages,
        budgets: BUDGETS.to_vec(),
        job,
        notice: query
            .published
            .as_ref()
            .map(|_| "Published: its people see it on their pages and in their feeds.".to_string()),
        problem: query.error.as_deref().map(|code| refusal_text(code).to_string()),
        script: assets::url("board.js"),
        desk_id: board.detail.desk.id.clone(),
        desk_name: board.detail.desk.name.clone(),
        zone: board.detail.desk.time_zone.clone(),
        period: format!("{} – {}", roster.first_date.format("%a %-d %b"), roster.last_date.format("%a %-d %b %Y")),
        status: if roster.status == RosterStatus::Published { "published" } else { "draft" },
        cover: cover_rows(&board),
        columns: board.days.len() + 5,
        days,
        groups,
    };
    Ok(ok(&page))
}
