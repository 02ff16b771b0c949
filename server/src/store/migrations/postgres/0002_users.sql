-- People who sign in. PostgreSQL dialect: BIGINT for 64-bit numbers; the SQLite twin is
-- migrations/sqlite/0002_users.sql. email_key is the lower-cased email (unique: one account
-- per address, whatever its case). password_hash is an Argon2id string, empty for accounts
-- that only sign in through SSO. Timestamps are microseconds since the Unix epoch (UTC);
-- last_login_at 0 means never.
CREATE TABLE users (
  id            TEXT    NOT NULL PRIMARY KEY,
  email         TEXT    NOT NULL,
  email_key     TEXT    NOT NULL UNIQUE,
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  mfa_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (mfa_enabled IN (0, 1)),
  password_hash TEXT    NOT NULL DEFAULT '',
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  last_login_at BIGINT  NOT NULL DEFAULT 0,
  version       BIGINT  NOT NULL
);
