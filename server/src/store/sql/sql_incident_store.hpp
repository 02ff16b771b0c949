#pragma once
// IncidentStore in SQL written once for both dialects, and the incident events the checks
// and monitor changes write in their own transactions.

#include <memory>
#include <span>

#include "domain/incident.hpp"
#include "store/sql/database.hpp"
#include "store/store.hpp"

namespace vitrine::store::sql {

// Applies `events` in order inside the caller's transaction: a kDown opens the monitor's
// incident (or joins the open one); the others join the open one, and kResolved,
// kMonitorDisabled and kMonitorDeleted resolve it. Events of a monitor with no open
// incident (other than kDown) change nothing, nor do those of a deleted monitor.
void apply_incident_events(Session& s, std::span<const domain::IncidentEvent> events);

// The monitor's open incident.
std::optional<std::string> open_incident(Session& s, const std::string& monitor_id);
// Resolves incident `incident_id` at `at_us` for `why` (a monitor paused or deleted).
void close_incident(Session& s, const std::string& incident_id, domain::IncidentEventKind why,
                    std::int64_t at_us);

std::unique_ptr<IncidentStore> make_incident_store(Database& db);

}  // namespace vitrine::store::sql
