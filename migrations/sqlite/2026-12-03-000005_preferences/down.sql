DROP TABLE preferences;
