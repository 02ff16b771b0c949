#pragma once
// The check_rollups table (migrations/*/0010_check_rollups.sql): adding a batch's rollups
// to the stored ones, and reading them back. Part of the ResultStore.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/rollup.hpp"
#include "store/sql/session.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

// Adds each rollup of `delta` to its stored row (read, merge, write back: the latency
// histogram is text), inside the caller's transaction. Rows of unknown monitors are
// skipped.
void add_rollups(Session& s, const domain::RollupDelta& delta);

std::vector<domain::BucketRollup> select_rollups(Session& s, const std::string& monitor_id,
                                                 domain::Resolution resolution,
                                                 std::int64_t from_us, std::int64_t to_us);

std::unordered_map<std::string, domain::Rollup> select_hourly_totals(Session& s,
                                                                     std::int64_t from_us);

// Deletes the monitor's rollups older than the cutoffs; returns the rows deleted.
std::uint64_t purge_rollups(Session& s, long long monitor_key, const RetentionCutoffs& cutoffs);

}  // namespace vitrine::store::sql
