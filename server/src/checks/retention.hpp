#pragma once
// Results retention: raw check results older than VITRINE_RESULTS_RETENTION_DAYS are deleted
// at start and once a day (monitor by monitor, so the write lock is never held long). Every
// replica purges; the deletes are idempotent.

#include <chrono>
#include <cstdint>
#include <memory>

#include "obs/log.hpp"
#include "util/periodic.hpp"

namespace vitrine::store {
class ResultStore;
}

namespace vitrine::checks {

// Deletes the results older than `retention` before `now_us`; returns the count (a database
// error is logged and counts as 0, retried at the next run).
std::uint64_t purge_results(store::ResultStore& store, std::chrono::hours retention,
                            std::int64_t now_us, const obs::Logger& log);

std::unique_ptr<util::Periodic> start_results_retention(
    store::ResultStore& store, std::chrono::hours retention, const obs::Logger& log,
    std::chrono::milliseconds period = std::chrono::hours(24));

}  // namespace vitrine::checks
