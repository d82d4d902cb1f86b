//! Running one planning job: the planner on this thread, a heartbeat beside it that
//! renews the lease, records progress and passes a cancel on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::{RunnerConfig, WallClock};
use crate::domain::job::{Job, JobProgress};
use crate::planner::solver::{self, Control, Progress, SolveOptions};
use crate::service::jobs::run::{self, Heartbeat, Lease};
use crate::service::rosters::plan::MAX_SECONDS;
use crate::service::{Context, Error};

fn job_progress(progress: &Progress) -> JobProgress {
    JobProgress {
        // `fraction` is clamped to 0..=1 by the planner.
        permille: (progress.fraction * 1000.0).round().clamp(0.0, 1000.0) as u32,
        best_score: Some(progress.best_score),
        hard_violations: Some(progress.hard_violations),
    }
}

/// Sleeps up to `length`, waking early when `done` is set.
fn wait(length: Duration, done: &AtomicBool) {
    let until = Instant::now() + length;
    while !done.load(Ordering::Relaxed) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50).min(length));
    }
}

pub fn execute(ctx: &Context, config: &RunnerConfig, lease: &Lease, job: &Job) -> Result<(), Error> {
    let problem = match run::problem_for(ctx, job) {
        Ok(problem) => problem,
        Err(error) => {
            run::fail(ctx, job, lease, &error)?;
            return Ok(());
        }
    };
    let latest = Arc::new(Mutex::new(JobProgress::default()));
    let cancel = Arc::new(AtomicBool::new(false));
    // The first beat proves the lease and picks up a cancel asked for meanwhile.
    match run::heartbeat(ctx, &job.id, lease, JobProgress::default())? {
        Heartbeat::Lost => return Ok(()),
        Heartbeat::Cancel => cancel.store(true, Ordering::Relaxed),
        Heartbeat::Continue => {}
    }
    let sink = latest.clone();
    let control = Control {
        progress: Some(Arc::new(move |p: &Progress| {
            *sink.lock().unwrap_or_else(PoisonError::into_inner) = job_progress(p);
        })),
        cancel: Some(cancel.clone()),
    };
    // An iteration budget also gets the longest time budget: the service never lets a
    // job run unbounded.
    let seconds = job.budget.seconds.unwrap_or(MAX_SECONDS);
    let options = SolveOptions {
        seed: job.budget.seed,
        max_iterations: job.budget.iterations,
        time_limit: Some(Duration::from_secs(u64::from(seconds))),
        threads: config.planner_threads.max(1),
        control,
        ..SolveOptions::default()
    };
    let (done, lost) = (AtomicBool::new(false), AtomicBool::new(false));
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                wait(config.heartbeat, &done);
                if done.load(Ordering::Relaxed) {
                    break;
                }
                let progress = *latest.lock().unwrap_or_else(PoisonError::into_inner);
                match run::heartbeat(ctx, &job.id, lease, progress) {
                    Ok(Heartbeat::Continue) => {}
                    Ok(Heartbeat::Cancel) => cancel.store(true, Ordering::Relaxed),
                    Ok(Heartbeat::Lost) => {
                        lost.store(true, Ordering::Relaxed);
                        cancel.store(true, Ordering::Relaxed);
                        break;
                    }
                    Err(error) => tracing::warn!(job = %job.id, %error, "lease renewal failed; retrying"),
                }
            }
        });
        let outcome = solver::solve(&problem, &options, &WallClock(Instant::now()));
        done.store(true, Ordering::Relaxed);
        outcome
    });
    if lost.load(Ordering::Relaxed) {
        tracing::warn!(job = %job.id, "lease lost to another runner; result dropped");
        return Ok(());
    }
    let progress = *latest.lock().unwrap_or_else(PoisonError::into_inner);
    if !run::complete(ctx, job, lease, &problem, outcome, progress)? {
        tracing::warn!(job = %job.id, "lease lost before the result was stored; result dropped");
    }
    Ok(())
}
