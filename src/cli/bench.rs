//! `rota bench`: benchmark figures for the planner (not timed tests).
//! `curtois`: the Curtois–Qu instances against their best-known values;
//! `desk`: a generated follow-the-sun support desk.

use super::solving::{threads, WallClock};
use crate::planner::bench::curtois;
use crate::planner::bench::desk_scenario::{self, DeskScenario};
use crate::planner::checker::check;
use crate::planner::model::NightRule;
use crate::planner::solver::{solve, Budget, Clock, PlanError, SolveOptions, Tuning};
use chrono::NaiveTime;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub which: BenchKind,
}

#[derive(clap::Subcommand, Debug)]
pub enum BenchKind {
    /// Curtois–Qu instances (InstanceN.txt in --dir).
    Curtois {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Comma-separated instance numbers, e.g. 1,2,3 (default: 1–24).
        #[arg(long, value_delimiter = ',')]
        only: Vec<usize>,
        /// Folder for the roster grids (InstanceN.grid.txt), readable by evaluate.py.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Search threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Stop each thread after this many iterations instead of after --seconds: the
        /// same plan every time, so two solver versions can be timed on equal work.
        #[arg(long)]
        iterations: Option<u64>,
    },
    /// A generated follow-the-sun support desk.
    Desk {
        #[arg(long, default_value_t = 300)]
        people: usize,
        #[arg(long, default_value_t = 8)]
        weeks: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Planning budget; 4.5 s keeps planning plus final checks within 5 s.
        #[arg(long, default_value_t = 4.5)]
        seconds: f64,
        /// Write the generated problem and the plan as JSON into this folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Search threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// The organisation's night, as FROM-TO/MINUTES, e.g. 22:00-06:00/180 (default:
        /// the planner's 23:00-06:00/180).
        #[arg(long, value_parser = parse_night)]
        night: Option<NightRule>,
    },
    /// Loads the generated organisation's people into an empty database as one 24/5
    /// desk with a draft roster, for measuring the API (`rota serve` on it).
    LoadDesk {
        /// Database URL or SQLite file (migrated first).
        #[arg(long)]
        database: String,
        #[arg(long, default_value_t = 300)]
        people: usize,
        #[arg(long, default_value_t = 4)]
        weeks: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// First day of the roster, a Monday (default: the first Monday a week from now).
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
    },
}

/// `22:00-06:00/180` → a night rule (the planner validates it further).
fn parse_night(text: &str) -> Result<NightRule, String> {
    let wrong = || format!("'{text}': expected FROM-TO/MINUTES, e.g. 22:00-06:00/180");
    let (window, minutes) = text.split_once('/').ok_or_else(wrong)?;
    let (from, to) = window.split_once('-').ok_or_else(wrong)?;
    let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| wrong());
    let min_minutes = minutes.trim().parse::<u32>().map_err(|_| wrong())?;
    Ok(NightRule { from: time(from)?, to: time(to)?, min_minutes })
}

/// Best-known objective values (README §4; source B for 22–24, 3828 for 15).
pub const BEST_KNOWN: [i64; 24] = [
    607, 828, 1001, 1716, 1143, 1950, 1056, 1300, 439, 4631, 3443, 4040, 1348, 1278, 3828, 3225, 5746, 4459, 3149,
    4769, 21133, 30241, 17285, 40439,
];

fn seconds(field: &str, s: f64) -> Result<Duration, String> {
    if s.is_finite() && s > 0.0 {
        Ok(Duration::from_secs_f64(s))
    } else {
        Err(format!("--{field}: must be a positive number of seconds, got {s}"))
    }
}

