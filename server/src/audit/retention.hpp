#pragma once
// Audit retention: records older than VITRINE_AUDIT_RETENTION_DAYS are deleted at start and
// once a day. Every replica purges; the deletes are idempotent.

#include <chrono>
#include <cstdint>
#include <memory>

#include "obs/log.hpp"
#include "util/periodic.hpp"

namespace vitrine::store {
class AuditStore;
}

namespace vitrine::audit {

// Deletes the records older than `retention` before `now_us` and records that it did (an
// "audit.purge" record by the server). Returns the count; a database error is logged and
// counts as 0, to be retried at the next run.
std::uint64_t purge_expired(store::AuditStore& store, std::chrono::hours retention,
                            std::int64_t now_us, const obs::Logger& log);

// Runs purge_expired at once and then every `period` until destroyed.
std::unique_ptr<util::Periodic> start_retention(
    store::AuditStore& store, std::chrono::hours retention, const obs::Logger& log,
    std::chrono::milliseconds period = std::chrono::hours(24));

}  // namespace vitrine::audit
