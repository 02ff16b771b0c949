#include "slo/budget_metrics.hpp"

#include <mutex>
#include <utility>
#include <vector>

#include "obs/metrics.hpp"
#include "slo/reports.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::slo {
namespace {

using Budgets = std::vector<obs::MetricsRegistry::LabelledValue>;

// The last evaluation, replaced whole: a scrape reads every SLO's budget from one
// evaluation, and a new SLO appears with its value, never first as a zero.
class BudgetGauges {
 public:
  BudgetGauges(store::Store& store, obs::Logger log) : store_(store), log_(std::move(log)) {}

  // On the housekeeping thread only.
  void evaluate() {
    try {
      const std::int64_t now = util::now_us();
      Budgets next;
      for (const domain::Slo& s : store_.slos().all()) {
        next.push_back({s.id, report_now(store_.results(), s, now).remaining_ratio});
      }
      const std::lock_guard lock(mutex_);
      budgets_ = std::move(next);
    } catch (const std::exception& e) {
      log_.warn("cannot evaluate the SLOs' error budgets; retried in a minute",
                {{"error", e.what()}});
    }
  }

  Budgets read() const {
    const std::lock_guard lock(mutex_);
    return budgets_;
  }

 private:
  store::Store& store_;
  obs::Logger log_;
  mutable std::mutex mutex_;
  Budgets budgets_;  // guarded by mutex_
};

}  // namespace

std::unique_ptr<util::Periodic> start_budget_metrics(store::Store& store,
                                                     obs::MetricsRegistry& registry,
                                                     const obs::Logger& log,
                                                     std::chrono::milliseconds period) {
  auto gauges = std::make_shared<BudgetGauges>(store, log);
  registry.add_gauge_family_callback(
      "vitrine_slo_error_budget_remaining_ratio",
      "Share of each SLO's error budget left over its window (negative when overspent), "
      "evaluated every minute from the rollups.",
      "slo", [gauges] { return gauges->read(); });
  return std::make_unique<util::Periodic>(period, [gauges] { gauges->evaluate(); });
}

}  // namespace vitrine::slo
