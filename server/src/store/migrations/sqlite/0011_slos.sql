-- Service level objectives, one monitor each (domain/slo.hpp). SQLite dialect; the
-- PostgreSQL twin is migrations/postgres/0011_slos.sql. objective is a ratio (0.995);
-- threshold_ms only for kind 'latency'. Deleting the monitor deletes its SLOs.
CREATE TABLE slos (
  id           TEXT    NOT NULL PRIMARY KEY,
  monitor_id   TEXT    NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind = 'availability' OR kind = 'latency'),
  objective    REAL    NOT NULL CHECK (objective > 0 AND objective < 1),
  window_days  INTEGER NOT NULL CHECK (window_days IN (7, 28, 30)),
  threshold_ms INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL
) STRICT;
CREATE INDEX slos_by_monitor ON slos (monitor_id);
