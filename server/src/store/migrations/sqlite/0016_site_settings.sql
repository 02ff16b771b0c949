-- The site settings (domain/site_settings.hpp): the owner's profile heading the portfolio.
-- Sqlite dialect (the twin is migrations/postgres/0016_site_settings.sql). Exactly one row,
-- created here; admins change it through PATCH /api/v1/settings. links is a JSON array of
-- {label, url}; about_html is rendered from about_markdown on write. updated_at is
-- microseconds since the Unix epoch, 0 until the first edit.
CREATE TABLE site_settings (
  id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  name           TEXT    NOT NULL DEFAULT '',
  headline       TEXT    NOT NULL DEFAULT '',
  location       TEXT    NOT NULL DEFAULT '',
  about_markdown TEXT    NOT NULL DEFAULT '',
  about_html     TEXT    NOT NULL DEFAULT '',
  links          TEXT    NOT NULL DEFAULT '[]',
  updated_at     INTEGER NOT NULL DEFAULT 0,
  version        INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO site_settings (id) VALUES (1);
