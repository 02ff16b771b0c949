-- Check results summed per monitor and minute or hour (domain/rollup.hpp), written in the
-- transaction that stores the results, so summaries and SLOs over 90 days read at most
-- 2,160 hourly rows a monitor and never raw results. PostgreSQL dialect; the SQLite twin is
-- migrations/sqlite/0010_check_rollups.sql. resolution: 60 or 3600 (seconds); bucket: its
-- start, microseconds since the epoch (UTC). Counts of checks by result; milliseconds in
-- each decided state; latency: the good checks' durations as "bucket:count" pairs of
-- domain::LatencyHistogram.
CREATE TABLE check_rollups (
  monitor_key BIGINT   NOT NULL REFERENCES monitors (key) ON DELETE CASCADE,
  resolution  INTEGER  NOT NULL CHECK (resolution = 60 OR resolution = 3600),
  bucket      BIGINT   NOT NULL,
  checks      INTEGER  NOT NULL,
  up          INTEGER  NOT NULL,
  degraded    INTEGER  NOT NULL,
  down        INTEGER  NOT NULL,
  up_ms       BIGINT   NOT NULL,
  degraded_ms BIGINT   NOT NULL,
  down_ms     BIGINT   NOT NULL,
  latency     TEXT     NOT NULL,
  PRIMARY KEY (monitor_key, resolution, bucket)
);
