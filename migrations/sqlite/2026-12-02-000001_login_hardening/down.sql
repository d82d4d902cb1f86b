CREATE TABLE login_failures (
    id TEXT PRIMARY KEY NOT NULL,
    email_normalized TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email_normalized, failed_at);
CREATE INDEX login_failures_addr_idx ON login_failures (client_addr, failed_at);

DROP TABLE login_attempts;
ALTER TABLE people DROP COLUMN token_generation;
