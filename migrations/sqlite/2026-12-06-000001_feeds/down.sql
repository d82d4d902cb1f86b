DROP TABLE shift_changes;
DROP TABLE change_counters;
DROP TABLE feeds;
