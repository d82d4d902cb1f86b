DROP TABLE assignments;
DROP TABLE roster_shifts;
DROP TABLE rosters;
