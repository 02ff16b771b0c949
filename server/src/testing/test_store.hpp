#pragma once
// Test helpers: a real SQLite store in a temporary directory, migrated; a minimal project
// and audit records for the writes tests make.

#include <memory>
#include <string>

#include "store/store.hpp"
#include "testing/temp_dir.hpp"
#include "util/uuid.hpp"

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

// The smallest valid project: a new id, `slug` as slug and title, version 1.
inline domain::Project project(const std::string& slug) {
  domain::Project p;
  p.id = util::uuid_v7();
  p.slug = slug;
  p.title = slug;
  p.version = 1;
  return p;
}

// An audit record for a store write a test makes.
inline domain::AuditEvent audit_record(std::string_view action = "test.write") {
  return domain::system_record("test", action, "test", "");
}

}  // namespace vitrine::testing