pub fn run(args: BenchArgs) -> ExitCode {
    let result = match args.which {
        BenchKind::Curtois { dir, seconds: s, seed, only, out, threads: t, iterations } => seconds("seconds", s)
            .and_then(|limit| {
                let budget = match iterations {
                    Some(n) => Budget { max_iterations: Some(n), time_limit: None },
                    None => Budget { max_iterations: None, time_limit: Some(limit) },
                };
                run_curtois(&dir, budget, seed, threads(t), &only, out.as_deref())
            }),
        BenchKind::Desk { people, weeks, seed, seconds: s, out, threads: t, night } => {
            seconds("seconds", s).and_then(|limit| {
                let desk = DeskRun { people, weeks, seed, limit, threads: threads(t), night };
                run_desk(&desk, out.as_deref())
            })
        }
        BenchKind::LoadDesk { database, people, weeks, seed, from } => {
            super::bench_load::run(&database, people, weeks, seed, from).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run_curtois(
    dir: &std::path::Path,
    budget: Budget,
    seed: u64,
    threads: usize,
    only: &[usize],
    out: Option<&std::path::Path>,
) -> Result<ExitCode, String> {
    let list: Vec<usize> = if only.is_empty() { (1..=24).collect() } else { only.to_vec() };
    if let Some(bad) = list.iter().find(|n| !(1..=24).contains(*n)) {
        return Err(format!("--only: instance {bad} is not in 1..=24"));
    }
    if let Some(out) = out {
        std::fs::create_dir_all(out).map_err(|e| format!("--out: {}: {e}", out.display()))?;
    }
    println!("| instance | objective | best known | gap % | seconds | iterations | hard violations |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut failed = false;
    for n in list {
        let path = dir.join(format!("Instance{n}.txt"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("--dir: {}: {e}", path.display()))?;
        let inst = curtois::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let problem = curtois::to_problem(&inst);
        let clock = WallClock(Instant::now());
        let options = SolveOptions {
            seed,
            max_iterations: budget.max_iterations,
            time_limit: budget.time_limit,
            tuning: tuning_from_env(),
            threads,
            control: Default::default(),
        };
        match solve(&problem, &options, &clock) {
            Ok(plan) => {
                let report = check(&problem, &plan.assignments).map_err(|e| e.to_string())?;
                let best = BEST_KNOWN[n - 1];
                let gap = 100.0 * (report.score.total - best) as f64 / best as f64;
                println!(
                    "| Instance{n} | {} | {best} | {gap:.2} | {:.1} | {} | {} |",
                    report.score.total,
                    plan.elapsed_ms as f64 / 1000.0,
                    plan.iterations,
                    report.violations.len()
                );
                failed |= !report.violations.is_empty();
                if let Some(out) = out {
                    let grid = curtois::to_grid(&inst, &plan.assignments);
                    let file = out.join(format!("Instance{n}.grid.txt"));
                    std::fs::write(&file, grid).map_err(|e| format!("--out: {}: {e}", file.display()))?;
                }
            }
            Err(e) => {
                let what = match e {
                    PlanError::Infeasible { violations } => format!(
                        "no feasible roster found ({} violations left, e.g. {})",
                        violations.len(),
                        violations.first().map_or("-", |v| v.code)
                    ),
                    other => other.to_string(),
                };
                println!(
                    "| Instance{n} | {what} | {} | – | {:.1} | – | – |",
                    BEST_KNOWN[n - 1],
                    clock.elapsed().as_secs_f64()
                );
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// ROTA_TUNING="t_start,t_end,hard_weight,w1/w2/w3/w4/w5/w6/w7,hard_weight_min,cycles,dp_every,colgen,pair_every,pair_after,chain_percent" (empty fields keep the default): for
/// experiments with the annealing schedule without rebuilding.
fn tuning_from_env() -> Option<Tuning> {
    let raw = std::env::var("ROTA_TUNING").ok()?;
    let mut f = raw.split(',').map(str::trim);
    let mut next = || f.next().filter(|x| !x.is_empty());
    Some(Tuning {
        t_start: next().and_then(|x| x.parse().ok()),
        t_end: next().and_then(|x| x.parse().ok()),
        hard_weight: next().and_then(|x| x.parse().ok()),
        move_weights: next().and_then(|x| {
            let v: Vec<u32> = x.split('/').filter_map(|n| n.parse().ok()).collect();
            v.try_into().ok()
        }),
        hard_weight_min: next().and_then(|x| x.parse().ok()),
        cycles: next().and_then(|x| x.parse().ok()),
        dp_every: next().and_then(|x| x.parse().ok()),
        column_generation: next().and_then(|x| x.parse().ok()),
        pair_every: next().and_then(|x| x.parse().ok()),
        pair_after: next().and_then(|x| x.parse().ok()),
        chain_percent: next().and_then(|x| x.parse().ok()),
    })
}

/// Peak resident memory of this process (VmHWM), if the platform reports it.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// What `rota bench desk` generates and how long it plans.
struct DeskRun {
    people: usize,
    weeks: u32,
    seed: u64,
    limit: Duration,
    threads: usize,
    night: Option<NightRule>,
}

fn run_desk(run: &DeskRun, out: Option<&std::path::Path>) -> Result<ExitCode, String> {
    let DeskRun { people, weeks, seed, limit, threads, night } = *run;
    if people < 20 {
        return Err("--people: at least 20 people are needed for three desks".into());
    }
    if !(1..=26).contains(&weeks) {
        return Err("--weeks: must be between 1 and 26".into());
    }
    let started = Instant::now();
    let DeskScenario { mut problem, description } = desk_scenario::generate(people, weeks, seed);
    if let Some(rule) = night {
        problem.night = rule;
    }
    let generated = started.elapsed();
    println!("{description}");
    let rule = problem.night;
    println!(
        "night: at least {} min inside {}-{} local, in real minutes",
        rule.min_minutes,
        rule.from.format("%H:%M"),
        rule.to.format("%H:%M")
    );
    let clock = WallClock(Instant::now());
    let options =
        SolveOptions { seed, time_limit: Some(limit), tuning: tuning_from_env(), threads, ..Default::default() };
    let plan = match solve(&problem, &options, &clock) {
        Ok(plan) => plan,
        Err(PlanError::Invalid(e)) => return Err(format!("--night: {e}")),
        Err(e) => return Err(e.to_string()),
    };
    let solved = clock.elapsed();
    let report = check(&problem, &plan.assignments).map_err(|e| e.to_string())?;
    println!(
        "generation: {:.2} s, planning: {:.2} s, iterations: {}",
        generated.as_secs_f64(),
        solved.as_secs_f64(),
        plan.iterations
    );
    println!("assignments: {}, shifts below minimum: {}", plan.assignments.len(), plan.shortfalls.len());
    println!("hard violations (checker): {}", report.violations.len());
    let mut by_code: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for v in &report.violations {
        *by_code.entry(v.code).or_default() += 1;
    }
    for (code, n) in &by_code {
        println!("  {code}: {n}");
    }
    let nights: u32 = report.score.by_person.iter().map(|t| t.nights).sum();
    println!("night shifts under this rule: {nights}");
    println!("score total: {}", report.score.total);
    for (rule, cost) in &report.score.by_rule {
        println!("  {rule}: {cost}");
    }
    match peak_memory_kib() {
        Some(kib) => println!("peak memory (VmHWM): {:.1} MiB", kib as f64 / 1024.0),
        None => println!("peak memory: not available on this platform"),
    }
    if let Some(out) = out {
        std::fs::create_dir_all(out).map_err(|e| format!("--out: {}: {e}", out.display()))?;
        let write = |name: &str, value: String| {
            let file = out.join(name);
            std::fs::write(&file, value).map_err(|e| format!("--out: {}: {e}", file.display()))
        };
        write("desk-problem.json", serde_json::to_string_pretty(&problem).map_err(|e| e.to_string())?)?;
        write("desk-plan.json", serde_json::to_string_pretty(&plan).map_err(|e| e.to_string())?)?;
    }
    Ok(if report.violations.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
