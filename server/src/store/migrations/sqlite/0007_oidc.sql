-- Accounts provisioned from an OpenID Connect issuer. SQLite dialect; the PostgreSQL twin
-- is migrations/postgres/0007_oidc.sql. oidc_subject is the issuer's "sub" for the account
-- ('' for accounts made in Vitrine); one account per subject.
ALTER TABLE users ADD COLUMN oidc_subject TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_by_oidc_subject ON users (oidc_subject) WHERE oidc_subject <> '';
