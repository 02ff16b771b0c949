#pragma once
// The checks subsystem as the rest of the server sees it: the API tells it about monitor
// changes and asks for a check now; it owns the loop, checker, scheduler and result writer,
// and reloads the monitor set from the store periodically (changes made through another
// replica, and the safety net for any missed notification). It checks only the monitors
// it holds a lease on (checks/leases.hpp), so replicas sharing a database split them.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "domain/check_result.hpp"
#include "domain/monitor.hpp"

namespace vitrine::store {
class Store;
}
namespace vitrine::obs {
class Logger;
class MetricsRegistry;
class Tracer;
}  // namespace vitrine::obs

namespace vitrine::checks {

// What the API needs of the checks; tests can count the calls.
class MonitorControl {
 public:
  virtual ~MonitorControl() = default;
  // A monitor was created or changed (committed): it is checked at once with the new
  // settings (here, when no other replica holds its lease; else there, at its reload).
  // Blocks on the store: call from the blocking pool.
  virtual void changed(const domain::Monitor& monitor) = 0;
  virtual void removed(const std::string& monitor_id) = 0;
  // A push monitor's job reported in (`result`: up, or the state it reported). Stored like a
  // check result; the monitor's deadline starts again. The replica a beat reaches takes the
  // monitor's lease. Blocks on the store: call from the blocking pool.
  virtual void heartbeat(const domain::Monitor& monitor, domain::CheckResult result) = 0;
  // Runs one check of `monitor` now, outside its schedule, and returns the result (not
  // stored, no state change); nullopt when no result came within `wait`. Blocks: call from
  // the blocking pool.
  virtual std::optional<domain::CheckResult> run_now(const domain::Monitor& monitor,
                                                     std::chrono::milliseconds wait) = 0;
  // SLOs were created, changed or deleted (committed): their check counters follow at
  // once. Blocks on the store: call from the blocking pool.
  virtual void slos_changed() = 0;
  // Maintenance windows were created, changed or deleted (committed): the checks follow at
  // once. Blocks on the store: call from the blocking pool.
  virtual void maintenance_changed() = 0;
};

struct MonitoringOptions {
  unsigned concurrency = 500;                      // VITRINE_CHECK_CONCURRENCY
  std::string ca_file;                             // VITRINE_CHECK_CA_FILE
  int tls_warn_days = 14;                          // VITRINE_TLS_WARN_DAYS
  std::chrono::milliseconds reload_every{30'000};  // VITRINE_MONITOR_RELOAD
  std::chrono::milliseconds retry_delay{10'000};
  std::chrono::milliseconds lease_ttl{15'000};  // VITRINE_LEASE_TTL (checks/leases.hpp)
  const obs::Tracer* tracer = nullptr;          // a span per check; null: none
};

class Monitoring final : public MonitorControl {
 public:
  Monitoring(store::Store& store, obs::MetricsRegistry& metrics, const obs::Logger& log,
             const MonitoringOptions& options);
  // Stops checking and writes the results already in.
  ~Monitoring() override;
  Monitoring(const Monitoring&) = delete;
  Monitoring& operator=(const Monitoring&) = delete;
  Monitoring(Monitoring&&) = delete;
  Monitoring& operator=(Monitoring&&) = delete;

  // Loads the monitors and starts checking them.
  void start();

  void changed(const domain::Monitor& monitor) override;
  void removed(const std::string& monitor_id) override;
  void heartbeat(const domain::Monitor& monitor, domain::CheckResult result) override;
  std::optional<domain::CheckResult> run_now(const domain::Monitor& monitor,
                                             std::chrono::milliseconds wait) override;
  void slos_changed() override;
  void maintenance_changed() override;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vitrine::checks
