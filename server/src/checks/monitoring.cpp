#include "checks/monitoring.hpp"

#include <future>

#include "checks/check_metrics.hpp"
#include "checks/checker.hpp"
#include "checks/curl_engine.hpp"
#include "checks/leases.hpp"
#include "checks/maintenance_calendar.hpp"
#include "checks/result_writer.hpp"
#include "checks/scheduler.hpp"
#include "checks/slo_counters.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "store/store.hpp"
#include "util/periodic.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::checks {

class Monitoring::Impl {
 public:
  Impl(store::Store& store, obs::MetricsRegistry& metrics, const obs::Logger& log,
       const MonitoringOptions& options)
      : store_(store),
        log_(log),
        options_(options),
        metrics_(metrics),
        slo_counters_(metrics),
        leases_(store.leases(), util::uuid_v7(), options.lease_ttl, log),
        checker_(
            make_curl_checker(engine_, {options.ca_file, options.tls_warn_days, options.tracer})),
        writer_(store.results(), log, ResultWriterOptions{}),
        scheduler_(
            engine_, *checker_, metrics_, calendar_,
            [this](const domain::Monitor& /*monitor*/, Checked checked) {
              slo_counters_.count(checked.result);
              writer_.add(std::move(checked));
            },
            SchedulerOptions{options.concurrency, options.retry_delay}) {
    metrics.add_gauge_callback("vitrine_check_results_queued",
                               "Check results waiting to be stored.",
                               [this] { return static_cast<double>(writer_.queued()); });
    metrics.add_counter_callback("vitrine_check_results_dropped_total",
                                 "Check results dropped because the database was away too long.",
                                 [this] { return static_cast<double>(writer_.dropped()); });
  }

  ~Impl() {
    reload_.reset();
    engine_.stop();         // no check callback runs after this
    leases_.release_all();  // the other replicas take over at their next round
  }

  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Impl(Impl&&) = delete;
  Impl& operator=(Impl&&) = delete;

  void start() {
    engine_.start();
    log_.info("checking the monitors this replica holds leases on",
              {{"replica", leases_.replica()},
               {"lease_ttl_ms", static_cast<std::int64_t>(options_.lease_ttl.count())}});
    reload_ = std::make_unique<util::Periodic>(
        std::min(options_.reload_every, options_.lease_ttl / 3), [this] { tick(); });
  }

  void changed(const domain::Monitor& m) {
    if (!m.enabled || leases_.claim(m.id, false)) {
      scheduler_.upsert(m);  // a disabled one is dropped
    }
  }
  void removed(const std::string& id) { scheduler_.remove(id); }
  void heartbeat(const domain::Monitor& m, domain::CheckResult r) {
    const bool held = leases_.holds(m.id);
    if (!leases_.claim(m.id, true)) {
      return;  // deleted or paused meanwhile
    }
    std::optional<domain::MonitorStatus> stored;
    if (!held) {  // taken over: carry on from the status its last holder stored
      auto statuses = store_.results().statuses_between(m.id, m.id);
      if (!statuses.empty()) {
        stored = std::move(statuses.front());
      }
    }
    scheduler_.heartbeat(m, std::move(r), std::move(stored));
  }

  void slos_changed() { load_slos(); }
  void maintenance_changed() { load_maintenance(); }

  std::optional<domain::CheckResult> run_now(const domain::Monitor& m,
                                             std::chrono::milliseconds wait) {
    auto promise = std::make_shared<std::promise<domain::CheckResult>>();
    auto future = promise->get_future();
    engine_.post([this, m, promise] {
      checker_->check(m, [promise](domain::CheckResult r) { promise->set_value(std::move(r)); });
    });
    if (future.wait_for(wait) != std::future_status::ready) {
      return std::nullopt;
    }
    return future.get();
  }

 private:
  // Runs on the reload thread only: renews the leases every third of their time to live,
  // and reads the monitor set again when the held set changed or the reload is due.
  void tick() {
    const LeaseChange leases = leases_.refresh(util::now_us());
    const auto now = std::chrono::steady_clock::now();
    const bool due = !loaded_ || now - last_reload_ >= options_.reload_every;
    if (due) {
      load_maintenance();  // first: the checks of the monitors loaded next consult it
    }
    if (due || leases.changed) {
      load_monitors(!leases.gained.empty());
    }
    if (due) {
      load_slos();
      last_reload_ = now;
    }
  }

  // The stored statuses matter for monitors new to the scheduler (the first load, and
  // monitors taken over): for the others the scheduler's own are newer.
  void load_monitors(bool gained) {
    try {
      const std::uint64_t changes = scheduler_.changes();  // before the read
      auto monitors = store_.monitors().all();
      std::erase_if(monitors, [this](const domain::Monitor& m) { return !leases_.holds(m.id); });
      auto statuses =
          loaded_ && !gained ? std::vector<domain::MonitorStatus>{} : store_.results().statuses();
      scheduler_.replace_all(std::move(monitors), std::move(statuses), changes);
      loaded_ = true;
    } catch (const std::exception& e) {
      log_.warn("cannot load the monitors; checking the last known set", {{"error", e.what()}});
    }
  }

  void load_maintenance() {
    try {
      calendar_.set(store_.maintenance().all(), util::now_us());
    } catch (const std::exception& e) {
      log_.warn("cannot load the maintenance windows; using the last known set",
                {{"error", e.what()}});
    }
  }

  void load_slos() {
    try {
      slo_counters_.set(store_.slos().all());
    } catch (const std::exception& e) {
      log_.warn("cannot load the SLOs; counting for the last known set", {{"error", e.what()}});
    }
  }

  store::Store& store_;
  const obs::Logger& log_;
  MonitoringOptions options_;
  CheckMetrics metrics_;
  SloCounters slo_counters_;
  MonitorLeases leases_;
  MaintenanceCalendar calendar_;
  CurlEngine engine_;
  std::unique_ptr<Checker> checker_;
  ResultWriter writer_;
  Scheduler scheduler_;
  bool loaded_ = false;                                // the reload thread's
  std::chrono::steady_clock::time_point last_reload_;  // the reload thread's
  std::unique_ptr<util::Periodic> reload_;
};

Monitoring::Monitoring(store::Store& store, obs::MetricsRegistry& metrics, const obs::Logger& log,
                       const MonitoringOptions& options)
    : impl_(std::make_unique<Impl>(store, metrics, log, options)) {}
Monitoring::~Monitoring() = default;
void Monitoring::start() { impl_->start(); }
void Monitoring::changed(const domain::Monitor& monitor) { impl_->changed(monitor); }
void Monitoring::removed(const std::string& monitor_id) { impl_->removed(monitor_id); }
void Monitoring::heartbeat(const domain::Monitor& monitor, domain::CheckResult result) {
  impl_->heartbeat(monitor, std::move(result));
}
std::optional<domain::CheckResult> Monitoring::run_now(const domain::Monitor& monitor,
                                                       std::chrono::milliseconds wait) {
  return impl_->run_now(monitor, wait);
}
void Monitoring::slos_changed() { impl_->slos_changed(); }
void Monitoring::maintenance_changed() { impl_->maintenance_changed(); }

}  // namespace vitrine::checks
