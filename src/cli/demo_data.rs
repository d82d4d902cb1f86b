//! The demo organisation: two support teams in four zones, their desks and time off,
//! printed logins.

use crate::domain::{Channel, Contract, Role, TeamRole, Tier};
use crate::service::admins::NewAdmin;
use crate::service::people::input::{NewPerson, SkillsInput};
use crate::service::teams::input::NewTeam;
use crate::service::{self, Actor, Context, IfVersion};

/// What the demo made: the logins to print and a line per planned desk.
pub struct DemoData {
    pub logins: Vec<DemoLogin>,
    pub plans: Vec<String>,
}

pub struct DemoLogin {
    pub role: &'static str,
    pub email: String,
    pub password: &'static str,
}

struct DemoPerson {
    name: &'static str,
    zone: &'static str,
    region: &'static str,
    languages: &'static [&'static str],
    tier: Tier,
    channels: &'static [Channel],
}

const ADMIN_PASSWORD: &str = "rota-demo-admin";
const MANAGER_PASSWORD: &str = "rota-demo-manager";
const MEMBER_PASSWORD: &str = "rota-demo-member";

use Channel::{Chat, Email, Phone, Tickets};
use Tier::{L1, L2, L3};

const fn p(
    name: &'static str,
    zone: &'static str,
    region: &'static str,
    languages: &'static [&'static str],
    tier: Tier,
    channels: &'static [Channel],
) -> DemoPerson {
    DemoPerson { name, zone, region, languages, tier, channels }
}

/// The first person of each team is its manager.
const WARSAW: &[DemoPerson] = &[
    p("Anna Nowak", "Europe/Warsaw", "PL", &["en", "pl", "de"], L3, &[Phone, Chat, Email, Tickets]),
    p("Piotr Kowalski", "Europe/Warsaw", "PL", &["en", "pl"], L1, &[Phone, Chat]),
    p("Katarzyna Wiśniewska", "Europe/Warsaw", "PL", &["en", "pl", "de"], L2, &[Chat, Email, Tickets]),
    p("Tomasz Wójcik", "Europe/Warsaw", "PL", &["en", "pl"], L1, &[Phone, Tickets]),
    p("Magdalena Kamińska", "Europe/Warsaw", "PL", &["en", "de", "pl"], L2, &[Phone, Chat, Email]),
    p("Michał Lewandowski", "Europe/Warsaw", "PL", &["en", "pl"], L3, &[Tickets, Email]),
    p("Agnieszka Zielińska", "Europe/Warsaw", "PL", &["en", "pl", "ru"], L1, &[Chat, Tickets]),
    p("Jakub Szymański", "Europe/Warsaw", "PL", &["en", "de"], L2, &[Phone, Chat]),
    p("Lena Schmidt", "Europe/Warsaw", "DE-BY", &["de", "en"], L2, &[Phone, Email, Tickets]),
    p("Jonas Becker", "Europe/Warsaw", "DE-BE", &["de", "en"], L1, &[Chat, Tickets]),
    p("Emily Carter", "America/New_York", "US-NY", &["en"], L2, &[Phone, Chat, Email]),
    p("Michael Brooks", "America/New_York", "US-NY", &["en", "de"], L3, &[Phone, Tickets]),
    p("Priya Sharma", "Asia/Kolkata", "IN", &["en"], L1, &[Chat, Email, Tickets]),
    p("Rahul Verma", "Asia/Kolkata", "IN", &["en"], L2, &[Tickets, Email]),
    p("Zofia Mazur", "Europe/Warsaw", "PL", &["en", "pl"], L1, &[Chat]),
];

const MINSK: &[DemoPerson] = &[
    p("Ivan Petrov", "Europe/Minsk", "BY", &["en", "ru"], L3, &[Phone, Chat, Email, Tickets]),
    p("Olga Ivanova", "Europe/Minsk", "BY", &["en", "ru"], L1, &[Chat, Tickets]),
    p("Dmitry Smirnov", "Europe/Minsk", "BY", &["en", "ru", "de"], L2, &[Phone, Chat]),
    p("Natalia Kuznetsova", "Europe/Minsk", "BY", &["en", "ru"], L2, &[Email, Tickets]),
    p("Sergei Popov", "Europe/Minsk", "BY", &["en", "ru"], L1, &[Phone, Chat]),
    p("Elena Sokolova", "Europe/Minsk", "BY", &["en", "de", "ru"], L3, &[Tickets, Email]),
    p("Alexei Lebedev", "Europe/Minsk", "BY", &["en", "ru"], L1, &[Chat, Tickets]),
    p("Maria Novikova", "Europe/Minsk", "BY", &["en", "ru", "pl"], L2, &[Phone, Email]),
    p("Andrei Morozov", "Europe/Minsk", "BY", &["en", "ru"], L1, &[Chat]),
    p("Tatiana Volkova", "Europe/Minsk", "BY", &["en", "de", "ru"], L2, &[Phone, Chat, Tickets]),
    p("Arjun Nair", "Asia/Kolkata", "IN", &["en"], L1, &[Chat, Tickets]),
    p("Sarah Miller", "America/New_York", "US-NY", &["en"], L1, &[Phone, Chat]),
    p("Pavel Orlov", "Europe/Minsk", "BY", &["en", "ru"], L2, &[Tickets]),
    p("Irina Fedorova", "Europe/Minsk", "BY", &["en", "ru", "de"], L1, &[Chat, Email]),
];

