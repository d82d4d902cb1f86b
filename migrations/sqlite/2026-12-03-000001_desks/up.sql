-- The organisation's rules: one row holding a JSON document; a field it lacks takes
-- its default, so a new rule needs no migration and an old database reads as before.
CREATE TABLE settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    document TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO settings (id, document, version, updated_at) VALUES (1, '{}', 1, CURRENT_TIMESTAMP);

-- A contract's own night rule (JSON {"from","to","min_minutes"}); NULL: the organisation's.
ALTER TABLE people ADD COLUMN night_rule TEXT;

-- What must be covered. The coverage window, shift types and closures are read and
-- written with the desk, never queried on their own, so they are JSON documents.
CREATE TABLE desks (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    coverage TEXT NOT NULL,
    shift_types TEXT NOT NULL,
    closures TEXT NOT NULL,
    holiday_work BOOLEAN NOT NULL,
    archived_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX desks_name_key ON desks (name);

-- The teams whose people staff a desk; its managers manage the desk.
CREATE TABLE desk_teams (
    desk_id TEXT NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (desk_id, team_id)
);
CREATE INDEX desk_teams_team_idx ON desk_teams (team_id);

-- Shift templates keep their id across edits: the shifts of rosters will point at them.
CREATE TABLE shift_templates (
    id TEXT PRIMARY KEY NOT NULL,
    desk_id TEXT NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX shift_templates_desk_idx ON shift_templates (desk_id, position);

-- A company's own holiday files (`rota holidays import`), beside the built-in calendars.
-- Days are local dates as YYYY-MM-DD text, which sorts as it reads on both backends.
CREATE TABLE company_holidays (
    region TEXT NOT NULL,
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (region, day, name)
);
