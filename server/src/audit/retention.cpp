#include "audit/retention.hpp"

#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::audit {

std::uint64_t purge_expired(store::AuditStore& store, std::chrono::hours retention,
                            std::int64_t now_us, const obs::Logger& log) {
  const std::int64_t cutoff =
      now_us - std::chrono::duration_cast<std::chrono::microseconds>(retention).count();
  domain::AuditEvent record = domain::system_record("server", "audit.purge", "audit", "");
  record.details = {{"before_us", cutoff}};
  try {
    const std::uint64_t deleted = store.purge(cutoff, record);
    if (deleted > 0) {
      log.info("audit records purged", {{"event", "audit.purged"},
                                        {"deleted", deleted},
                                        {"retention_days", retention.count() / 24}});
    }
    return deleted;
  } catch (const std::exception& e) {
    log.warn("audit purge failed; retried at the next run",
             {{"event", "audit.purge_failed"}, {"error", e.what()}});
    return 0;
  }
}

std::unique_ptr<util::Periodic> start_retention(store::AuditStore& store,
                                                std::chrono::hours retention,
                                                const obs::Logger& log,
                                                std::chrono::milliseconds period) {
  return std::make_unique<util::Periodic>(period, [&store, retention, log] {
    static_cast<void>(purge_expired(store, retention, util::now_us(), log));
  });
}

}  // namespace vitrine::audit
