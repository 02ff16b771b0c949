-- TOTP second factor. PostgreSQL dialect; the SQLite twin is migrations/sqlite/0003_mfa.sql.
-- mfa_secret and mfa_pending hold TOTP seeds sealed with VITRINE_DATA_KEY (auth/sealed_box),
-- '' when none; mfa_pending awaits its first code. mfa_last_step is the last accepted
-- 30-second step: a step is accepted once (no replay).
ALTER TABLE users ADD COLUMN mfa_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN mfa_pending TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN mfa_last_step BIGINT NOT NULL DEFAULT 0;
-- Single-use recovery codes: SHA-256 of the normalized code; used_at 0 while unused.
CREATE TABLE recovery_codes (
  user_id   TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT    NOT NULL,
  used_at   BIGINT  NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, code_hash)
);
