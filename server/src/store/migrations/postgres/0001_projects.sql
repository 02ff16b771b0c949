-- Portfolio projects. PostgreSQL dialect: BIGINT for 64-bit numbers, and titles compared
-- byte-wise (COLLATE "C") so sorting and keyset pagination match SQLite exactly; the SQLite
-- twin is migrations/sqlite/0001_projects.sql. Timestamps are microseconds since the Unix
-- epoch (UTC); list fields are JSON arrays. A released migration never changes (its
-- checksum is recorded); later changes go in a new numbered file.
CREATE TABLE projects (
  id            TEXT    NOT NULL PRIMARY KEY,
  slug          TEXT    NOT NULL UNIQUE,
  title         TEXT    COLLATE "C" NOT NULL,
  summary       TEXT    NOT NULL DEFAULT '',
  body_markdown TEXT    NOT NULL DEFAULT '',
  body_html     TEXT    NOT NULL DEFAULT '',
  tags          TEXT    NOT NULL DEFAULT '[]',
  tags_index    TEXT    NOT NULL DEFAULT ' ',
  tech_stack    TEXT    NOT NULL DEFAULT '[]',
  links         TEXT    NOT NULL DEFAULT '[]',
  repo_url      TEXT    NOT NULL DEFAULT '',
  demo_url      TEXT    NOT NULL DEFAULT '',
  status        TEXT    NOT NULL CHECK (status IN ('active', 'maintained', 'archived')),
  visibility    TEXT    NOT NULL CHECK (visibility IN ('draft', 'published')),
  featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  sort_order    BIGINT  NOT NULL DEFAULT 0,
  search_text   TEXT    NOT NULL DEFAULT '',
  created_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  version       BIGINT  NOT NULL
);
-- The default order of GET /api/v1/projects. The other sorts (title, updated_at) scan and
-- sort: a portfolio holds hundreds of projects, lists are served from the response cache,
-- and every index is written again by every create (one fewer index, fewer pages per
-- commit; measured in docs/benchmarks-content.md).
CREATE INDEX projects_by_sort_order ON projects (sort_order, title, id);
