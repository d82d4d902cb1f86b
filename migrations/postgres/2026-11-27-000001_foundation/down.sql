DROP TABLE audit_events;
DROP TABLE login_failures;
DROP TABLE team_memberships;
DROP TABLE teams;
DROP TABLE people;
