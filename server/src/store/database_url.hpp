#pragma once
// VITRINE_DATABASE_URL: which store and where. Parsed once, at configuration time, so a
// bad URL stops the start with a message naming what is accepted.

#include <string>
#include <string_view>

#include "config/parse.hpp"

namespace vitrine::store {

enum class Backend { kSqlite, kPostgres };

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  std::string sqlite_path;  // kSqlite: a file path, absolute or relative to the cwd
  // kPostgres: libpq key=value pairs from the URI (SOCI 4.0.3 passes neither URIs nor
  // quoted values to libpq, so values with whitespace, quotes or backslashes are refused;
  // libpq's PGPASSWORD / PGPASSFILE environment variables remain available for those).
  std::string postgres_conninfo;
};

// sqlite:///abs/path.db, sqlite://relative/path.db, postgres://… or postgresql://…
config::Parsed<DatabaseUrl> parse_database_url(std::string_view text);

std::string_view to_string(Backend backend);

}  // namespace vitrine::store
