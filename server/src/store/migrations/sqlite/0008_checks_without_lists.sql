-- CHECK constraints as comparisons instead of IN lists. SQLite dialect; the PostgreSQL
-- twin is migrations/postgres/0008_checks_without_lists.sql (nothing to do there).
-- SQLite evaluates `x IN ('a', 'b', 'c')` (three values or more) by building a temporary
-- index for every row it writes: on a project create with its audit record that was a
-- tenth of the instructions (callgrind, docs/benchmarks-content.md). `x = 'a' OR ...`
-- accepts exactly the same values without it. SQLite cannot change a CHECK in place, so
-- both tables are rebuilt (nothing references them) with the same columns, indexes and
-- trigger.
CREATE TABLE projects_rebuilt (
  id            TEXT    NOT NULL PRIMARY KEY,
  slug          TEXT    NOT NULL UNIQUE,
  title         TEXT    NOT NULL,
  summary       TEXT    NOT NULL DEFAULT '',
  body_markdown TEXT    NOT NULL DEFAULT '',
  body_html     TEXT    NOT NULL DEFAULT '',
  tags          TEXT    NOT NULL DEFAULT '[]',
  tags_index    TEXT    NOT NULL DEFAULT ' ',
  tech_stack    TEXT    NOT NULL DEFAULT '[]',
  links         TEXT    NOT NULL DEFAULT '[]',
  repo_url      TEXT    NOT NULL DEFAULT '',
  demo_url      TEXT    NOT NULL DEFAULT '',
  status        TEXT    NOT NULL
                CHECK (status = 'active' OR status = 'maintained' OR status = 'archived'),
  visibility    TEXT    NOT NULL CHECK (visibility IN ('draft', 'published')),
  featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  sort_order    INTEGER NOT NULL DEFAULT 0,
  search_text   TEXT    NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  version       INTEGER NOT NULL
) STRICT;
INSERT INTO projects_rebuilt (id, slug, title, summary, body_markdown, body_html, tags,
  tags_index, tech_stack, links, repo_url, demo_url, status, visibility, featured, sort_order,
  search_text, created_at, updated_at, version)
SELECT id, slug, title, summary, body_markdown, body_html, tags, tags_index, tech_stack,
  links, repo_url, demo_url, status, visibility, featured, sort_order, search_text,
  created_at, updated_at, version
FROM projects;
DROP TABLE projects;
ALTER TABLE projects_rebuilt RENAME TO projects;
CREATE INDEX projects_by_sort_order ON projects (sort_order, title, id);

CREATE TABLE audit_log_rebuilt (
  id          TEXT    NOT NULL PRIMARY KEY,
  at_us       INTEGER NOT NULL,
  actor_kind  TEXT    NOT NULL CHECK (actor_kind = 'anonymous' OR actor_kind = 'user' OR
                                      actor_kind = 'token' OR actor_kind = 'system'),
  actor_id    TEXT    NOT NULL DEFAULT '',
  ip          TEXT    NOT NULL DEFAULT '',
  user_agent  TEXT    NOT NULL DEFAULT '',
  action      TEXT    NOT NULL,
  target_type TEXT    NOT NULL DEFAULT '',
  target_id   TEXT    NOT NULL DEFAULT '',
  outcome     TEXT    NOT NULL
              CHECK (outcome = 'success' OR outcome = 'failure' OR outcome = 'denied'),
  request_id  TEXT    NOT NULL DEFAULT '',
  details     TEXT    NOT NULL DEFAULT '{}'
) STRICT;
INSERT INTO audit_log_rebuilt (id, at_us, actor_kind, actor_id, ip, user_agent, action,
  target_type, target_id, outcome, request_id, details)
SELECT id, at_us, actor_kind, actor_id, ip, user_agent, action, target_type, target_id,
  outcome, request_id, details
FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
CREATE INDEX audit_log_by_time ON audit_log (at_us);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_target ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_by_request ON audit_log (request_id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
