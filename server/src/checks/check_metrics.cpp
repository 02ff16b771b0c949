#include "checks/check_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "obs/metrics.hpp"

namespace vitrine::checks {
namespace {

const prometheus::Histogram::BucketBoundaries kDurationBuckets = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
const prometheus::Histogram::BucketBoundaries kLatenessBuckets = {
    0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

prometheus::Labels labels_of(const domain::Monitor& m) {
  return {{"monitor", m.id}, {"project", m.project_id.value_or("")}};
}

}  // namespace

CheckMetrics::CheckMetrics(obs::MetricsRegistry& registry) {
  auto& r = registry.registry();
  up_ = &prometheus::BuildGauge()
             .Name("vitrine_monitor_up")
             .Help("1 when the monitor is up or degraded, 0 when down; absent while pending.")
             .Register(r);
  auto& checks = prometheus::BuildCounter()
                     .Name("vitrine_monitor_checks_total")
                     .Help("Checks run here, by result.")
                     .Register(r);
  checks_up_ = &checks.Add({{"result", "up"}});
  checks_down_ = &checks.Add({{"result", "down"}});
  checks_degraded_ = &checks.Add({{"result", "degraded"}});
  duration_ = &prometheus::BuildHistogram()
                   .Name("vitrine_monitor_check_duration_seconds")
                   .Help("How long checks took, from start to result (timeouts included).")
                   .Register(r)
                   .Add({}, kDurationBuckets);
  lateness_ = &prometheus::BuildHistogram()
                   .Name("vitrine_scheduler_lateness_seconds")
                   .Help("How long after its due time a check started.")
                   .Register(r)
                   .Add({}, kLatenessBuckets);
}

void CheckMetrics::checked(const domain::Monitor& monitor, const domain::CheckResult& result,
                           const domain::MonitorStatus& status) {
  switch (result.state) {
    case domain::CheckState::kUp:
      checks_up_->Increment();
      break;
    case domain::CheckState::kDown:
      checks_down_->Increment();
      break;
    case domain::CheckState::kDegraded:
      checks_degraded_->Increment();
      break;
  }
  duration_->Observe(static_cast<double>(result.timings.total_us) / 1e6);
  if (status.state != domain::MonitorState::kPending) {
    up_->Add(labels_of(monitor)).Set(status.state == domain::MonitorState::kDown ? 0 : 1);
  }
}

void CheckMetrics::late(double seconds) { lateness_->Observe(seconds); }

void CheckMetrics::forget(const domain::Monitor& monitor) {
  auto& gauge = up_->Add(labels_of(monitor));
  up_->Remove(&gauge);
}

}  // namespace vitrine::checks
