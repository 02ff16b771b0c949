#include "store/sql/versioned_rows.hpp"

#include <soci/soci.h>

#include "store/sql/sql_audit_store.hpp"

namespace vitrine::store::sql {

WriteOutcome missing_or_stale(Session& s, std::string_view table, const std::string& id) {
  std::string ref = id;
  long long n = 0;
  s << "SELECT COUNT(*) FROM " + std::string(table) + " WHERE id = :id", soci::use(ref, "id"),
      soci::into(n);
  return n == 0 ? WriteOutcome::kNotFound : WriteOutcome::kStale;
}

WriteOutcome delete_versioned(Session& s, std::string_view table, const std::string& id,
                              std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit) {
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
  if (!s.got_data()) {
    return missing_or_stale(s, table, id);
  }
  append_audit(s, audit);
  return WriteOutcome::kDone;
}

}  // namespace vitrine::store::sql
