//! `rota holidays import`: a company's own calendar from a file, on both backends; a
//! broken file is refused with its line and nothing is imported.

mod common;

use std::process::Command;

use common::{backends, TestDb};
use rota::service::holidays::{self, HolidaySource};
use rota::service::Context;

fn rota_holidays(database_url: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rota"))
        .arg("holidays")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("rota holidays ran");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

const COMPANY_DAYS: &str = "\u{feff}BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//acme//days off//EN\n\
BEGIN:VEVENT\nUID:founders@acme\nDTSTAMP:20260101T000000Z\nDTSTART;VALUE=DATE:20261109\n\
DURATION:P2D\nSUMMARY:Founders'\n  days\nEND:VEVENT\nEND:VCALENDAR\n";

#[test]
fn a_company_calendar_is_imported_whole_or_not_at_all() {
    for backend in backends() {
        let db = TestDb::create(backend);
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("acme.ics");
        std::fs::write(&good, COMPANY_DAYS).expect("write");
        let broken = dir.path().join("broken.ics");
        std::fs::write(&broken, COMPANY_DAYS.replace("DURATION:P2D", "DURATION:two days")).expect("write");

        let (ok, text) = rota_holidays(&db.url, &["import", broken.to_str().unwrap(), "--region", "pl"]);
        assert!(!ok, "{backend:?}: {text}");
        assert!(text.contains("line 8"), "names the broken line: {text}");
        let (ok, text) = rota_holidays(&db.url, &["import", good.to_str().unwrap(), "--region", "narnia"]);
        assert!(!ok && text.contains("--region"), "{text}");

        let pool = rota::store::pool::connect_and_migrate(&db.url).expect("migrate");
        let ctx = Context::on(pool);
        let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let to = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let company = |ctx: &Context| -> Vec<(String, String)> {
            ctx.read(|conn| holidays::in_range(conn, "PL", from, to))
                .unwrap()
                .into_iter()
                .filter(|h| h.source == HolidaySource::Company)
                .map(|h| (h.date.to_string(), h.name))
                .collect()
        };
        assert!(company(&ctx).is_empty(), "the broken file left nothing behind");

        let (ok, text) = rota_holidays(&db.url, &["import", good.to_str().unwrap(), "--region", "pl"]);
        assert!(ok, "{backend:?}: {text}");
        assert!(text.contains("imported 2 holiday days for PL"), "{text}");
        let founders = "Founders' days".to_string();
        assert_eq!(company(&ctx), [("2026-11-09".to_string(), founders.clone()), ("2026-11-10".to_string(), founders)]);
        // Importing again replaces, never doubles.
        assert!(rota_holidays(&db.url, &["import", good.to_str().unwrap(), "--region", "PL"]).0);
        assert_eq!(company(&ctx).len(), 2);

        let (ok, text) = rota_holidays(&db.url, &["regions"]);
        assert!(ok && text.contains("DE-BY") && text.contains("US"), "{text}");
    }
}
