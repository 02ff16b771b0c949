#pragma once
// Results retention: raw check results and their minute rollups older than
// VITRINE_RESULTS_RETENTION_DAYS, and hour rollups older than VITRINE_ROLLUP_RETENTION_DAYS,
// are deleted at start and once a day (a few monitors per transaction, so the write lock is
// never held long). Every replica purges; the deletes are idempotent.

#include <chrono>
#include <cstdint>
#include <memory>

#include "obs/log.hpp"
#include "util/periodic.hpp"

namespace vitrine::store {
class ResultStore;
}

namespace vitrine::checks {

struct ResultsRetention {
  std::chrono::hours results{24 * 30};        // raw results and minute rollups
  std::chrono::hours hour_rollups{24 * 400};  // hour rollups
};

// Deletes what is older than `retention` before `now_us`; returns the rows deleted (a
// database error is logged and counts as 0, retried at the next run).
std::uint64_t purge_results(store::ResultStore& store, const ResultsRetention& retention,
                            std::int64_t now_us, const obs::Logger& log);

std::unique_ptr<util::Periodic> start_results_retention(
    store::ResultStore& store, const ResultsRetention& retention, const obs::Logger& log,
    std::chrono::milliseconds period = std::chrono::hours(24));

}  // namespace vitrine::checks
