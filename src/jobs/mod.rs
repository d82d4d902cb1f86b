//! The job runner inside `rota serve`: worker threads that claim queued jobs from the
//! database, run the planner on them while renewing their lease, and store the
//! result through the service. Several processes on one PostgreSQL share the queue.

pub mod plan_roster;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::planner::solver::Clock;
use crate::service::jobs::run::{self, Lease};
use crate::service::{Context, Error};

/// The planner's clock: wall time since the job started.
pub struct WallClock(pub Instant);

impl Clock for WallClock {
    fn elapsed(&self) -> Duration {
        self.0.elapsed()
    }
}

#[derive(Debug, Clone)]
pub struct RunnerConfig {
    /// Jobs this process runs at once.
    pub workers: usize,
    /// Search threads per planning job.
    pub planner_threads: usize,
    /// How long a claim or renewal holds a job.
    pub lease: chrono::Duration,
    /// How often a running job renews its lease and reports progress.
    pub heartbeat: Duration,
    /// How long an idle worker waits before looking for work again.
    pub idle_poll: Duration,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            workers: 1,
            planner_threads: 1,
            lease: chrono::Duration::seconds(30),
            heartbeat: Duration::from_secs(5),
            idle_poll: Duration::from_secs(1),
        }
    }
}

/// A name for this process's leases, unique across processes and restarts.
pub fn owner_name() -> String {
    format!("rota-{}-{}", std::process::id(), &uuid::Uuid::new_v4().to_string()[..8])
}

/// Claims one job and runs it to the end; false when there was none to claim.
pub fn run_next(ctx: &Context, config: &RunnerConfig, lease: &Lease) -> Result<bool, Error> {
    let Some(job) = run::claim(ctx, lease)? else { return Ok(false) };
    tracing::info!(job = %job.id, roster = %job.roster_id, attempt = job.attempts, "job claimed");
    plan_roster::execute(ctx, config, lease, &job)?;
    Ok(true)
}

/// Starts the workers; they run until `stop` is set (or the process ends).
pub fn spawn(ctx: Context, config: RunnerConfig, stop: Arc<AtomicBool>) -> Vec<JoinHandle<()>> {
    (0..config.workers.max(1))
        .map(|index| {
            let (ctx, config, stop) = (ctx.clone(), config.clone(), stop.clone());
            let lease = Lease { owner: format!("{}-w{index}", owner_name()), length: config.lease };
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match run_next(&ctx, &config, &lease) {
                        Ok(true) => {}
                        Ok(false) => std::thread::sleep(config.idle_poll),
                        Err(error) => {
                            tracing::warn!(%error, "job runner: will retry");
                            std::thread::sleep(config.idle_poll);
                        }
                    }
                }
            })
        })
        .collect()
}
