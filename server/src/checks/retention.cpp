#include "checks/retention.hpp"

#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::checks {

std::uint64_t purge_results(store::ResultStore& store, const ResultsRetention& retention,
                            std::int64_t now_us, const obs::Logger& log) {
  const auto before = [now_us](std::chrono::hours age) {
    return now_us - std::chrono::duration_cast<std::chrono::microseconds>(age).count();
  };
  try {
    const std::uint64_t deleted =
        store.purge({before(retention.results), before(kMinuteRollupRetention),
                     before(retention.hour_rollups)});
    if (deleted > 0) {
      log.info("check results purged",
               {{"event", "results.purged"},
                {"deleted", deleted},
                {"retention_days", retention.results.count() / 24},
                {"rollup_retention_days", retention.hour_rollups.count() / 24}});
    }
    return deleted;
  } catch (const std::exception& e) {
    log.warn("check results purge failed; retried at the next run",
             {{"event", "results.purge_failed"}, {"error", e.what()}});
    return 0;
  }
}

std::unique_ptr<util::Periodic> start_results_retention(store::ResultStore& store,
                                                        const ResultsRetention& retention,
                                                        const obs::Logger& log,
                                                        std::chrono::milliseconds period) {
  return std::make_unique<util::Periodic>(period, [&store, retention, log] {
    static_cast<void>(purge_results(store, retention, util::now_us(), log));
  });
}

}  // namespace vitrine::checks
