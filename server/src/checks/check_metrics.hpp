#pragma once
// The checks' Prometheus metrics (label cardinality in docs/checks.md): one
// vitrine_monitor_up series per enabled monitor, three per result state, one histogram each
// for check duration and scheduling lateness.

#include <string>

#include "domain/check_result.hpp"
#include "domain/monitor.hpp"
#include "domain/monitor_status.hpp"

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
template <typename T>
class Family;
}  // namespace prometheus

namespace vitrine::obs {
class MetricsRegistry;
}

namespace vitrine::checks {

class CheckMetrics {
 public:
  explicit CheckMetrics(obs::MetricsRegistry& registry);

  // A check ended with `result`; the monitor is now `status`. Thread-safe.
  void checked(const domain::Monitor& monitor, const domain::CheckResult& result,
               const domain::MonitorStatus& status);
  // A check started `seconds` after it was due.
  void late(double seconds);
  // The monitor is no longer checked here (deleted, disabled, or its project changed).
  void forget(const domain::Monitor& monitor);

 private:
  prometheus::Family<prometheus::Gauge>* up_;
  prometheus::Counter* checks_up_;
  prometheus::Counter* checks_down_;
  prometheus::Counter* checks_degraded_;
  prometheus::Histogram* duration_;
  prometheus::Histogram* lateness_;
};

}  // namespace vitrine::checks
