use std::sync::Arc;

use clap::Args;

use super::{demo_data, serve, CliResult};
use crate::config::{Config, JwtSecret, DEFAULT_BIND};
use crate::domain::{Clock, ShiftedClock, SystemClock};
use crate::store::pool;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// SQLite file for the demo; it is recreated on every run.
    #[arg(long, default_value = "rota-demo.db")]
    pub database: String,
    /// Address to serve on.
    #[arg(long, env = "ROTA_BIND", default_value = DEFAULT_BIND)]
    pub bind: String,
    /// Create the data and exit without serving.
    #[arg(long)]
    pub no_serve: bool,
    /// Run as if today were this date (YYYY-MM-DD): the same demo data, pages and
    /// screenshots on every run.
    #[arg(long, value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("`{text}` is not a date as YYYY-MM-DD"))
}

pub fn run(args: DemoArgs) -> CliResult {
    if pool::is_postgres(&args.database) {
        return Err("the demo runs on a SQLite file; pass --database <file>".into());
    }
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", args.database);
        if std::path::Path::new(&path).exists() {
            std::fs::remove_file(&path)?;
        }
    }
    let db = pool::connect_and_migrate(&args.database)?;
    let clock: Arc<dyn Clock> = match args.today {
        Some(today) => Arc::new(ShiftedClock::to_date(today)),
        None => Arc::new(SystemClock),
    };
    let demo = demo_data::seed(&super::admin::service_context_on(db, clock.clone()))?;
    let logins = demo.logins;

    println!("rota demo: {} recreated with demo data.", args.database);
    for line in &demo.plans {
        println!("{line}");
    }
    println!("A random JWT secret was generated for this run (tokens die with the process).");
    println!();
    println!("Logins (email / password):");
    for login in &logins {
        println!("  {:<8} {:<32} {}", login.role, login.email, login.password);
    }
    println!();
    let member = logins.iter().find(|l| l.role == "member");
    println!(
        "Open http://{}/ in a browser and sign in, e.g. as the member {} / {}.",
        args.bind,
        member.map(|l| l.email.as_str()).unwrap_or(""),
        member.map(|l| l.password).unwrap_or("")
    );
    println!();
    println!("Try the API:");
    println!("  TOKEN=$(curl -s -X POST http://{}/api/auth/login -H 'Content-Type: application/json' \\", args.bind);
    println!(
        "      -d '{{\"email\":\"{}\",\"password\":\"{}\"}}' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
        logins.first().map(|l| l.email.as_str()).unwrap_or(""),
        logins.first().map(|l| l.password).unwrap_or("")
    );
    println!("  curl -s http://{}/api/me -H \"Authorization: Bearer $TOKEN\"", args.bind);
    println!("  curl -s http://{}/api/people -H \"Authorization: Bearer $TOKEN\"", args.bind);
    println!("  curl -s http://{}/api/desks -H \"Authorization: Bearer $TOKEN\"", args.bind);
    println!("  curl -s http://{}/api/time-off -H \"Authorization: Bearer $TOKEN\"", args.bind);
    println!("  API description: http://{}/api/openapi.json", args.bind);
    if args.no_serve {
        return Ok(());
    }
    serve::serve_on(
        Config {
            public_url: Some(format!("http://{}", args.bind)),
            database_url: args.database,
            bind: args.bind,
            jwt_secret: JwtSecret::generate(),
            job_workers: 1,
            planner_threads: 1,
        },
        clock,
    )
}
