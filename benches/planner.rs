//! Hot paths of the planner: the incremental (delta) evaluation that the search runs
//! millions of times, one search move with undo, the independent checker, and the
//! expansion of shift templates to UTC. Figures go to docs/benchmarks.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rand::{Rng, SeedableRng};
use rota::planner::bench::curtois;
use rota::planner::bench::desk_scenario;
use rota::planner::compile::{compile, OFF};
use rota::planner::solver::moves::{apply, Undo, KINDS};
use rota::planner::solver::state::State;
use rota::planner::time::{expand, ShiftTemplate, TemplateLength};

fn delta_evaluation(c: &mut Criterion) {
    let inst = curtois::parse(include_str!("../tests/fixtures/curtois/Instance10.txt")).unwrap();
    let problem = curtois::to_problem(&inst);
    let compiled = compile(&problem).unwrap();
    let mut st = State::new(&compiled);
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    // A half-filled roster, so runs and counters are non-trivial.
    for p in 0..compiled.n_people {
        for d in 0..compiled.n_days as u32 {
            let options = compiled.shifts_on(p, d);
            if !options.is_empty() && rng.gen_bool(0.5) {
                st.set(p, d, options[rng.gen_range(0..options.len())]);
            }
        }
    }
    c.bench_function("delta: set one cell and undo (Curtois Instance10)", |b| {
        b.iter(|| {
            let p = rng.gen_range(0..compiled.n_people);
            let d = rng.gen_range(0..28u32);
            let old = st.cell(p, d);
            let options = compiled.shifts_on(p, d);
            let new = if old == OFF && !options.is_empty() { options[0] } else { OFF };
            let delta = st.set(p, d, new);
            st.set(p, d, old);
            black_box(delta)
        })
    });
    let mut undo = Undo::default();
    c.bench_function("move: random move and undo (Curtois Instance10)", |b| {
        b.iter(|| {
            undo.cells.clear();
            let kind = KINDS[rng.gen_range(0..KINDS.len())];
            let delta = apply(&mut st, &mut rng, &mut undo, kind);
            undo.revert(&mut st);
            black_box(delta)
        })
    });
}

fn checker_and_compile(c: &mut Criterion) {
    let scenario = desk_scenario::generate(60, 4, 1);
    c.bench_function("compile: desk 60 people x 4 weeks", |b| {
        b.iter(|| black_box(compile(&scenario.problem).unwrap().n_shifts))
    });
    let inst = curtois::parse(include_str!("../tests/fixtures/curtois/Instance10.txt")).unwrap();
    let problem = curtois::to_problem(&inst);
    let grid = include_str!("../tests/fixtures/curtois/Instance10.grid.txt");
    let roster = curtois::parse_grid(&inst, grid).unwrap();
    c.bench_function("checker: full check of a Curtois Instance10 roster", |b| {
        b.iter(|| black_box(rota::planner::checker::check(&problem, &roster).unwrap().score.total))
    });
}

fn expansion(c: &mut Criterion) {
    let template = ShiftTemplate {
        name: "night".into(),
        zone: chrono_tz::Europe::Warsaw,
        start: chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        length: TemplateLength::End(chrono::NaiveTime::from_hms_opt(6, 0, 0).unwrap()),
        weekdays: vec![
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
        ],
    };
    let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    c.bench_function("expand: Warsaw night template over one year", |b| {
        b.iter(|| black_box(expand(&template, from, to).len()))
    });
}

criterion_group!(benches, delta_evaluation, checker_and_compile, expansion);
criterion_main!(benches);
