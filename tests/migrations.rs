//! Migrations: each down.sql undoes its up.sql, and the SQLite and PostgreSQL
//! trees describe the same tables and columns.

mod common;

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_migrations::MigrationHarness;
use rota::store::migrations::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

use common::{Backend, TestDb};

#[derive(QueryableByName, Debug)]
struct TableColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
}

type Columns = BTreeMap<String, BTreeMap<String, String>>;

fn sqlite_columns(conn: &mut SqliteConnection) -> Columns {
    let rows: Vec<TableColumn> = diesel::sql_query(
        "SELECT m.name AS table_name, p.name AS column_name, upper(p.type) AS data_type \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .expect("introspect sqlite");
    group(rows)
}

fn postgres_columns(conn: &mut PgConnection) -> Columns {
    let rows: Vec<TableColumn> = diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, upper(data_type::text) AS data_type \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .expect("introspect postgres");
    group(rows)
}

fn group(rows: Vec<TableColumn>) -> Columns {
    let mut columns = Columns::new();
    for row in rows {
        columns.entry(row.table_name).or_default().insert(row.column_name, normalize_type(&row.data_type));
    }
    columns
}

/// The same logical type under each backend's spelling.
fn normalize_type(data_type: &str) -> String {
    match data_type {
        "INTEGER" => "INTEGER",
        "BIGINT" => "BIGINT",
        "TEXT" => "TEXT",
        "BOOLEAN" => "BOOLEAN",
        "TIMESTAMP" | "TIMESTAMP WITHOUT TIME ZONE" => "TIMESTAMP",
        other => other,
    }
    .to_string()
}

#[test]
fn sqlite_migrations_go_up_down_and_up_again() {
    let db = TestDb::create(Backend::Sqlite);
    let mut conn = SqliteConnection::establish(&db.url).unwrap();
    conn.run_pending_migrations(SQLITE_MIGRATIONS).unwrap();
    let first = sqlite_columns(&mut conn);
    assert!(first.contains_key("people") && first.contains_key("teams"));
    conn.revert_all_migrations(SQLITE_MIGRATIONS).unwrap();
    assert_eq!(sqlite_columns(&mut conn), Columns::new(), "down.sql leaves no table behind");
    conn.run_pending_migrations(SQLITE_MIGRATIONS).unwrap();
    assert_eq!(sqlite_columns(&mut conn), first);
}

#[test]
fn postgres_migrations_go_up_down_and_up_again_and_match_sqlite() {
    if !common::backends().contains(&Backend::Postgres) {
        eprintln!("ROTA_TEST_DATABASE_URL not set: PostgreSQL half skipped (CI sets it)");
        return;
    }
    let db = TestDb::create(Backend::Postgres);
    let mut conn = PgConnection::establish(&db.url).unwrap();
    conn.run_pending_migrations(POSTGRES_MIGRATIONS).unwrap();
    let postgres = postgres_columns(&mut conn);
    conn.revert_all_migrations(POSTGRES_MIGRATIONS).unwrap();
    assert_eq!(postgres_columns(&mut conn), Columns::new(), "down.sql leaves no table behind");
    conn.run_pending_migrations(POSTGRES_MIGRATIONS).unwrap();
    assert_eq!(postgres_columns(&mut conn), postgres);

    let sqlite_db = TestDb::create(Backend::Sqlite);
    let mut sqlite = SqliteConnection::establish(&sqlite_db.url).unwrap();
    sqlite.run_pending_migrations(SQLITE_MIGRATIONS).unwrap();
    assert_eq!(sqlite_columns(&mut sqlite), postgres, "both trees give the same tables, columns and types");
}

/// Without a PostgreSQL server, the trees are still compared as text: same
/// migration names, and the same tables and columns in their CREATE TABLEs.
#[test]
fn both_trees_declare_the_same_migrations_tables_and_columns() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |backend: &str| {
        let mut names: Vec<String> = std::fs::read_dir(root.join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"));
    for name in names("sqlite") {
        for file in ["up.sql", "down.sql"] {
            let sqlite = std::fs::read_to_string(root.join("sqlite").join(&name).join(file)).unwrap();
            let postgres = std::fs::read_to_string(root.join("postgres").join(&name).join(file)).unwrap();
            assert_eq!(declared_columns(&sqlite), declared_columns(&postgres), "{name}/{file}");
        }
    }
}

/// table → column names, from `CREATE TABLE name (col TYPE …, …);` statements.
fn declared_columns(sql: &str) -> BTreeMap<String, Vec<String>> {
    let mut tables = BTreeMap::new();
    for statement in sql.split(';') {
        let text: String =
            statement.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
        let Some(rest) = text.trim().strip_prefix("CREATE TABLE ") else { continue };
        let Some((name, body)) = rest.split_once('(') else { continue };
        let columns = body
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("PRIMARY KEY") && !l.starts_with(')'))
            .filter_map(|l| l.split_whitespace().next().map(|c| c.trim_end_matches(',').to_string()))
            .collect();
        tables.insert(name.trim().to_string(), columns);
    }
    tables
}
