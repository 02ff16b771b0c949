-- The audit log. PostgreSQL dialect; the SQLite twin is migrations/sqlite/0005_audit.sql.
-- One row per state-changing request or security event, appended in the same transaction as
-- the change it records (store/sql/audit_rows). id is a UUIDv7, so id order is time order
-- and the audit API pages by it. at_us is microseconds since the Unix epoch. details is a
-- JSON object: the field-level diff under "changes", or what went wrong. Rows are never
-- updated (the trigger refuses it); retention deletes the old ones.
CREATE TABLE audit_log (
  id          TEXT   NOT NULL PRIMARY KEY,
  at_us       BIGINT NOT NULL,
  actor_kind  TEXT   NOT NULL CHECK (actor_kind IN ('anonymous', 'user', 'token', 'system')),
  actor_id    TEXT   NOT NULL DEFAULT '',
  ip          TEXT   NOT NULL DEFAULT '',
  user_agent  TEXT   NOT NULL DEFAULT '',
  action      TEXT   NOT NULL,
  target_type TEXT   NOT NULL DEFAULT '',
  target_id   TEXT   NOT NULL DEFAULT '',
  outcome     TEXT   NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  request_id  TEXT   NOT NULL DEFAULT '',
  details     TEXT   NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_time ON audit_log (at_us);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_by_request ON audit_log (request_id);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
