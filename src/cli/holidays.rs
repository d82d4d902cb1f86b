//! `rota holidays import FILE --region XX | regions`: a company's own holiday calendar
//! next to the built-in ones.

use clap::{Args, Subcommand};

use super::admin::service_context;
use super::CliResult;
use crate::calendar;
use crate::config::DEFAULT_DATABASE_URL;
use crate::service::holidays;
use crate::store::pool;

#[derive(Debug, Args)]
pub struct HolidaysArgs {
    #[command(subcommand)]
    pub action: HolidaysAction,
}

#[derive(Debug, Subcommand)]
pub enum HolidaysAction {
    /// Load an iCalendar file as the company's own holidays of a region, replacing an
    /// earlier import of that region; a file with a wrong line is refused whole.
    Import {
        /// The .ics file (all-day VEVENTs; DTEND or DURATION).
        file: std::path::PathBuf,
        /// Holiday region: ISO 3166-1 country, optionally with subdivision (PL, DE-BY).
        #[arg(long)]
        region: String,
    },
    /// List the regions with a built-in calendar.
    Regions,
}

pub fn run(args: HolidaysArgs) -> CliResult {
    match args.action {
        HolidaysAction::Regions => {
            println!("{}", calendar::embedded_regions().join(" "));
            Ok(())
        }
        HolidaysAction::Import { file, region } => {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
            let ctx = service_context(pool::connect_and_migrate(&url)?);
            let days = holidays::import(&ctx, &region, &text).map_err(|error| match error {
                crate::service::Error::Invalid(invalid) if invalid.field == "file" => {
                    format!("{}: {}", file.display(), invalid.message)
                }
                crate::service::Error::Invalid(invalid) => format!("--{}: {}", invalid.field, invalid.message),
                other => other.to_string(),
            })?;
            println!("imported {days} holiday days for {} from {}", region.trim().to_ascii_uppercase(), file.display());
            Ok(())
        }
    }
}
