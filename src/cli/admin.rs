//! `rota admin create | reset-password`: how an operator makes the first admin of a
//! fresh database, or lets an admin who forgot their password back in. The password
//! is read from standard input, never from the command line (where `ps` and shell
//! history would show it).

use std::io::BufRead;
use std::sync::Arc;

use clap::{Args, Subcommand};

use super::CliResult;
use crate::config::DEFAULT_DATABASE_URL;
use crate::domain::SystemClock;
use crate::service::admins::{self, NewAdmin};
use crate::service::{Context, Hasher};
use crate::store::{pool, DbPool};

#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub action: AdminAction,
}

#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Create an active admin; the password is read from standard input (one line).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// IANA zone the admin lives in.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
        /// Whose public holidays apply: ISO 3166-1, optionally with subdivision.
        #[arg(long, default_value = "GB")]
        holiday_region: String,
    },
    /// Set a new password (from standard input) on an account and make it active;
    /// its older tokens stop working.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

/// A service context for command-line use: the system clock, one hashing permit.
pub fn service_context(pool: DbPool) -> Context {
    service_context_on(pool, Arc::new(SystemClock))
}

/// The same on another clock (`rota demo --today`).
pub fn service_context_on(pool: DbPool, clock: Arc<dyn crate::domain::Clock>) -> Context {
    Context::new(pool, clock, Arc::new(Hasher::new(1, std::time::Duration::from_secs(30))))
}

fn read_password() -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err("no password on standard input (e.g. `printf '%s\\n' \"$PASSWORD\" | rota admin …`)".into());
    }
    Ok(password)
}

/// Applies pending migrations first, so this works on a fresh database.
pub fn run(args: AdminArgs) -> CliResult {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
    let ctx = service_context(pool::connect_and_migrate(&url)?);
    let password = read_password()?;
    let outcome = match args.action {
        AdminAction::Create { email, name, time_zone, holiday_region } => {
            let admin = NewAdmin {
                name: &name,
                email: &email,
                password: &password,
                time_zone: &time_zone,
                holiday_region: &holiday_region,
            };
            admins::create(&ctx, admin).map(|person| format!("created admin {} ({})", person.email, person.id))
        }
        AdminAction::ResetPassword { email } => admins::reset_password(&ctx, &email, &password)
            .map(|person| format!("new password set for {} ({})", person.email, person.id)),
    };
    println!("{}", outcome.map_err(describe)?);
    Ok(())
}

/// What an operator should read when the command is refused.
fn describe(error: crate::service::Error) -> String {
    match error {
        crate::service::Error::Invalid(invalid) => {
            format!("--{}: {}", invalid.field.replace('_', "-"), invalid.message)
        }
        crate::service::Error::NotFound(_) => "no account has this email".into(),
        other => other.to_string(),
    }
}
