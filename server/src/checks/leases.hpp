#pragma once
// Which monitors this replica checks when several share one database: it holds a lease on
// each (store::LeaseStore), renewed every third of the lease's time to live and rebalanced
// to a fair share (enabled monitors / live replicas). A replica that dies stops renewing;
// once its leases run out, the others take its monitors at their next round: within
// ttl + ttl/3 (20 s with the default 15 s), two intervals of the shortest monitor interval
// (10 s). One replica alone holds every monitor.
//
// A replica that cannot reach the database keeps checking what it holds until its leases
// would have run out, then stops: by then another replica may hold them.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace vitrine::store {
class LeaseStore;
}
namespace vitrine::obs {
class Logger;
}

namespace vitrine::checks {

// What a round changed.
struct LeaseChange {
  bool changed = false;             // the held set is not what it was
  std::vector<std::string> gained;  // held now, not before
};

class MonitorLeases {
 public:
  // `replica`: this process's id, unique among the replicas (a fresh UUID per start).
  MonitorLeases(store::LeaseStore& store, std::string replica, std::chrono::milliseconds ttl,
                const obs::Logger& log);

  // One round at `now_us`. Never throws: a store error is logged and the set kept until
  // the leases run out, then emptied.
  LeaseChange refresh(std::int64_t now_us);

  // Takes the lease on `monitor_id` (see LeaseStore::claim). Blocks on the store.
  bool claim(const std::string& monitor_id, bool steal);
  [[nodiscard]] bool holds(const std::string& monitor_id) const;
  // Gives every lease back (a clean stop). Never throws.
  void release_all();

  [[nodiscard]] std::chrono::milliseconds ttl() const { return ttl_; }
  [[nodiscard]] const std::string& replica() const { return replica_; }

 private:
  store::LeaseStore& store_;
  const std::string replica_;
  const std::chrono::milliseconds ttl_;
  const obs::Logger& log_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> held_;
  std::int64_t valid_until_us_ = 0;  // the held leases' expiry as of the last renewal
};

}  // namespace vitrine::checks
