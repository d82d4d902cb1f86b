-- Leave a person asks for. Whole local days (first_date..last_date, both inclusive, in
-- the person's zone, so they follow a move to another zone) or an exact UTC range
-- (starts_at..ends_at, end exclusive): exactly one of the two pairs is set.
-- span_start..span_end holds every instant it can touch in any zone (the range itself,
-- or a day more on each side of the dates), so overlap queries can use an index; the
-- service narrows what they find with the person's current zone.
CREATE TABLE time_off (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    first_date DATE,
    last_date DATE,
    starts_at TIMESTAMP,
    ends_at TIMESTAMP,
    span_start TIMESTAMP NOT NULL,
    span_end TIMESTAMP NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('vacation', 'sick', 'training', 'other')),
    note TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
    requested_by TEXT NOT NULL REFERENCES people (id),
    decided_by TEXT REFERENCES people (id),
    decided_at TIMESTAMP,
    decision_comment TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT time_off_one_form CHECK ((first_date IS NOT NULL AND last_date IS NOT NULL AND starts_at IS NULL AND ends_at IS NULL) OR (first_date IS NULL AND last_date IS NULL AND starts_at IS NOT NULL AND ends_at IS NOT NULL)),
    CONSTRAINT time_off_dates_in_order CHECK (last_date >= first_date),
    CONSTRAINT time_off_range_in_order CHECK (ends_at > starts_at),
    CONSTRAINT time_off_span_in_order CHECK (span_end > span_start)
);
-- A person's time off by period; everyone's by period (lists, the planner's overlap).
CREATE INDEX time_off_person_idx ON time_off (person_id, span_start);
CREATE INDEX time_off_span_idx ON time_off (span_start, id);

-- A person's inbox: one row per thing they should hear about. Kinds are not listed in
-- a CHECK: later features add their own without a migration. sent_at is for a mailer.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    message TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    sent_at TIMESTAMP
);
CREATE INDEX notifications_inbox_idx ON notifications (person_id, created_at, id);
CREATE INDEX notifications_unread_idx ON notifications (person_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unsent_idx ON notifications (created_at) WHERE sent_at IS NULL;
