//! A desk's week as its page draws it: the coverage windows, every shift the
//! templates give, closed days, and the coverage check's gaps, overlaps and parts
//! outside the window. A week on each side is included, so a view of the same week
//! in another zone (UTC) finds what crosses its edges.

use chrono::{Datelike, Days, NaiveDate};

use super::expand::{self, ClosedDays, CoverageCheck, DeskShift};
use super::{closed_days, find, today};
use crate::domain::Desk;
use crate::planner::time::UtcInterval;
use crate::service::{Actor, Context, Error};

#[derive(Debug, Clone)]
pub struct DeskWeek {
    pub desk: Desk,
    /// The Monday of the week, in the desk's zone.
    pub monday: NaiveDate,
    pub windows: Vec<UtcInterval>,
    pub shifts: Vec<DeskShift>,
    pub closed: ClosedDays,
    pub check: CoverageCheck,
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The week holding `date` (today in the desk's zone when none).
pub fn week(ctx: &Context, actor: &Actor, id: &str, date: Option<NaiveDate>) -> Result<DeskWeek, Error> {
    ctx.read(|conn| {
        let desk = find(conn, id)?;
        Error::require(actor.reads_desk(&desk))?;
        let monday = monday_of(date.unwrap_or_else(|| today(ctx, &desk)));
        let out_of_range =
            || Error::from(crate::domain::InvalidValue::new("week", "out_of_range", "a week between 1900 and 2200"));
        if !(1900..=2200).contains(&monday.year()) {
            return Err(out_of_range());
        }
        let from = monday.checked_sub_days(Days::new(7)).ok_or_else(out_of_range)?;
        let to = monday.checked_add_days(Days::new(13)).ok_or_else(out_of_range)?;
        let closed = closed_days(conn, &desk, from.pred_opt().unwrap_or(from), to)?;
        let shifts = expand::shifts(&desk, from, to, &closed);
        let check = expand::coverage_check(&desk, from, to, &closed);
        let windows = expand::window_instances(&desk, from, to);
        Ok(DeskWeek { desk, monday, windows, shifts, closed, check })
    })
}
