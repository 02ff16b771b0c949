#pragma once
// Test helpers: a real SQLite store in a temporary directory, migrated; audit records for
// the writes tests make.

#include <memory>

#include "store/store.hpp"
#include "testing/temp_dir.hpp"

namespace vitrine::testing {

inline std::unique_ptr<store::Store> sqlite_store(const TempDir& dir, bool migrate = true) {
  store::StoreOptions o;
  o.url = store::parse_database_url("sqlite://" + dir.file("vitrine.db")).value();
  auto s = store::open_store(o);
  if (migrate) {
    s->migrate(true);
  }
  return s;
}

// An audit record for a store write a test makes.
inline domain::AuditEvent audit_record(std::string_view action = "test.write") {
  return domain::system_record("test", action, "test", "");
}

}  // namespace vitrine::testing
