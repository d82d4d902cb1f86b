DROP TABLE company_holidays;
DROP TABLE shift_templates;
DROP TABLE desk_teams;
DROP TABLE desks;
ALTER TABLE people DROP COLUMN night_rule;
DROP TABLE settings;
