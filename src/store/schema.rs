// Written by hand to match migrations/sqlite and migrations/postgres; the
// `schema_matches_both_migration_trees` test keeps the three in step.

diesel::table! {
    people (id) {
        id -> Text,
        name -> Text,
        email -> Text,
        email_normalized -> Text,
        role -> Text,
        password_hash -> Nullable<Text>,
        time_zone -> Text,
        holiday_region -> Text,
        languages -> Text,
        tier -> Text,
        channels -> Text,
        max_minutes_per_week -> Integer,
        min_rest_minutes -> Integer,
        max_consecutive_days -> Integer,
        max_nights_per_week -> Integer,
        volunteer_earliest -> Text,
        volunteer_latest -> Text,
        active -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        token_generation -> BigInt,
    }
}

diesel::table! {
    teams (id) {
        id -> Text,
        name -> Text,
        description -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    team_memberships (team_id, person_id) {
        team_id -> Text,
        person_id -> Text,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (scope, subject, window_start) {
        scope -> Text,
        subject -> Text,
        window_start -> Timestamp,
        attempts -> Integer,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        actor_id -> Text,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        detail -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::joinable!(team_memberships -> teams (team_id));
diesel::joinable!(team_memberships -> people (person_id));
diesel::joinable!(audit_events -> people (actor_id));

diesel::allow_tables_to_appear_in_same_query!(people, teams, team_memberships, login_attempts, audit_events);
