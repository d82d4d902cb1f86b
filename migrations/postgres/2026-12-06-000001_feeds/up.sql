-- Calendar feeds: a secret URL per feed, of which only the SHA-256 is stored. A
-- revoked feed keeps its row (who made it, when it was last polled) but no token
-- finds it.
CREATE TABLE feeds (
    id TEXT PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    days_back INTEGER NOT NULL,
    days_ahead INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    rotated_at TIMESTAMP,
    revoked_at TIMESTAMP,
    last_fetched_at TIMESTAMP,
    last_user_agent TEXT
);
CREATE INDEX feeds_owner_idx ON feeds (owner_id);

-- Counters that every change of a kind bumps in its own transaction, so that every
-- process sharing the database sees at once whether what it rendered is still true:
-- 'calendars' moves with every audited change (rosters, people, teams, desks, time
-- off, settings, feeds), and a feed rendered under one value is reused until it moves.
CREATE TABLE change_counters (
    name TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL,
    changed_at TIMESTAMP
);
INSERT INTO change_counters (name, value, changed_at) VALUES ('calendars', 0, NULL);

-- How often the people on a shift changed, and when last: a desk feed's event is the
-- shift, and its SEQUENCE must grow when someone joins or leaves it.
CREATE TABLE shift_changes (
    shift_id TEXT PRIMARY KEY NOT NULL REFERENCES roster_shifts (id) ON DELETE CASCADE,
    sequence BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
