#pragma once
// When each monitor is checked. One timer and one heap of due times for all monitors, on
// the check loop's thread: a monitor is due at the wall-clock times phase + k * interval,
// its phase in [0, interval) derived from its id, so 10,000 monitors sharing one interval
// are spread evenly over it, the same on every replica and restart (a monitor created
// through the API gets one extra check soon, then joins its cadence). At most `concurrency` checks
// run at once; the rest wait in due order. A failed check is retried sooner (min(interval,
// retry_delay)) until the monitor is down. Push monitors are not run: each has a deadline (interval
// + timeout as grace) that a beat pushes back, and passing it records a missed beat. Results go to
// a sink (the result writer); the scheduler never waits on the database.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/checked.hpp"
#include "domain/monitor.hpp"

namespace vitrine::checks {

class Checker;
class CheckMetrics;
class CurlEngine;
class MaintenanceCalendar;

struct SchedulerOptions {
  unsigned concurrency = 500;
  std::chrono::milliseconds retry_delay{10'000};
  std::chrono::milliseconds first_check_within{10'000};  // a new monitor's first check
};

struct SchedulerStats {
  std::size_t monitors = 0;  // scheduled (enabled)
  std::size_t running = 0;
  std::size_t waiting = 0;  // due, waiting for a free slot
};

class Scheduler {
 public:
  // Called on the loop thread with each check's outcome.
  using Sink = std::function<void(const domain::Monitor&, Checked)>;

  // `calendar`: results and time inside maintenance windows are marked so (they count
  // apart and open no incident).
  Scheduler(CurlEngine& engine, Checker& checker, CheckMetrics& metrics,
            const MaintenanceCalendar& calendar, Sink sink, SchedulerOptions options);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  Scheduler(Scheduler&&) = delete;
  Scheduler& operator=(Scheduler&&) = delete;

  // How many upserts and removals this scheduler has been told of: read it before reading
  // the store for replace_all(). Thread-safe.
  [[nodiscard]] std::uint64_t changes() const;
  // The whole set, from the store (at start and on every reload): new monitors are spread
  // over their interval, changed ones rescheduled, missing ones dropped. `statuses` carry on
  // where the checks left off (failures in a row, state since). `changes_before`: changes()
  // before the store was read; a monitor upserted or removed since keeps what it was told
  // (the read may predate it), so a monitor created during a reload is not dropped until
  // the next one. Thread-safe.
  void replace_all(std::vector<domain::Monitor> monitors,
                   std::vector<domain::MonitorStatus> statuses, std::uint64_t changes_before);
  // One monitor created or changed through this server: a new one is first checked within
  // min(interval, first_check_within), at an offset spread by its id; a changed one at
  // once. Thread-safe.
  void upsert(const domain::Monitor& monitor);
  // A push monitor's job reported `result` (a beat): recorded at once, and the monitor's
  // deadline starts again. `stored`: the monitor's status from the store, used when this
  // scheduler does not know the monitor yet (it took the monitor over). Thread-safe.
  void heartbeat(const domain::Monitor& monitor, domain::CheckResult result,
                 std::optional<domain::MonitorStatus> stored = std::nullopt);
  // Thread-safe.
  void remove(const std::string& monitor_id);
  // A snapshot, taken on the loop thread. Thread-safe (waits for the loop).
  [[nodiscard]] SchedulerStats stats();

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
  std::atomic<std::uint64_t> changes_{0};
};

// A monitor's phase on its cadence: an offset in [0, interval) derived from its id, the
// same on every replica and every restart.
std::chrono::milliseconds spread_offset(const std::string& monitor_id,
                                        std::chrono::milliseconds interval);

}  // namespace vitrine::checks
