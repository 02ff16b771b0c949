-- API tokens for automation. PostgreSQL dialect; the SQLite twin is
-- migrations/sqlite/0006_api_tokens.sql. The secret ("vtr_" + 43 base64url characters,
-- 256 random bits) is shown once at creation; only its SHA-256 (hex) is stored, and its
-- first characters (prefix) so people can tell tokens apart. scopes is a space-separated
-- list (read, content:write, deployments:write, monitors:push). created_by is the admin
-- who made it (kept when that account goes: the audit log still names them). Times are
-- microseconds since the Unix epoch; last_used_at and revoked_at are 0 until set.
CREATE TABLE api_tokens (
  id           TEXT    NOT NULL PRIMARY KEY,
  name         TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL UNIQUE,
  prefix       TEXT    NOT NULL,
  scopes       TEXT    NOT NULL,
  created_by   TEXT    NOT NULL,
  created_at   BIGINT  NOT NULL,
  expires_at   BIGINT  NOT NULL,
  last_used_at BIGINT  NOT NULL DEFAULT 0,
  revoked_at   BIGINT  NOT NULL DEFAULT 0
);
