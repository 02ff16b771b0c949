#pragma once
// Versioned schema migrations, embedded in the binary: one numbered .sql file per change
// and dialect (store/migrations/<dialect>/NNNN_name.sql), recorded with their SHA-256 in
// schema_migrations.

#include <string>
#include <string_view>
#include <vector>

#include "store/sql/database.hpp"

namespace vitrine::store::sql {

struct Migration {
  unsigned version = 0;  // from the file name's number
  std::string name;      // "0001_projects"
  std::string_view script;
  std::string checksum;  // SHA-256, hex
};

// The embedded migrations for `backend`, by version. Throws std::logic_error when the
// files are malformed (a build problem, caught by the unit tests).
std::vector<Migration> embedded_migrations(Backend backend);

// The statements of a script: split after each ';' that ends a line, comment-only parts
// dropped. (Migrations therefore keep one statement per ';'-terminated line.)
std::vector<std::string_view> split_statements(std::string_view script);

// Under the migration lock and in one transaction: verify what is applied, then apply
// the rest when `apply`. Throws SchemaError or Unavailable.
MigrationReport migrate(Database& db, bool apply);

}  // namespace vitrine::store::sql
