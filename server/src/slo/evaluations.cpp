#include "slo/evaluations.hpp"

#include <utility>

#include "obs/metrics.hpp"
#include "slo/reports.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::slo {

Evaluations::Evaluations(store::Store& store, obs::Logger log)
    : store_(store), log_(std::move(log)) {}

void Evaluations::evaluate() {
  try {
    auto next = std::make_shared<Evaluation>();
    next->at_us = util::now_us();
    for (domain::Slo& s : store_.slos().all()) {
      domain::SloReport report = report_now(store_.results(), s, next->at_us);
      next->slos.push_back({std::move(s), std::move(report)});
    }
    const std::lock_guard lock(mutex_);
    latest_ = std::move(next);
  } catch (const std::exception& e) {
    log_.warn("cannot evaluate the SLOs; the last figures stay, retried in a minute",
              {{"error", e.what()}});
  }
}

std::shared_ptr<const Evaluation> Evaluations::latest() const {
  const std::lock_guard lock(mutex_);
  return latest_;
}

std::unique_ptr<util::Periodic> start_evaluations(const std::shared_ptr<Evaluations>& evaluations,
                                                  obs::MetricsRegistry& registry,
                                                  std::chrono::milliseconds period) {
  registry.add_gauge_family_callback(
      "vitrine_slo_error_budget_remaining_ratio",
      "Share of each SLO's error budget left over its window (negative when overspent), "
      "evaluated every minute from the rollups.",
      "slo", [evaluations] {
        std::vector<obs::MetricsRegistry::LabelledValue> values;
        if (const auto latest = evaluations->latest()) {
          for (const Evaluated& e : latest->slos) {
            values.push_back({e.slo.id, e.report.remaining_ratio});
          }
        }
        return values;
      });
  return std::make_unique<util::Periodic>(period, [evaluations] { evaluations->evaluate(); });
}

}  // namespace vitrine::slo
