-- Nothing to do in PostgreSQL. The SQLite twin (migrations/sqlite/0008_checks_without_lists.sql)
-- rewrites CHECK constraints from IN lists to comparisons, because SQLite builds a temporary
-- index per written row for an IN list of three values or more; PostgreSQL evaluates
-- `x IN (...)` as `x = ANY (array)` without one. The file keeps both dialects numbered alike.
SELECT 1;
