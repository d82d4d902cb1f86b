use actix_web::HttpServer;

use super::CliResult;
use crate::config::{redact_password, Config};
use crate::http::{build_app, AppState};
use crate::store;

pub fn run() -> CliResult {
    let config = Config::from_env()?;
    serve(config)
}

/// Migrates, then serves until interrupted.
pub fn serve(config: Config) -> CliResult {
    serve_on(config, std::sync::Arc::new(crate::domain::SystemClock))
}

/// `serve` on the given clock; `demo --today` serves on a date of its choosing.
pub fn serve_on(config: Config, clock: std::sync::Arc<dyn crate::domain::Clock>) -> CliResult {
    // A calendar that does not parse is a broken build: refuse to start, never serve
    // a desk without its holidays.
    crate::calendar::check_embedded()
        .map_err(|(region, error)| format!("built-in holiday calendar {region} is broken: {error}"))?;
    let pool = store::pool::connect_and_migrate(&config.database_url)?;
    tracing::info!(database = %redact_password(&config.database_url), bind = %config.bind, "rota serving");
    let hasher = std::sync::Arc::new(crate::service::Hasher::for_this_machine());
    let context = crate::service::Context::new(pool, clock, hasher).with_public_url(config.public_url.clone());
    let runner = crate::jobs::RunnerConfig {
        workers: config.job_workers,
        planner_threads: config.planner_threads,
        ..crate::jobs::RunnerConfig::default()
    };
    // The workers live as long as the process; a job they hold when it dies is
    // claimed again once its lease runs out.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _workers = crate::jobs::spawn(context.clone(), runner, stop);
    let state = AppState::new(context, &config.jwt_secret);
    let bind = config.bind.clone();
    actix_web::rt::System::new()
        .block_on(async move { HttpServer::new(move || build_app(state.clone())).bind(&bind)?.run().await })?;
    Ok(())
}
