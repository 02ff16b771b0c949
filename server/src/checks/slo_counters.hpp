#pragma once
// The checks of monitors with a latency SLO, counted per SLO as good (up or degraded within
// the threshold) or bad: vitrine_slo_checks_total{slo, outcome}, what the SLO's Prometheus
// rules read (domain/slo_rules.hpp). Two series per latency SLO, both from the start so a
// rate of bad checks is 0, not absent. Availability SLOs need none: their rules average
// vitrine_monitor_up.

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/check_result.hpp"
#include "domain/slo.hpp"

namespace prometheus {
class Counter;
template <typename T>
class Family;
}  // namespace prometheus
namespace vitrine::obs {
class MetricsRegistry;
}

namespace vitrine::checks {

class SloCounters {
 public:
  explicit SloCounters(obs::MetricsRegistry& registry);

  // The SLOs now: series of latency SLOs gone are removed. Thread-safe.
  void set(const std::vector<domain::Slo>& slos);
  // Counts `result` for the latency SLOs of its monitor. Thread-safe.
  void count(const domain::CheckResult& result);

 private:
  struct Target {
    std::string slo_id;
    std::int64_t threshold_ms = 0;
    prometheus::Counter* good = nullptr;
    prometheus::Counter* bad = nullptr;
  };
  prometheus::Family<prometheus::Counter>* family_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<Target>> by_monitor_;  // guarded
};

}  // namespace vitrine::checks
