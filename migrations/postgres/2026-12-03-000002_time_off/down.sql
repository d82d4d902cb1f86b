DROP TABLE notifications;
DROP TABLE time_off;
