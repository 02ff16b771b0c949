#pragma once
// Every SLO's report, evaluated from the rollups at start and every `period` on a
// housekeeping thread, and read whole by the error-budget gauge
// (vitrine_slo_error_budget_remaining_ratio{slo}, one series per SLO, gone when the SLO is)
// and by the status document's SLO badges: reading costs no SQL, and a new SLO appears with
// its figures, never first as a zero.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/slo.hpp"
#include "domain/slo_report.hpp"
#include "obs/log.hpp"
#include "util/periodic.hpp"

namespace vitrine::store {
class Store;
}
namespace vitrine::obs {
class MetricsRegistry;
}

namespace vitrine::slo {

struct Evaluated {
  domain::Slo slo;
  domain::SloReport report;
};

struct Evaluation {
  std::int64_t at_us = 0;
  std::vector<Evaluated> slos;  // in creation order
};

class Evaluations {
 public:
  Evaluations(store::Store& store, obs::Logger log);

  // On the housekeeping thread; a failure is logged and the last evaluation kept.
  void evaluate();

  // The last evaluation; null before the first.
  [[nodiscard]] std::shared_ptr<const Evaluation> latest() const;

 private:
  store::Store& store_;
  obs::Logger log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Evaluation> latest_;  // guarded by mutex_
};

// Registers the gauge on `registry` (call it before serving) and evaluates at once and then
// every `period` until the result is destroyed.
std::unique_ptr<util::Periodic> start_evaluations(
    const std::shared_ptr<Evaluations>& evaluations, obs::MetricsRegistry& registry,
    std::chrono::milliseconds period = std::chrono::seconds(60));

}  // namespace vitrine::slo
