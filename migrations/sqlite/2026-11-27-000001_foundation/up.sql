-- People are also the accounts that log in; a person without a password cannot log in.
CREATE TABLE people (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_normalized TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'member')),
    password_hash TEXT,
    time_zone TEXT NOT NULL,
    holiday_region TEXT NOT NULL,
    languages TEXT NOT NULL,
    tier TEXT NOT NULL CHECK (tier IN ('L1', 'L2', 'L3')),
    channels TEXT NOT NULL,
    max_minutes_per_week INTEGER NOT NULL,
    min_rest_minutes INTEGER NOT NULL,
    max_consecutive_days INTEGER NOT NULL,
    max_nights_per_week INTEGER NOT NULL,
    volunteer_earliest TEXT NOT NULL,
    volunteer_latest TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX people_email_normalized_key ON people (email_normalized);
CREATE INDEX people_name_id_idx ON people (name, id);

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX teams_name_key ON teams (name);

CREATE TABLE team_memberships (
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('member', 'manager')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_memberships_person_idx ON team_memberships (person_id);

-- Failed logins, kept to throttle guessing; rows older than the window are pruned on login.
CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    email_normalized TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email_normalized, failed_at);
CREATE INDEX login_failures_addr_idx ON login_failures (client_addr, failed_at);

-- Who changed what: the history that keeps a person from being deleted.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    actor_id TEXT NOT NULL REFERENCES people (id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id);
CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id);
