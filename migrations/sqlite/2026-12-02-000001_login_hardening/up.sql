-- Bumped when a password or role changes or the person is deactivated; tokens and
-- sessions carry the generation they were issued under and die when it moves on.
ALTER TABLE people ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 0;

-- Login attempts counted per fixed window, one row per (scope, key, window). A guess
-- reserves its attempt with one INSERT … ON CONFLICT DO UPDATE … RETURNING before the
-- password is checked, so concurrent guesses serialise on the row in every process.
CREATE TABLE login_attempts (
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address', 'account_burst')),
    subject TEXT NOT NULL,
    window_start TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (scope, subject, window_start)
);
CREATE INDEX login_attempts_window_idx ON login_attempts (window_start);

DROP TABLE login_failures;
