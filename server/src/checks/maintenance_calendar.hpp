#pragma once
// Which monitors are inside a maintenance window, and when: every maintenance's windows from
// a day before to a day after the last set(), by monitor and by project, so the scheduler
// asks per check without walking recurrence rules. Set on start, on every reload and on
// every change through the API. Thread-safe: a set replaces the whole snapshot.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/maintenance.hpp"
#include "domain/monitor.hpp"

namespace vitrine::checks {

class MaintenanceCalendar {
 public:
  void set(const std::vector<domain::Maintenance>& all, std::int64_t now_us);

  // The windows on `monitor` (its own and its project's) that overlap [from_us, to_us).
  [[nodiscard]] std::vector<domain::Interval> windows(const domain::Monitor& monitor,
                                                      std::int64_t from_us,
                                                      std::int64_t to_us) const;

 private:
  struct Snapshot {
    std::unordered_map<std::string, std::vector<domain::Interval>> by_monitor;
    std::unordered_map<std::string, std::vector<domain::Interval>> by_project;
  };
  [[nodiscard]] std::shared_ptr<const Snapshot> snapshot() const;

  mutable std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_ = std::make_shared<Snapshot>();  // guarded
};

}  // namespace vitrine::checks
