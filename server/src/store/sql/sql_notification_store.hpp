#pragma once
// NotificationStore in SQL written once for both dialects, and the outbox's writing side.

#include <cstdint>
#include <memory>

#include "domain/incident.hpp"
#include "domain/notification.hpp"
#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

std::unique_ptr<NotificationStore> make_notification_store(Database& db);

// In the transaction that opened or resolved `incident` (as it stands now): one pending
// delivery for each enabled channel that wants `event` and covers the incident's project.
// Returns how many.
unsigned enqueue_notifications(Session& s, const domain::Incident& incident,
                               domain::NotificationEvent event, std::int64_t now_us);

}  // namespace vitrine::store::sql
