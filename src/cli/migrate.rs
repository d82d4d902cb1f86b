use clap::Args;

use super::CliResult;
use crate::config::DEFAULT_DATABASE_URL;
use crate::store::{migrations, pool};

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Revert the newest applied migration instead of applying pending ones.
    #[arg(long)]
    pub revert_last: bool,
}

/// Only the database is needed here, so no JWT secret is asked for.
pub fn run(args: MigrateArgs) -> CliResult {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
    let pool = pool::connect(&url)?;
    let mut conn = pool.get()?;
    if args.revert_last {
        let name = migrations::revert_last(&mut conn)?;
        println!("reverted {name}");
    } else {
        let applied = migrations::run_pending(&mut conn)?;
        if applied.is_empty() {
            println!("database is up to date");
        }
        for name in applied {
            println!("applied {name}");
        }
        let filled = crate::store::people::backfill_search_keys(&mut conn)?;
        if filled > 0 {
            println!("search keys filled in for {filled} people");
        }
    }
    Ok(())
}
