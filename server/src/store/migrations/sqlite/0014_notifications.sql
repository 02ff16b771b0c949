-- Notifications (domain/notification.hpp). SQLite dialect; the twin is
-- migrations/postgres/0014_notifications.sql. Times are microseconds since the Unix epoch.
-- A channel's URL and signing secret are sealed with VITRINE_DATA_KEY (never stored plain);
-- url_origin is the part people may see. project_id: only that project's incidents.
CREATE TABLE notification_channels (
  id            TEXT    NOT NULL PRIMARY KEY,
  name          TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('webhook', 'slack')),
  url_sealed    TEXT    NOT NULL,
  secret_sealed TEXT    NOT NULL,
  url_origin    TEXT    NOT NULL,
  project_id    TEXT    REFERENCES projects (id) ON DELETE CASCADE,
  on_open       INTEGER NOT NULL CHECK (on_open = 0 OR on_open = 1),
  on_resolve    INTEGER NOT NULL CHECK (on_resolve = 0 OR on_resolve = 1),
  enabled       INTEGER NOT NULL CHECK (enabled = 0 OR enabled = 1),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  version       INTEGER NOT NULL
) STRICT;
-- The outbox: one row per message to send, written in the transaction that opened or
-- resolved the incident, so none is lost and none is sent for a rolled-back change. body:
-- the exact bytes every try sends. A pending row is due at next_attempt_at; a replica
-- sending it moves next_attempt_at past its timeout first (its claim), so no other replica
-- sends it meanwhile and a replica that dies mid-send only delays it.
CREATE TABLE notification_deliveries (
  id              TEXT    NOT NULL PRIMARY KEY,
  channel_id      TEXT    NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
  incident_id     TEXT    REFERENCES incidents (id) ON DELETE SET NULL,
  event           TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  delivered_at    INTEGER,
  last_error      TEXT    NOT NULL
) STRICT;
CREATE INDEX notification_deliveries_due ON notification_deliveries (state, next_attempt_at);
CREATE INDEX notification_deliveries_by_channel ON notification_deliveries (channel_id, id);
CREATE INDEX notification_deliveries_by_incident ON notification_deliveries (incident_id);
-- The delivery log: every try, numbered from 1. status_code NULL: no HTTP answer.
CREATE TABLE notification_attempts (
  delivery_id TEXT    NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  status_code INTEGER,
  error       TEXT    NOT NULL,
  PRIMARY KEY (delivery_id, seq)
) STRICT;
