-- Incidents (domain/incident.hpp). SQLite dialect; the PostgreSQL twin is
-- migrations/postgres/0012_incidents.sql. Times are microseconds since the Unix epoch.
-- recovery_checks: good checks in a row that resolve a monitor's open incident.
-- monitor_status keeps the checks' side of it: good checks in a row since good_since, and
-- whether the monitor's incident is open (the scheduler's memory across restarts).
ALTER TABLE monitors ADD COLUMN recovery_checks INTEGER NOT NULL DEFAULT 2
  CHECK (recovery_checks BETWEEN 1 AND 20);
ALTER TABLE monitor_status ADD COLUMN successes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE monitor_status ADD COLUMN good_since INTEGER NOT NULL DEFAULT 0;
ALTER TABLE monitor_status ADD COLUMN incident_open INTEGER NOT NULL DEFAULT 0
  CHECK (incident_open = 0 OR incident_open = 1);
-- One incident per outage of a monitor; at most one open (resolved_at NULL) per monitor.
-- It outlives its monitor (monitor_id NULL, monitor_name as when it opened): the history
-- stays. error and message: what the check that opened it found.
CREATE TABLE incidents (
  id           TEXT    NOT NULL PRIMARY KEY,
  monitor_id   TEXT    REFERENCES monitors (id) ON DELETE SET NULL,
  monitor_name TEXT    NOT NULL,
  project_id   TEXT    REFERENCES projects (id) ON DELETE SET NULL,
  started_at   INTEGER NOT NULL,
  resolved_at  INTEGER,
  error        TEXT    NOT NULL,
  message      TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX incidents_open_by_monitor ON incidents (monitor_id) WHERE resolved_at IS NULL;
CREATE INDEX incidents_by_monitor ON incidents (monitor_id, id);
CREATE INDEX incidents_by_project ON incidents (project_id, id);
-- The timeline: the monitor's state changes while the incident was open, numbered from 1.
CREATE TABLE incident_events (
  incident_id TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('down', 'up', 'degraded', 'resolved',
                                               'monitor_disabled', 'monitor_deleted')),
  at          INTEGER NOT NULL,
  error       TEXT,
  message     TEXT,
  PRIMARY KEY (incident_id, seq)
) STRICT;
-- What editors tell the public. author_id has no foreign key: words outlive accounts.
CREATE TABLE incident_updates (
  id          TEXT    NOT NULL PRIMARY KEY,
  incident_id TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  status      TEXT    NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring',
                                                 'resolved')),
  body        TEXT    NOT NULL,
  author_id   TEXT    NOT NULL
) STRICT;
CREATE INDEX incident_updates_by_incident ON incident_updates (incident_id, id);
