#pragma once
// Rows with an id and a version (projects, monitors): what a write that matched no row
// means, and the delete at an expected version. `table` is a constant of our code, never
// input.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/sql/session.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

// After a write `WHERE id = :id AND version = :expected` matched nothing: kNotFound when
// no row has the id, else kStale.
WriteOutcome missing_or_stale(Session& s, std::string_view table, const std::string& id);

// Deletes the row `id` (at `expected_version` when given) and, when it did, appends
// `audit` in the same transaction: kDone, kNotFound or kStale.
WriteOutcome delete_versioned(Session& s, std::string_view table, const std::string& id,
                              std::optional<std::int64_t> expected_version,
                              const domain::AuditEvent& audit);

}  // namespace vitrine::store::sql
