-- Maintenance windows (domain/maintenance.hpp). SQLite dialect; the PostgreSQL twin is
-- migrations/postgres/0013_maintenance.sql. One monitor or one project's monitors; the
-- first window at starts_at (microseconds since the epoch), duration_s long, repeating by
-- rrule (domain/recurrence.hpp; NULL: once). Deleting the monitor or project deletes it.
CREATE TABLE maintenance_windows (
  id          TEXT    NOT NULL PRIMARY KEY,
  name        TEXT    NOT NULL,
  description TEXT    NOT NULL,
  monitor_id  TEXT    REFERENCES monitors (id) ON DELETE CASCADE,
  project_id  TEXT    REFERENCES projects (id) ON DELETE CASCADE,
  starts_at   INTEGER NOT NULL,
  duration_s  INTEGER NOT NULL CHECK (duration_s BETWEEN 60 AND 604800),
  rrule       TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  CHECK ((monitor_id IS NULL) <> (project_id IS NULL))
) STRICT;
CREATE INDEX maintenance_windows_by_monitor ON maintenance_windows (monitor_id);
CREATE INDEX maintenance_windows_by_project ON maintenance_windows (project_id);
-- What happened inside windows is kept apart: checks (counted in `checks` and
-- `maintenance`, not in up/degraded/down nor latency) and time (maintenance_ms, not in the
-- states' time), so uptime and SLOs leave it out. A result inside a window: maintenance 1.
ALTER TABLE check_rollups ADD COLUMN maintenance INTEGER NOT NULL DEFAULT 0;
ALTER TABLE check_rollups ADD COLUMN maintenance_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE check_results ADD COLUMN maintenance INTEGER CHECK (maintenance = 1);
