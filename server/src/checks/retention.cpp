#include "checks/retention.hpp"

#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::checks {

std::uint64_t purge_results(store::ResultStore& store, std::chrono::hours retention,
                            std::int64_t now_us, const obs::Logger& log) {
  const std::int64_t cutoff =
      now_us - std::chrono::duration_cast<std::chrono::microseconds>(retention).count();
  try {
    const std::uint64_t deleted = store.purge(cutoff);
    if (deleted > 0) {
      log.info("check results purged", {{"event", "results.purged"},
                                        {"deleted", deleted},
                                        {"retention_days", retention.count() / 24}});
    }
    return deleted;
  } catch (const std::exception& e) {
    log.warn("check results purge failed; retried at the next run",
             {{"event", "results.purge_failed"}, {"error", e.what()}});
    return 0;
  }
}

std::unique_ptr<util::Periodic> start_results_retention(store::ResultStore& store,
                                                        std::chrono::hours retention,
                                                        const obs::Logger& log,
                                                        std::chrono::milliseconds period) {
  return std::make_unique<util::Periodic>(period, [&store, retention, log] {
    static_cast<void>(purge_results(store, retention, util::now_us(), log));
  });
}

}  // namespace vitrine::checks
