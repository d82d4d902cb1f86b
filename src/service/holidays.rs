//! Public holidays: the calendars built into the binary and a company's own imports.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Actor, Context, Error};
use crate::calendar;
use crate::domain::holiday_region::normalize_holiday_region;
use crate::domain::InvalidValue;
use crate::store::{self, DbConnection};

/// Where a holiday comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolidaySource {
    /// `calendars/` in the binary.
    BuiltIn,
    /// `rota holidays import`.
    Company,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Holiday {
    #[schema(value_type = String, format = Date, example = "2026-04-06")]
    pub date: NaiveDate,
    pub name: String,
    pub source: HolidaySource,
}

/// The region's holidays `from..=to`, built-in and company ones, by date.
pub fn in_range(conn: &mut DbConnection, region: &str, from: NaiveDate, to: NaiveDate) -> Result<Vec<Holiday>, Error> {
    let mut days: Vec<Holiday> = calendar::embedded(region)
        .unwrap_or_default()
        .iter()
        .filter(|h| h.date >= from && h.date <= to)
        .map(|h| Holiday { date: h.date, name: h.name.clone(), source: HolidaySource::BuiltIn })
        .collect();
    for (date, name) in store::holidays::in_range(conn, region, from, to)? {
        days.push(Holiday { date, name, source: HolidaySource::Company });
    }
    days.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    Ok(days)
}

/// Whether any calendar, built-in or the company's, knows `region`.
pub fn region_is_known(conn: &mut DbConnection, region: &str) -> Result<bool, Error> {
    Ok(calendar::embedded(region).is_some() || store::holidays::has_region(conn, region)?)
}

/// `GET /api/holidays?region=&year=`: anyone signed in.
pub fn list(ctx: &Context, _actor: &Actor, region: &str, year: i32) -> Result<Vec<Holiday>, Error> {
    let region = normalize_holiday_region("region", region)?;
    let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Err(InvalidValue::new("year", "out_of_range", "a year between 1900 and 2200").into());
    };
    if !(1900..=2200).contains(&from.year()) {
        return Err(InvalidValue::new("year", "out_of_range", "a year between 1900 and 2200").into());
    }
    ctx.read(|conn| {
        if !region_is_known(conn, &region)? {
            return Err(InvalidValue::new(
                "region",
                "unknown_region",
                format!(
                    "no holiday calendar for `{region}`; built in: {}; import your own with `rota holidays import`",
                    calendar::embedded_regions().join(", ")
                ),
            )
            .into());
        }
        in_range(conn, &region, from, to)
    })
}

/// Replaces `region`'s company calendar with the file `text` (`rota holidays import`):
/// all of it or, when a line is wrong, none of it. Returns the number of days.
pub fn import(ctx: &Context, region: &str, text: &str) -> Result<usize, Error> {
    let region = normalize_holiday_region("region", region)?;
    let days =
        calendar::parse_holidays(text).map_err(|e| InvalidValue::new("file", "invalid_calendar", e.to_string()))?;
    let days: Vec<(NaiveDate, String)> = days.into_iter().map(|h| (h.date, h.name)).collect();
    let now = ctx.now();
    ctx.write(|conn| {
        store::holidays::replace_region(conn, &region, &days, now)?;
        Ok(days.len())
    })
}
