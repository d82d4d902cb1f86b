-- A person's wishes (days or shift types to work or keep free, with weights), read and
-- written whole, so one JSON document per person.
CREATE TABLE preferences (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
