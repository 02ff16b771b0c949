#pragma once
// vitrine_slo_error_budget_remaining_ratio{slo}: every SLO's remaining error budget,
// evaluated from the rollups at start and every `period` on a housekeeping thread (one
// series per SLO; gone when the SLO is). Scrapes read the last evaluation whole and cost no
// SQL. Call it before serving: it registers a scrape callback on `registry`.

#include <chrono>
#include <memory>

#include "obs/log.hpp"
#include "util/periodic.hpp"

namespace vitrine::store {
class Store;
}
namespace vitrine::obs {
class MetricsRegistry;
}

namespace vitrine::slo {

std::unique_ptr<util::Periodic> start_budget_metrics(
    store::Store& store, obs::MetricsRegistry& registry, const obs::Logger& log,
    std::chrono::milliseconds period = std::chrono::seconds(60));

}  // namespace vitrine::slo
