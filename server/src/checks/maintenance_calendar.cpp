#include "checks/maintenance_calendar.hpp"

namespace vitrine::checks {
namespace {

constexpr std::int64_t kHorizonUs = std::int64_t{86'400} * 1'000'000;

void add_overlapping(const std::vector<domain::Interval>* found, std::int64_t from_us,
                     std::int64_t to_us, std::vector<domain::Interval>& out) {
  if (found == nullptr) {
    return;
  }
  for (const domain::Interval& w : *found) {
    if (w.from_us < to_us && w.to_us > from_us) {
      out.push_back(w);
    }
  }
}

}  // namespace

void MaintenanceCalendar::set(const std::vector<domain::Maintenance>& all, std::int64_t now_us) {
  auto next = std::make_shared<Snapshot>();
  for (const domain::Maintenance& m : all) {
    auto windows = domain::windows(m, now_us - kHorizonUs, now_us + kHorizonUs);
    if (windows.empty()) {
      continue;
    }
    auto& target = m.monitor_id ? next->by_monitor[*m.monitor_id]
                                : next->by_project[m.project_id.value_or("")];
    target.insert(target.end(), windows.begin(), windows.end());
  }
  const std::lock_guard lock(mutex_);
  snapshot_ = std::move(next);
}

std::shared_ptr<const MaintenanceCalendar::Snapshot> MaintenanceCalendar::snapshot() const {
  const std::lock_guard lock(mutex_);
  return snapshot_;
}

std::vector<domain::Interval> MaintenanceCalendar::windows(const domain::Monitor& monitor,
                                                           std::int64_t from_us,
                                                           std::int64_t to_us) const {
  const auto s = snapshot();
  std::vector<domain::Interval> out;
  const auto own = s->by_monitor.find(monitor.id);
  add_overlapping(own == s->by_monitor.end() ? nullptr : &own->second, from_us, to_us, out);
  if (monitor.project_id) {
    const auto project = s->by_project.find(*monitor.project_id);
    add_overlapping(project == s->by_project.end() ? nullptr : &project->second, from_us, to_us,
                    out);
  }
  return out;
}

}  // namespace vitrine::checks
