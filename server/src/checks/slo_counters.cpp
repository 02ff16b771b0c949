#include "checks/slo_counters.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <unordered_set>

#include "obs/metrics.hpp"

namespace vitrine::checks {

SloCounters::SloCounters(obs::MetricsRegistry& registry)
    : family_(&prometheus::BuildCounter()
                   .Name("vitrine_slo_checks_total")
                   .Help("Checks of monitors with a latency SLO, per SLO: good (up or degraded "
                         "within its threshold) or bad.")
                   .Register(registry.registry())) {}

void SloCounters::set(const std::vector<domain::Slo>& slos) {
  std::unordered_map<std::string, std::vector<Target>> next;
  std::unordered_set<std::string> kept;
  for (const domain::Slo& s : slos) {
    if (s.kind != domain::SloKind::kLatency) {
      continue;
    }
    // Add returns the existing series for the same labels: counts carry on.
    next[s.monitor_id].push_back({s.id, s.threshold_ms,
                                  &family_->Add({{"slo", s.id}, {"outcome", "good"}}),
                                  &family_->Add({{"slo", s.id}, {"outcome", "bad"}})});
    kept.insert(s.id);
  }
  std::lock_guard lock(mutex_);
  for (const auto& [monitor, targets] : by_monitor_) {
    for (const Target& t : targets) {
      if (!kept.contains(t.slo_id)) {
        family_->Remove(t.good);
        family_->Remove(t.bad);
      }
    }
  }
  by_monitor_ = std::move(next);
}

void SloCounters::count(const domain::CheckResult& result) {
  if (result.maintenance) {
    return;  // inside a maintenance window: no SLO counts it (domain/maintenance.hpp)
  }
  std::lock_guard lock(mutex_);
  const auto it = by_monitor_.find(result.monitor_id);
  if (it == by_monitor_.end()) {
    return;
  }
  for (const Target& t : it->second) {
    const bool good = result.state != domain::CheckState::kDown &&
                      result.timings.total_us <= t.threshold_ms * 1000;
    (good ? t.good : t.bad)->Increment();
  }
}

}  // namespace vitrine::checks