fn email_of(name: &str) -> String {
    let ascii: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            ' ' => '.',
            other => other,
        })
        .collect();
    format!("{ascii}@rota.demo")
}

fn new_person(person: &DemoPerson, role: Role, password: &str) -> NewPerson {
    NewPerson {
        name: person.name.to_string(),
        email: email_of(person.name),
        role: Some(role),
        password: Some(password.to_string()),
        time_zone: person.zone.to_string(),
        holiday_region: person.region.to_string(),
        skills: SkillsInput {
            languages: person.languages.iter().map(|l| l.to_string()).collect(),
            tier: person.tier,
            channels: person.channels.to_vec(),
        },
        contract: Some(Contract::default()),
    }
}

/// Fills an empty, migrated database through the same use cases the API calls;
/// returns the logins to print.
pub fn seed(ctx: &Context) -> Result<DemoData, service::Error> {
    let admin = service::admins::create(
        ctx,
        NewAdmin {
            name: "Ada Admin",
            email: &email_of("Ada Admin"),
            password: ADMIN_PASSWORD,
            time_zone: "Europe/Warsaw",
            holiday_region: "PL",
        },
    )?;
    let mut logins = vec![DemoLogin { role: "admin", email: admin.email.clone(), password: ADMIN_PASSWORD }];
    let admin = Actor::of(&admin);

    let mut teams = Vec::new();
    for (team_name, description, people) in [
        ("Warsaw Support", "EN/DE/PL support from Warsaw, with remote staff in New York and Kolkata", WARSAW),
        ("Minsk Support", "EN/RU/DE support from Minsk, with remote staff in Kolkata and New York", MINSK),
    ] {
        let team = NewTeam { name: team_name.to_string(), description: description.to_string() };
        let team = service::teams::write::create(ctx, &admin, Ok(team))?;
        let mut manager = None;
        for (index, person) in people.iter().enumerate() {
            let is_manager = index == 0;
            let (role, password) =
                if is_manager { (Role::Manager, MANAGER_PASSWORD) } else { (Role::Member, MEMBER_PASSWORD) };
            let created = service::people::create::create(ctx, &admin, Ok(new_person(person, role, password)))?;
            let seat = if is_manager { TeamRole::Manager } else { TeamRole::Member };
            service::teams::seats::put(ctx, &admin, &team.id, &created.id, Ok(IfVersion::Any), Ok(seat))?;
            if is_manager {
                manager = Some(created.id.clone());
            }
            if index <= 1 {
                let role = if is_manager { "manager" } else { "member" };
                logins.push(DemoLogin { role, email: created.email.clone(), password });
            }
        }
        teams.push((team.id, manager));
    }
    let manager_of = |index: usize| -> Result<(String, Actor), service::Error> {
        let (team, manager) = teams.get(index).ok_or_else(|| service::Error::Internal("demo team missing".into()))?;
        let manager = manager.as_deref().ok_or_else(|| service::Error::Internal("demo manager missing".into()))?;
        let person = ctx.read(|conn| Ok(crate::store::people::find(conn, manager)?))?;
        let person = person.ok_or(service::Error::NotFound("person"))?;
        Ok((team.clone(), Actor::of(&person)))
    };
    let ((warsaw, warsaw_manager), (minsk, minsk_manager)) = (manager_of(0)?, manager_of(1)?);
    let desks = super::demo_desks::seed(ctx, &warsaw_manager, &warsaw, &minsk_manager, &minsk)?;
    let today = ctx.now().date_naive();
    super::demo_time_off::seed(ctx, today, &[&warsaw_manager, &minsk_manager])?;
    let mut plans = Vec::new();
    for ((desk_id, desk_name), manager) in desks.iter().zip([&warsaw_manager, &minsk_manager]) {
        plans.push(super::demo_rosters::plan_and_publish(ctx, manager, desk_id, desk_name, today)?);
    }
    Ok(DemoData { logins, plans })
}
