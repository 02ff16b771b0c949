#pragma once
// Results retention: raw check results older than VITRINE_RESULTS_RETENTION_DAYS, minute
// rollups older than two days and hour rollups older than VITRINE_ROLLUP_RETENTION_DAYS
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

// Minute rollups serve the SLO burn-rate windows (six hours at most) and nothing else:
// older ones are redundant with the raw results and the hour rollups, and would cost more
// than the raw results themselves (docs/checks.md, Rollups).
inline constexpr std::chrono::hours kMinuteRollupRetention{48};

struct ResultsRetention {
  std::chrono::hours results{24 * 30};
  std::chrono::hours hour_rollups{24 * 400};
};

// Deletes what is older than `retention` before `now_us`; returns the rows deleted (a
// database error is logged and counts as 0, retried at the next run).
std::uint64_t purge_results(store::ResultStore& store, const ResultsRetention& retention,
                            std::int64_t now_us, const obs::Logger& log);

std::unique_ptr<util::Periodic> start_results_retention(
    store::ResultStore& store, const ResultsRetention& retention, const obs::Logger& log,
    std::chrono::milliseconds period = std::chrono::hours(24));

}  // namespace vitrine::checks
