-- Background work, claimed by any `rota serve` process sharing the database. A
-- running job holds a lease (owner and expiry) that its runner renews; a job whose
-- lease ran out (its process died) is claimed again, and only the lease holder may
-- store a result. Progress is in thousandths of the budget (integers, the same type
-- on both backends).
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('plan_roster')),
    roster_id TEXT NOT NULL REFERENCES rosters (id) ON DELETE CASCADE,
    roster_version BIGINT NOT NULL,
    options TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    progress_permille INTEGER NOT NULL DEFAULT 0,
    best_score BIGINT,
    hard_violations BIGINT,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    requested_by TEXT NOT NULL REFERENCES people (id),
    lease_owner TEXT,
    lease_until TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT,
    result TEXT,
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX jobs_claim_idx ON jobs (status, created_at);
CREATE INDEX jobs_roster_idx ON jobs (roster_id);
