-- Monitor leases (checks/leases.hpp). PostgreSQL dialect; the twin is
-- migrations/sqlite/0015_monitor_leases.sql. Times are microseconds since the Unix epoch.
-- Replicas sharing one database split the monitors: a replica checks only the monitors
-- it holds a lease on, renews its leases well before they expire, and takes free or
-- expired ones up to its fair share (enabled monitors / live replicas), so a dead
-- replica's monitors are taken over once its leases run out.
CREATE TABLE monitor_leases (
  monitor_id TEXT    NOT NULL PRIMARY KEY REFERENCES monitors (id) ON DELETE CASCADE,
  holder     TEXT    NOT NULL,
  expires_at BIGINT  NOT NULL
);
CREATE INDEX monitor_leases_by_holder ON monitor_leases (holder);
-- The replicas checking monitors, and when each last renewed: live while seen_at is within
-- a lease's time to live.
CREATE TABLE check_replicas (
  id      TEXT    NOT NULL PRIMARY KEY,
  seen_at BIGINT  NOT NULL
);
