//! The `rota` command line: serve | migrate | admin | demo | holidays | plan | bench.

pub mod admin;
pub mod bench;
pub mod bench_load;
pub mod demo;
pub mod demo_data;
pub mod demo_desks;
pub mod demo_rosters;
pub mod demo_time_off;
pub mod holidays;
pub mod migrate;
pub mod plan;
pub mod serve;
pub mod solving;

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
    /// Make an admin or reset a password, on `DATABASE_URL` (SQLite or PostgreSQL).
    Admin(admin::AdminArgs),
    /// Create or refresh a demo database on SQLite and serve it.
    Demo(demo::DemoArgs),
    /// Public holidays: import a company's own calendar, list the built-in regions.
    Holidays(holidays::HolidaysArgs),
    /// Plan a roster: JSON problem in, JSON plan out.
    Plan(plan::PlanArgs),
    /// Planner benchmarks: the Curtois–Qu instances, or a generated support desk.
    Bench(bench::BenchArgs),
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
    let outcome = match cli.command {
        // The planner commands print their own results and choose their exit codes.
        Command::Plan(args) => return plan::run(args),
        Command::Bench(args) => return bench::run(args),
        Command::Serve => {
            init_logging();
            serve::run()
        }
        Command::Migrate(args) => {
            init_logging();
            migrate::run(args)
        }
        Command::Admin(args) => {
            init_logging();
            admin::run(args)
        }
        Command::Demo(args) => {
            init_logging();
            demo::run(args)
        }
        Command::Holidays(args) => {
            init_logging();
            holidays::run(args)
        }
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
