-- A roster: one desk's shifts over a horizon of local dates (in the desk's zone),
-- draft until published. The last plan's report (shortfalls, score, forced breaks)
-- is kept as JSON: it is read whole with the roster and never queried.
CREATE TABLE rosters (
    id TEXT PRIMARY KEY NOT NULL,
    desk_id TEXT NOT NULL REFERENCES desks (id) ON DELETE CASCADE,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    plan_report TEXT,
    created_by TEXT NOT NULL REFERENCES people (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    CHECK (first_date <= last_date)
);
CREATE INDEX rosters_desk_idx ON rosters (desk_id, first_date);

-- The roster's shifts, expanded from the templates when the roster was made and kept
-- as they were: a template changed or removed later does not move a planned shift,
-- and a shift's id never changes (feeds, swaps and handover point at it).
CREATE TABLE roster_shifts (
    id TEXT PRIMARY KEY NOT NULL,
    roster_id TEXT NOT NULL REFERENCES rosters (id) ON DELETE CASCADE,
    template_id TEXT NOT NULL,
    template_name TEXT NOT NULL,
    shift_type TEXT NOT NULL,
    local_date TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    min_headcount INTEGER NOT NULL,
    target_headcount INTEGER NOT NULL,
    requirements TEXT NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX roster_shifts_roster_idx ON roster_shifts (roster_id, starts_at);
CREATE INDEX roster_shifts_time_idx ON roster_shifts (starts_at, ends_at);

-- Who works a shift. Rows are changed by difference, never deleted and re-inserted,
-- so an assignment's id is stable; `sequence` grows on every change (iCal SEQUENCE).
CREATE TABLE assignments (
    id TEXT PRIMARY KEY NOT NULL,
    roster_id TEXT NOT NULL REFERENCES rosters (id) ON DELETE CASCADE,
    shift_id TEXT NOT NULL REFERENCES roster_shifts (id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people (id),
    sequence BIGINT NOT NULL,
    forced BOOLEAN NOT NULL,
    force_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX assignments_shift_person_key ON assignments (shift_id, person_id);
CREATE INDEX assignments_roster_idx ON assignments (roster_id);
CREATE INDEX assignments_person_idx ON assignments (person_id);
