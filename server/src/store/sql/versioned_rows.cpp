#include "store/sql/versioned_rows.hpp"

#include <soci/soci.h>

namespace vitrine::store::sql {

WriteOutcome missing_or_stale(Session& s, std::string_view table, const std::string& id) {
  std::string ref = id;
  long long n = 0;
  s << "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = :id", soci::use(ref, "id"),
      soci::into(n);
  return n == 0 ? WriteOutcome::kNotFound : WriteOutcome::kStale;
}

WriteOutcome delete_versioned(Session& s, std::string_view table, const std::string& id,
                              std::optional<std::int64_t> expected_version) {
  std::string ref = id;
  long long expected = expected_version.value_or(0);
  std::string deleted;
  const std::string text = "DELETE FROM " + std::string(table) + " WHERE id = :id";
  if (expected_version) {
    s << text + " AND version = :expected RETURNING id", soci::use(ref, "id"),
        soci::use(expected, "expected"), soci::into(deleted);
  } else {
    s << text + " RETURNING id", soci::use(ref, "id"), soci::into(deleted);
  }
  return s.got_data() ? WriteOutcome::kDone : missing_or_stale(s, table, id);
}

}  // namespace vitrine::store::sql
