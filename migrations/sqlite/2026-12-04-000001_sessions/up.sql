-- Sign-in sessions of the web pages. The cookie holds a random secret; only its
-- SHA-256 is stored, so a copy of the database opens no session. A session lives
-- while the person's token generation is the one it was opened under (a password,
-- role or active change ends it, as it ends tokens), until it expires, and while it
-- is used at least once per idle timeout (last_seen_at is written at most once a
-- minute).
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_generation BIGINT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_person_idx ON sessions (person_id);

-- One-time ids of create forms: a double click posts the same id twice, and the
-- second post finds the first one's result here instead of creating a second thing.
CREATE TABLE form_submissions (
    form_id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    location TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
