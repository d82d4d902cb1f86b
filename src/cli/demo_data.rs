//! The demo organisation: two support teams in four zones, printed logins.

use crate::api::auth::password::hash_password;
use crate::domain::{Channel, Contract, Role, TeamRole, Tier};
use crate::store::{self, people::PersonRow, teams::MembershipRow, teams::TeamRow, DbConnection};

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

fn person_row(
    person: &DemoPerson,
    role: Role,
    password: &str,
) -> Result<PersonRow, Box<dyn std::error::Error + Send + Sync>> {
    let now = store::now_utc();
    let email = email_of(person.name);
    let contract = Contract::default();
    let mut languages: Vec<&str> = person.languages.to_vec();
    languages.sort_unstable();
    let mut channels = person.channels.to_vec();
    channels.sort();
    Ok(PersonRow {
        id: store::new_id(),
        name: person.name.to_string(),
        email_normalized: email.clone(),
        email,
        role: role.as_str().to_string(),
        password_hash: Some(hash_password(password).map_err(|e| e.to_string())?),
        time_zone: person.zone.to_string(),
        holiday_region: person.region.to_string(),
        languages: serde_json::to_string(&languages)?,
        tier: person.tier.as_str().to_string(),
        channels: serde_json::to_string(&channels)?,
        max_minutes_per_week: contract.max_minutes_per_week as i32,
        min_rest_minutes: contract.min_rest_minutes as i32,
        max_consecutive_days: contract.max_consecutive_days as i32,
        max_nights_per_week: contract.max_nights_per_week as i32,
        volunteer_earliest: contract.earliest_local_time.format("%H:%M").to_string(),
        volunteer_latest: contract.latest_local_time.format("%H:%M").to_string(),
        active: true,
        version: 1,
        created_at: now,
        updated_at: now,
    })
}

/// Fills an empty, migrated database; returns the logins to print.
pub fn seed(conn: &mut DbConnection) -> Result<Vec<DemoLogin>, Box<dyn std::error::Error + Send + Sync>> {
    let admin = DemoPerson {
        name: "Ada Admin",
        zone: "Europe/Warsaw",
        region: "PL",
        languages: &["en", "pl"],
        tier: L3,
        channels: &[Email],
    };
    let admin_row = person_row(&admin, Role::Admin, ADMIN_PASSWORD)?;
    store::people::insert(conn, &admin_row)?;
    let mut logins = vec![DemoLogin { role: "admin", email: admin_row.email.clone(), password: ADMIN_PASSWORD }];

    for (team_name, description, people) in [
        ("Warsaw Support", "EN/DE/PL support from Warsaw, with remote staff in New York and Kolkata", WARSAW),
        ("Minsk Support", "EN/RU/DE support from Minsk, with remote staff in Kolkata and New York", MINSK),
    ] {
        let now = store::now_utc();
        let team = TeamRow {
            id: store::new_id(),
            name: team_name.to_string(),
            description: description.to_string(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        store::teams::insert(conn, &team)?;
        for (index, person) in people.iter().enumerate() {
            let is_manager = index == 0;
            let (role, password) =
                if is_manager { (Role::Manager, MANAGER_PASSWORD) } else { (Role::Member, MEMBER_PASSWORD) };
            let row = person_row(person, role, password)?;
            store::people::insert(conn, &row)?;
            let seat = if is_manager { TeamRole::Manager } else { TeamRole::Member };
            store::teams::upsert_membership(
                conn,
                &MembershipRow {
                    team_id: team.id.clone(),
                    person_id: row.id.clone(),
                    role: seat.as_str().to_string(),
                    created_at: now,
                },
            )?;
            if index <= 1 {
                let role = if is_manager { "manager" } else { "member" };
                logins.push(DemoLogin { role, email: row.email.clone(), password });
            }
        }
    }
    Ok(logins)
}
