-- Refresh tokens (browser sessions). PostgreSQL dialect; the SQLite twin is
-- migrations/sqlite/0004_refresh_tokens.sql. Each sign-in starts a family; each refresh
-- marks the presented token used and adds its successor to the family. Presenting a used
-- token again (a stolen copy) revokes the whole family. token_hash is the SHA-256 (hex) of
-- the 256-bit secret; the secret itself is never stored. Times are microseconds since the
-- Unix epoch; used_at and revoked_at are 0 until set.
CREATE TABLE refresh_tokens (
  id         TEXT    NOT NULL PRIMARY KEY,
  family_id  TEXT    NOT NULL,
  user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT    NOT NULL UNIQUE,
  mfa        INTEGER NOT NULL DEFAULT 0 CHECK (mfa IN (0, 1)),
  created_at BIGINT  NOT NULL,
  expires_at BIGINT  NOT NULL,
  used_at    BIGINT  NOT NULL DEFAULT 0,
  revoked_at BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
