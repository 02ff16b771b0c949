#include "checks/leases.hpp"

#include <utility>

#include "obs/log.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::checks {

MonitorLeases::MonitorLeases(store::LeaseStore& store, std::string replica,
                             std::chrono::milliseconds ttl, const obs::Logger& log)
    : store_(store), replica_(std::move(replica)), ttl_(ttl), log_(log) {}

LeaseChange MonitorLeases::refresh(std::int64_t now_us) {
  const std::int64_t ttl_us = std::chrono::duration_cast<std::chrono::microseconds>(ttl_).count();
  LeaseChange change;
  try {
    const store::LeaseRound round = store_.renew(replica_, now_us, ttl_us);
    std::unordered_set<std::string> next(round.held.begin(), round.held.end());
    const std::lock_guard lock(mutex_);
    for (const std::string& id : round.held) {
      if (!held_.contains(id)) {
        change.gained.push_back(id);
      }
    }
    change.changed = next != held_;
    held_ = std::move(next);
    valid_until_us_ = now_us + ttl_us;
  } catch (const std::exception& e) {
    const std::lock_guard lock(mutex_);
    if (now_us < valid_until_us_) {
      log_.warn("cannot renew the monitor leases; checking what is held until they run out",
                {{"error", e.what()}});
    } else if (!held_.empty()) {
      log_.warn(
          "cannot renew the monitor leases, and they ran out: checking nothing until "
          "the database answers",
          {{"error", e.what()}, {"monitors", static_cast<std::uint64_t>(held_.size())}});
      held_.clear();
      change.changed = true;
    }
  }
  return change;
}

bool MonitorLeases::claim(const std::string& monitor_id, bool steal) {
  const std::int64_t now = util::now_us();
  const bool taken =
      store_.claim(monitor_id, replica_, now,
                   std::chrono::duration_cast<std::chrono::microseconds>(ttl_).count(), steal);
  const std::lock_guard lock(mutex_);
  if (taken) {
    held_.insert(monitor_id);
  } else {
    held_.erase(monitor_id);
  }
  return taken;
}

bool MonitorLeases::holds(const std::string& monitor_id) const {
  const std::lock_guard lock(mutex_);
  return held_.contains(monitor_id);
}

void MonitorLeases::release_all() {
  try {
    store_.release_all(replica_);
  } catch (const std::exception& e) {
    log_.warn(
        "cannot give the monitor leases back; the other replicas take them when they "
        "run out",
        {{"error", e.what()}});
  }
  const std::lock_guard lock(mutex_);
  held_.clear();
}

}  // namespace vitrine::checks
