//! `GET /api/me/shifts`: a person's published shifts across desks, in their zone.

use chrono::{Days, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::InvalidValue;
use crate::planner::time::resolve_local;
use crate::service::desks::expand::local_text;
use crate::service::{Actor, Context, Error};
use crate::store;

pub const DEFAULT_DAYS: u64 = 28;
pub const MAX_DAYS: i64 = 366;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Teammate {
    pub person_id: String,
    pub name: String,
}

/// One of my shifts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyShift {
    pub shift_id: String,
    pub assignment_id: String,
    /// Grows with every change of my assignment.
    pub sequence: i64,
    pub desk_id: String,
    pub desk_name: String,
    /// The desk's zone, for showing the shift as its manager sees it.
    pub desk_time_zone: String,
    pub template: String,
    pub shift_type: String,
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: chrono::DateTime<chrono::Utc>,
    /// In the zone asked for (mine unless `tz` is given), RFC 3339 with offset.
    pub start_local: String,
    pub end_local: String,
    /// The local date it starts on, in that zone.
    #[schema(value_type = String)]
    pub local_date: NaiveDate,
    pub minutes: i64,
    /// Everyone else on it.
    pub with: Vec<Teammate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyShifts {
    pub time_zone: String,
    #[schema(value_type = String)]
    pub from: NaiveDate,
    #[schema(value_type = String)]
    pub to: NaiveDate,
    pub shifts: Vec<MyShift>,
}

/// My published shifts starting on local dates `from..=to` of `zone` (default: my
/// zone, today and the next four weeks).
pub fn my_shifts(
    ctx: &Context,
    actor: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    zone: Option<&str>,
) -> Result<MyShifts, Error> {
    ctx.read(|conn| {
        let me = store::people::find(conn, &actor.id)?.ok_or(Error::NotFound("person"))?;
        let zone_name = zone.unwrap_or(&me.time_zone);
        let zone: Tz = crate::domain::time_zone::parse_time_zone("tz", zone_name)?;
        let today = ctx.now().with_timezone(&zone).date_naive();
        let from = from.unwrap_or(today);
        let to = to.unwrap_or_else(|| from.checked_add_days(Days::new(DEFAULT_DAYS - 1)).unwrap_or(from));
        if to < from {
            return Err(InvalidValue::new("to", "before_from", "`to` is before `from`").into());
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(InvalidValue::new("to", "range_too_long", format!("at most {MAX_DAYS} days at a time")).into());
        }
        let midnight = |date: NaiveDate| resolve_local(zone, date.and_time(NaiveTime::MIN));
        let (start, end) = (midnight(from), midnight(to.succ_opt().unwrap_or(to)));
        let work = store::rosters::published_work(conn, std::slice::from_ref(&me.id), start, end)?;
        let work: Vec<_> = work.into_iter().filter(|w| w.shift.start >= start && w.shift.start < end).collect();
        let shift_ids: Vec<String> = work.iter().map(|w| w.shift.id.clone()).collect();
        let on_them = store::assignments::on_shifts(conn, &shift_ids)?;
        let people: Vec<String> = on_them.iter().map(|a| a.person_id.clone()).collect();
        let names = store::people::names(conn, &people)?;
        let mut shifts = Vec::with_capacity(work.len());
        for w in work {
            let Some(mine) = on_them.iter().find(|a| a.shift_id == w.shift.id && a.person_id == me.id) else {
                continue;
            };
            let mut with: Vec<Teammate> = on_them
                .iter()
                .filter(|a| a.shift_id == w.shift.id && a.person_id != me.id)
                .map(|a| Teammate {
                    person_id: a.person_id.clone(),
                    name: names.get(&a.person_id).cloned().unwrap_or_default(),
                })
                .collect();
            // By name, so a page or a feed lists them the same way every time.
            with.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.person_id.cmp(&b.person_id)));
            shifts.push(MyShift {
                shift_id: w.shift.id.clone(),
                assignment_id: mine.id.clone(),
                sequence: mine.sequence,
                desk_id: w.desk_id,
                desk_name: w.desk_name,
                desk_time_zone: w.desk_time_zone,
                template: w.shift.template_name.clone(),
                shift_type: w.shift.shift_type.clone(),
                start: w.shift.start,
                end: w.shift.end,
                start_local: local_text(zone, w.shift.start),
                end_local: local_text(zone, w.shift.end),
                local_date: w.shift.start.with_timezone(&zone).date_naive(),
                minutes: (w.shift.end - w.shift.start).num_minutes(),
                with,
            });
        }
        Ok(MyShifts { time_zone: zone.name().to_string(), from, to, shifts })
    })
}
