-- Monitors, their last known state and every check result. SQLite dialect; the PostgreSQL
-- twin is migrations/postgres/0009_monitors.sql. Times are microseconds since the Unix
-- epoch. A monitor has a public id (UUIDv7) and an internal integer key that the result
-- rows use: at 10,000 monitors checked every minute there are 14.4 million results a day,
-- and an 8-byte key instead of a 36-byte id saves ~400 MB of them (docs/checks.md).
-- settings holds the kind's own options as JSON (http: method, headers, body, accepted
-- status, body and JSON assertions, redirects, TLS verification). push_hash is the SHA-256
-- (hex) of a push monitor's secret (its heartbeat URL); the secret itself is never stored.
CREATE TABLE monitors (
  key        INTEGER NOT NULL PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  project_id TEXT    REFERENCES projects (id) ON DELETE SET NULL,
  name       TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind = 'http' OR kind = 'tcp' OR kind = 'tls' OR kind = 'push'),
  target     TEXT    NOT NULL DEFAULT '',
  interval_s INTEGER NOT NULL,
  timeout_ms INTEGER NOT NULL,
  retries    INTEGER NOT NULL,
  enabled    INTEGER NOT NULL CHECK (enabled = 0 OR enabled = 1),
  public     INTEGER NOT NULL CHECK (public = 0 OR public = 1),
  settings   TEXT    NOT NULL DEFAULT '{}',
  push_hash  TEXT    UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version    INTEGER NOT NULL
) STRICT;
CREATE INDEX monitors_by_project ON monitors (project_id);
-- What the checks found last, per monitor: written with the results (not a new version of
-- the monitor). state: 'pending', 'up', 'down', 'degraded'; since: when it entered that
-- state; failures: failed checks in a row (the monitor is down after retries + 1), the
-- first of them at failing_since (0: none).
CREATE TABLE monitor_status (
  monitor_key   INTEGER NOT NULL PRIMARY KEY REFERENCES monitors (key) ON DELETE CASCADE,
  state         TEXT    NOT NULL,
  since         INTEGER NOT NULL,
  last_check_at INTEGER NOT NULL,
  failures      INTEGER NOT NULL,
  failing_since INTEGER NOT NULL
) STRICT;
-- One row per check, clustered by monitor and time (WITHOUT ROWID): a monitor's results
-- for a time range are one range scan. state: 0 up, 1 down, 2 degraded. Phase timings are
-- NULL when the check did not reach the phase; error and message only when not up.
CREATE TABLE check_results (
  monitor_key   INTEGER NOT NULL REFERENCES monitors (key) ON DELETE CASCADE,
  at            INTEGER NOT NULL,
  state         INTEGER NOT NULL CHECK (state BETWEEN 0 AND 2),
  total_us      INTEGER NOT NULL,
  dns_us        INTEGER,
  connect_us    INTEGER,
  tls_us        INTEGER,
  first_byte_us INTEGER,
  status_code   INTEGER,
  error         TEXT,
  message       TEXT,
  tls_days      INTEGER,
  PRIMARY KEY (monitor_key, at)
) STRICT, WITHOUT ROWID;
-- No index by time alone: every insert would pay for it; retention deletes monitor by
-- monitor through the primary key (store/sql/sql_result_store.cpp).
