//! `rota plan`: reads a JSON problem, plans it, writes the JSON plan.
//! Exit codes: 0 plan written, 1 no roster satisfies the hard rules, 2 invalid input.

use super::solving::{threads, WallClock};
use crate::planner::model::Problem;
use crate::planner::solver::{solve, PlanError, SolveOptions};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    /// Problem file (JSON, see docs/planner.md).
    #[arg(long)]
    pub input: PathBuf,
    /// Time budget in seconds.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Iteration budget; with it, the same seed always gives the same plan.
    #[arg(long)]
    pub iterations: Option<u64>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the plan (default: standard output).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Search threads (default: one per core). The same seed, iteration budget and
    /// thread count give the same plan.
    #[arg(long)]
    pub threads: Option<usize>,
}

fn invalid(message: String) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

pub fn run(args: PlanArgs) -> ExitCode {
    if !(args.seconds.is_finite() && args.seconds > 0.0) {
        return invalid(format!("--seconds: must be a positive number, got {}", args.seconds));
    }
    let text = match std::fs::read_to_string(&args.input) {
        Ok(t) => t,
        Err(e) => return invalid(format!("--input: cannot read {}: {e}", args.input.display())),
    };
    // The path (`shifts[3].start`) tells the user where, serde's message what.
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let problem: Problem = match serde_path_to_error::deserialize(&mut deserializer) {
        // Only whitespace may follow the problem: two files pasted together are a mistake.
        Ok(p) => match deserializer.end() {
            Ok(()) => p,
            Err(e) => return invalid(format!("{}: {e}", args.input.display())),
        },
        Err(e) if e.path().to_string() == "." => return invalid(format!("{}: {}", args.input.display(), e.inner())),
        Err(e) => return invalid(format!("{}: {}: {}", args.input.display(), e.path(), e.inner())),
    };
    let options = SolveOptions {
        seed: args.seed,
        max_iterations: args.iterations,
        time_limit: if args.iterations.is_some() { None } else { Some(Duration::from_secs_f64(args.seconds)) },
        tuning: None,
        threads: threads(args.threads),
        control: Default::default(),
    };
    let clock = WallClock(Instant::now());
    let plan = match solve(&problem, &options, &clock) {
        Ok(plan) => plan,
        Err(PlanError::Invalid(e)) => return invalid(format!("{}: {e}", args.input.display())),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let json = match serde_json::to_string_pretty(&plan) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("error: cannot serialise the plan: {e}");
            return ExitCode::FAILURE;
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, json + "\n") {
                eprintln!("error: --output: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        None => println!("{json}"),
    }
    eprintln!(
        "planned {} assignments, score {}, {} shifts below minimum, seed {}, {} iterations, {} ms",
        plan.assignments.len(),
        plan.score.total,
        plan.shortfalls.len(),
        plan.seed,
        plan.iterations,
        plan.elapsed_ms
    );
    ExitCode::SUCCESS
}
