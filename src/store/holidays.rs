//! A company's own holiday calendars, imported with `rota holidays import`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::schema::company_holidays;
use super::{stored, DbConnection, StoreError};

fn day_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Makes `days` the region's company calendar, replacing what an earlier import left.
pub fn replace_region(
    conn: &mut DbConnection,
    region: &str,
    days: &[(NaiveDate, String)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::delete(company_holidays::table.filter(company_holidays::region.eq(region))).execute(conn)?;
    for (date, name) in days {
        diesel::insert_into(company_holidays::table)
            .values((
                company_holidays::region.eq(region),
                company_holidays::day.eq(day_text(*date)),
                company_holidays::name.eq(name),
                company_holidays::imported_at.eq(stored(now)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The region's company holidays `from..=to`, by date.
pub fn in_range(
    conn: &mut DbConnection,
    region: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, String)>, StoreError> {
    let rows: Vec<(String, String)> = company_holidays::table
        .filter(company_holidays::region.eq(region))
        .filter(company_holidays::day.ge(day_text(from)).and(company_holidays::day.le(day_text(to))))
        .select((company_holidays::day, company_holidays::name))
        .order((company_holidays::day, company_holidays::name))
        .load(conn)?;
    rows.into_iter()
        .map(|(day, name)| {
            let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| StoreError::Corrupt {
                entity: "company holiday",
                id: format!("{region} {day}"),
                what: "date",
            })?;
            Ok((date, name))
        })
        .collect()
}

/// Whether the company has a calendar of its own for `region`.
pub fn has_region(conn: &mut DbConnection, region: &str) -> Result<bool, StoreError> {
    let count: i64 = company_holidays::table.filter(company_holidays::region.eq(region)).count().get_result(conn)?;
    Ok(count > 0)
}
