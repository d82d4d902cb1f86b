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
        night_rule -> Nullable<Text>,
        search_key -> Text,
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

diesel::table! {
    settings (id) {
        id -> Integer,
        document -> Text,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    desks (id) {
        id -> Text,
        name -> Text,
        time_zone -> Text,
        coverage -> Text,
        shift_types -> Text,
        closures -> Text,
        holiday_work -> Bool,
        archived_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    desk_teams (desk_id, team_id) {
        desk_id -> Text,
        team_id -> Text,
    }
}

diesel::table! {
    shift_templates (id) {
        id -> Text,
        desk_id -> Text,
        position -> Integer,
        name -> Text,
        definition -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    company_holidays (region, day, name) {
        region -> Text,
        day -> Text,
        name -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    time_off (id) {
        id -> Text,
        person_id -> Text,
        first_date -> Nullable<Date>,
        last_date -> Nullable<Date>,
        starts_at -> Nullable<Timestamp>,
        ends_at -> Nullable<Timestamp>,
        span_start -> Timestamp,
        span_end -> Timestamp,
        reason -> Text,
        note -> Text,
        status -> Text,
        requested_by -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_comment -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        person_id -> Text,
        kind -> Text,
        subject_type -> Text,
        subject_id -> Text,
        message -> Text,
        detail -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rosters (id) {
        id -> Text,
        desk_id -> Text,
        first_date -> Text,
        last_date -> Text,
        status -> Text,
        plan_report -> Nullable<Text>,
        created_by -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    roster_shifts (id) {
        id -> Text,
        roster_id -> Text,
        template_id -> Text,
        template_name -> Text,
        shift_type -> Text,
        local_date -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        min_headcount -> Integer,
        target_headcount -> Integer,
        requirements -> Text,
    }
}

diesel::table! {
    assignments (id) {
        id -> Text,
        roster_id -> Text,
        shift_id -> Text,
        person_id -> Text,
        sequence -> BigInt,
        forced -> Bool,
        force_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        roster_id -> Text,
        roster_version -> BigInt,
        options -> Text,
        status -> Text,
        progress_permille -> Integer,
        best_score -> Nullable<BigInt>,
        hard_violations -> Nullable<BigInt>,
        cancel_requested -> Bool,
        requested_by -> Text,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        attempts -> Integer,
        error_code -> Nullable<Text>,
        error_message -> Nullable<Text>,
        result -> Nullable<Text>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    preferences (person_id) {
        person_id -> Text,
        document -> Text,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        person_id -> Text,
        token_generation -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    form_submissions (form_id) {
        form_id -> Text,
        person_id -> Text,
        location -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> people (person_id));
diesel::joinable!(team_memberships -> teams (team_id));
diesel::joinable!(team_memberships -> people (person_id));
diesel::joinable!(audit_events -> people (actor_id));
diesel::joinable!(time_off -> people (person_id));
diesel::joinable!(notifications -> people (person_id));
diesel::joinable!(desk_teams -> desks (desk_id));
diesel::joinable!(desk_teams -> teams (team_id));
diesel::joinable!(shift_templates -> desks (desk_id));
diesel::joinable!(rosters -> desks (desk_id));
diesel::joinable!(jobs -> rosters (roster_id));
diesel::joinable!(roster_shifts -> rosters (roster_id));
diesel::joinable!(assignments -> roster_shifts (shift_id));
diesel::joinable!(assignments -> people (person_id));

diesel::table! {
    feeds (id) {
        id -> Text,
        owner_id -> Text,
        kind -> Text,
        target_id -> Text,
        token_hash -> Text,
        days_back -> Integer,
        days_ahead -> Integer,
        created_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        last_fetched_at -> Nullable<Timestamp>,
        last_user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    change_counters (name) {
        name -> Text,
        value -> BigInt,
        changed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    shift_changes (shift_id) {
        shift_id -> Text,
        sequence -> BigInt,
        changed_at -> Timestamp,
    }
}

diesel::joinable!(feeds -> people (owner_id));
diesel::joinable!(shift_changes -> roster_shifts (shift_id));

diesel::allow_tables_to_appear_in_same_query!(
    people,
    teams,
    team_memberships,
    login_attempts,
    audit_events,
    settings,
    desks,
    desk_teams,
    shift_templates,
    company_holidays,
    rosters,
    roster_shifts,
    assignments,
    jobs,
    preferences,
    time_off,
    notifications,
    sessions,
    form_submissions,
    feeds,
    change_counters,
    shift_changes,
);
