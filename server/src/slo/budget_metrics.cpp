#include "slo/budget_metrics.hpp"

#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <map>
#include <string>
#include <utility>

#include "obs/metrics.hpp"
#include "slo/reports.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::slo {
namespace {

class BudgetGauges {
 public:
  BudgetGauges(store::Store& store, obs::MetricsRegistry& registry, obs::Logger log)
      : store_(store),
        log_(std::move(log)),
        family_(&prometheus::BuildGauge()
                     .Name("vitrine_slo_error_budget_remaining_ratio")
                     .Help("Share of each SLO's error budget left over its window (negative "
                           "when overspent), evaluated every minute from the rollups.")
                     .Register(registry.registry())) {}

  // On the housekeeping thread only.
  void evaluate() {
    try {
      const std::int64_t now = util::now_us();
      std::map<std::string, prometheus::Gauge*> next;
      for (const domain::Slo& s : store_.slos().all()) {
        prometheus::Gauge& g = family_->Add({{"slo", s.id}});
        g.Set(report_now(store_.results(), s, now).remaining_ratio);
        next.emplace(s.id, &g);
      }
      for (const auto& [id, gauge] : gauges_) {
        if (!next.contains(id)) {
          family_->Remove(gauge);
        }
      }
      gauges_ = std::move(next);
    } catch (const std::exception& e) {
      log_.warn("cannot evaluate the SLOs' error budgets; retried in a minute",
                {{"error", e.what()}});
    }
  }

 private:
  store::Store& store_;
  obs::Logger log_;
  prometheus::Family<prometheus::Gauge>* family_;
  std::map<std::string, prometheus::Gauge*> gauges_;
};

}  // namespace

std::unique_ptr<util::Periodic> start_budget_metrics(store::Store& store,
                                                     obs::MetricsRegistry& registry,
                                                     const obs::Logger& log,
                                                     std::chrono::milliseconds period) {
  auto gauges = std::make_shared<BudgetGauges>(store, registry, log);
  return std::make_unique<util::Periodic>(period, [gauges] { gauges->evaluate(); });
}

}  // namespace vitrine::slo
