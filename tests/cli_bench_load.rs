//! `rota bench load-desk`: the generated people land in the database as staff of one
//! desk with a draft roster that the service can build a problem from.

mod common;

use chrono::NaiveDate;
use common::{backends, TestDb};
use rota::cli::bench_load::{self, MANAGER_EMAIL};
use rota::service::{rosters, Actor, Context};

#[test]
fn the_generated_desk_loads_and_its_roster_makes_a_problem() {
    for backend in backends() {
        let db = TestDb::create(backend);
        let ctx = Context::on(rota::store::pool::connect_and_migrate(&db.url).unwrap());
        let from = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let loaded = bench_load::load(&ctx, 24, 2, 7, from).unwrap();
        assert_eq!((loaded.people, loaded.shifts, loaded.from), (24, 30, from));
        assert_eq!(loaded.to, NaiveDate::from_ymd_opt(2027, 3, 14).unwrap());
        let manager = ctx.read(|conn| Ok(rota::store::people::find_by_email(conn, MANAGER_EMAIL)?)).unwrap().unwrap();
        let problem = rosters::problem(&ctx, &Actor::of(&manager), &loaded.roster_id).unwrap();
        assert_eq!(problem.people.len(), 25, "the 24 generated people and their manager");
        assert_eq!(problem.shifts.len(), 30);
        let leave: usize = problem.people.iter().map(|p| p.unavailable.len() + p.unavailable_dates.len()).sum();
        assert!(loaded.time_off > 0 && leave > 0, "approved time off reaches the planner: {leave}");
        assert!(problem.people.iter().any(|p| p.skills.iter().any(|s| s == "lang:de")));
    }
}
