//! `rota bench load-desk`: the people of the generated follow-the-sun organisation
//! (`planner::bench::desk_scenario`) loaded into an empty database through the
//! service's use cases, staffing one 24/5 desk with the scenario's whole demand, and
//! a draft roster of it, so that the API can be measured on a desk of that size.

use std::time::Instant;

use chrono::{Datelike, Days, Duration, NaiveDate};
use serde_json::json;

use crate::domain::{Channel, Contract, Role, TeamRole, Tier};
use crate::planner::bench::desk_scenario::{self, DeskScenario};
use crate::planner::model;
use crate::service::people::input::{NewPerson, SkillsInput};
use crate::service::teams::input::NewTeam;
use crate::service::{self, admins::NewAdmin, Actor, Context, IfVersion};

pub const MANAGER_EMAIL: &str = "bench.manager@rota.bench";
pub const MANAGER_PASSWORD: &str = "rota-bench-manager";

pub struct Loaded {
    pub desk_id: String,
    pub roster_id: String,
    pub people: usize,
    pub shifts: usize,
    pub time_off: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The holiday region people of a scenario zone live in (none built in for Brazil,
/// the Philippines or Japan: their holidays are left out).
fn region_of(zone: &str) -> &'static str {
    match zone {
        "Europe/Warsaw" => "PL",
        "Europe/Berlin" => "DE",
        "Europe/London" => "GB",
        "America/New_York" | "America/Los_Angeles" => "US",
        "America/Sao_Paulo" => "BR",
        "Asia/Manila" => "PH",
        "Asia/Tokyo" => "JP",
        "Australia/Sydney" => "AU",
        _ => "GB",
    }
}

/// A scenario person's skill words in the domain's terms (`desk:*` has no meaning on
/// one desk and is dropped).
fn skills_of(person: &model::Person) -> SkillsInput {
    let has = |word: &str| person.skills.iter().any(|s| s == word);
    let tier = if has("tier:l3") {
        Tier::L3
    } else if has("tier:l2") {
        Tier::L2
    } else {
        Tier::L1
    };
    let languages = person.skills.iter().filter_map(|s| s.strip_prefix("lang:")).map(str::to_string).collect();
    let channels =
        [("channel:phone", Channel::Phone), ("channel:chat", Channel::Chat), ("channel:email", Channel::Email)]
            .into_iter()
            .filter(|(word, _)| has(word))
            .map(|(_, channel)| channel)
            .collect();
    SkillsInput { languages, tier, channels }
}

/// The scenario's three contract kinds as contracts.
fn contract_of(kind: &str) -> Contract {
    let base = Contract::default();
    match kind {
        "part-time" => Contract { max_minutes_per_week: 1440, max_consecutive_days: 4, ..base },
        "volunteer" => Contract {
            max_minutes_per_week: 960,
            min_rest_minutes: 720,
            max_consecutive_days: 3,
            max_nights_per_week: 0,
            ..base
        },
        _ => Contract { max_nights_per_week: 3, ..base },
    }
}

/// The desk: the scenario's demand of all three desks on one desk in Berlin, 24/5,
/// Night 00–08, Early 08–16, Late 16–24, each shift needing a German speaker, an L2
/// and a phone agent.
fn desk_body(name: &str, teams: &[String], people: usize) -> serde_json::Value {
    let per_shift = people as f64 * 3.4 / 15.0;
    let template = |name: &str, kind: &str, start: &str, end: &str, factor: f64| {
        let target = ((per_shift * factor).round() as u32).max(2);
        json!({
            "name": name, "shift_type": kind, "start": start, "end": end, "time_zone": "Europe/Berlin",
            "weekdays": [1, 2, 3, 4, 5], "min_headcount": (target * 3).div_ceil(5), "target_headcount": target,
            "skill_minimums": [{"language": "de", "min": 1}, {"tier_at_least": "L2", "min": 1}, {"channel": "phone", "min": 1}],
        })
    };
    json!({
        "name": name, "time_zone": "Europe/Berlin", "teams": teams,
        "shift_types": [
            {"id": "early", "name": "Early", "rotation_rank": 0},
            {"id": "late", "name": "Late", "rotation_rank": 1},
            {"id": "night", "name": "Night", "rotation_rank": 2, "cannot_be_followed_by": ["early"]},
        ],
        "templates": [
            template("Night", "night", "00:00", "08:00", 0.7),
            template("Early", "early", "08:00", "16:00", 1.25),
            template("Late", "late", "16:00", "00:00", 1.05),
        ],
    })
}

fn parse<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, service::Error> {
    serde_json::from_value(value).map_err(|e| service::Error::Internal(format!("bench input does not parse: {e}")))
}

/// The first Monday at least a week after `today`.
pub fn next_monday(today: NaiveDate) -> NaiveDate {
    let ahead = today + Days::new(7);
    ahead + Days::new(u64::from((7 - ahead.weekday().num_days_from_monday()) % 7))
}

/// Loads the scenario into `ctx`'s database, which must hold nobody yet.
pub fn load(ctx: &Context, people: usize, weeks: u32, seed: u64, from: NaiveDate) -> Result<Loaded, service::Error> {
    let DeskScenario { problem, .. } = desk_scenario::generate(people, weeks, seed);
    // The scenario's dates are relative to its own first day; the roster starts at `from`.
    let shift_by = from - desk_scenario::start_date();
    let admin = service::admins::create(
        ctx,
        NewAdmin {
            name: "Bench Admin",
            email: "bench.admin@rota.bench",
            password: MANAGER_PASSWORD,
            time_zone: "Europe/Berlin",
            holiday_region: "DE",
        },
    )?;
    let admin = Actor::of(&admin);
    let new_person = |name: String, email: String, role: Role, zone: &str, skills: SkillsInput, contract: Contract| {
        let password = (role == Role::Manager).then(|| MANAGER_PASSWORD.to_string());
        NewPerson {
            name,
            email,
            role: Some(role),
            password,
            time_zone: zone.to_string(),
            holiday_region: region_of(zone).to_string(),
            skills,
            contract: Some(contract),
        }
    };
    let manager_skills = SkillsInput { languages: vec!["en".into()], tier: Tier::L3, channels: vec![] };
    let manager = service::people::create::create(
        ctx,
        &admin,
        Ok(new_person(
            "Bench Manager".into(),
            MANAGER_EMAIL.into(),
            Role::Manager,
            "Europe/Berlin",
            manager_skills,
            Contract::default(),
        )),
    )?;

    let mut zones: Vec<&str> = problem.people.iter().map(|p| p.zone.as_str()).collect();
    zones.sort();
    zones.dedup();
    let mut teams = Vec::new();
    for zone in &zones {
        let city = zone.rsplit('/').next().unwrap_or(zone).replace('_', " ");
        let input = NewTeam { name: format!("Support {city}"), description: format!("Generated, in {zone}") };
        let team = service::teams::write::create(ctx, &admin, Ok(input))?;
        service::teams::seats::put(ctx, &admin, &team.id, &manager.id, Ok(IfVersion::Any), Ok(TeamRole::Manager))?;
        teams.push((zone.to_string(), team.id));
    }
    let manager = Actor::of(&service::people::get(ctx, &admin, &manager.id)?);

    let mut time_off = 0;
    for person in &problem.people {
        let input = new_person(
            format!("Agent {}", person.id),
            format!("{}@rota.bench", person.id),
            Role::Member,
            &person.zone,
            skills_of(person),
            contract_of(&person.contract),
        );
        let created = service::people::create::create(ctx, &admin, Ok(input))?;
        let team = teams.iter().find(|(zone, _)| *zone == person.zone).map(|(_, id)| id.clone()).unwrap_or_default();
        service::teams::seats::put(ctx, &admin, &team, &created.id, Ok(IfVersion::Any), Ok(TeamRole::Member))?;
        let me = Actor::of(&created);
        let ranges = person.unavailable.iter().map(|i| json!({"start": i.start + shift_by, "end": i.end + shift_by}));
        let days = person.unavailable_dates.iter().map(|d| json!({"from": *d + shift_by, "to": *d + shift_by}));
        for mut body in ranges.chain(days) {
            body["reason"] = json!("vacation");
            // A day inside the week already taken overlaps it: refused, as it should be.
            let Ok(filed) = service::time_off::request::request(ctx, &me, &created.id, Ok(parse(body)?)) else {
                continue;
            };
            service::time_off::decide::approve(ctx, &manager, &filed.id, Ok(IfVersion::Any), Ok(parse(json!({}))?))?;
            time_off += 1;
        }
    }

    let team_ids: Vec<String> = teams.into_iter().map(|(_, id)| id).collect();
    let name = format!("Generated desk ({people} people)");
    let desk = service::desks::write::create(ctx, &manager, Ok(parse(desk_body(&name, &team_ids, people))?))?.desk;
    let to = from + Duration::days(i64::from(weeks) * 7 - 1);
    let roster =
        service::rosters::create::create(ctx, &manager, &desk.id, Ok(parse(json!({"from": from, "to": to}))?))?;
    Ok(Loaded {
        desk_id: desk.id,
        roster_id: roster.roster.id,
        people: problem.people.len(),
        shifts: roster.shifts.len(),
        time_off,
        from,
        to,
    })
}

/// `rota bench load-desk`: migrates, loads and prints what a benchmark script needs.
pub fn run(database: &str, people: usize, weeks: u32, seed: u64, from: Option<NaiveDate>) -> Result<(), String> {
    let started = Instant::now();
    let pool = crate::store::pool::connect_and_migrate(database).map_err(|e| format!("database: {e}"))?;
    let ctx = Context::on(pool);
    let nobody = ctx.read(|conn| Ok(crate::store::people::count(conn)? == 0)).map_err(|e| e.to_string())?;
    if !nobody {
        return Err("the database already holds people; load the generated desk into an empty one".into());
    }
    let from = from.unwrap_or_else(|| next_monday(ctx.now().date_naive()));
    let loaded = load(&ctx, people, weeks, seed, from).map_err(|e| e.to_string())?;
    println!(
        "loaded {} people, {} approved time off, desk {} with a draft roster {} ({} to {}, {} shifts) in {:.1} s",
        loaded.people,
        loaded.time_off,
        loaded.desk_id,
        loaded.roster_id,
        loaded.from,
        loaded.to,
        loaded.shifts,
        started.elapsed().as_secs_f64()
    );
    println!("manager login: {MANAGER_EMAIL} / {MANAGER_PASSWORD}");
    println!("roster_id={}", loaded.roster_id);
    Ok(())
}
