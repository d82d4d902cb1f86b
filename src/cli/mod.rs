//! The `rota` command line: serve | migrate | demo.

pub mod demo;
pub mod demo_data;
pub mod migrate;
pub mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "rota", version, about = "Plans who works when in customer-support teams")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP (configured by environment variables).
    Serve,
    /// Apply pending migrations and exit.
    Migrate(migrate::MigrateArgs),
    /// Create or refresh a demo database on SQLite and serve it.
    Demo(demo::DemoArgs),
}

/// Human-readable lines by default; `ROTA_LOG_FORMAT=json` gives one JSON
/// object per line for log shippers.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    if std::env::var("ROTA_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json")) {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub fn run(cli: Cli) -> ExitCode {
    init_logging();
    let outcome = match cli.command {
        Command::Serve => serve::run(),
        Command::Migrate(args) => migrate::run(args),
        Command::Demo(args) => demo::run(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rota: {error}");
            ExitCode::FAILURE
        }
    }
}

pub type CliResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;
