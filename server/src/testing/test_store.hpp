#pragma once
// Test helper: a real SQLite store in a temporary directory, migrated.

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

}  // namespace vitrine::testing
