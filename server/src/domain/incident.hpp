#pragma once
// Incidents: a monitor going down (after its retries) opens one; it resolves when the
// monitor has answered `recovery_checks` times in a row. While it is open, the monitor's
// state changes join its timeline instead of opening another (flap damping). Editors post
// public updates on it. Pure: the scheduler applies incident_events() to each result, the
// store keeps what they say (store/sql/sql_incident_store.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/check_result.hpp"
#include "domain/monitor_status.hpp"
#include "domain/project.hpp"  // FieldError

namespace vitrine::domain {

// What happened to a monitor's incident, in its timeline.
enum class IncidentEventKind : std::uint8_t {
  kDown,             // the monitor went down: opens the incident, or joins the open one
  kUp,               // it answered again (the incident stays open until recovery_checks)
  kDegraded,         // it answered, degraded
  kResolved,         // recovery_checks good answers in a row: the incident is over
  kMonitorDisabled,  // paused through the API: resolved, nothing will check it
  kMonitorDeleted,   // deleted: resolved, nothing will check it
};

struct IncidentEvent {
  std::string monitor_id;
  IncidentEventKind kind = IncidentEventKind::kDown;
  std::int64_t at_us = 0;
  // kDown: the check's error class and message. kResolved: when the monitor recovered (the
  // first of the good answers in a row), the incident's resolved_at.
  CheckError error = CheckError::kNone;
  std::string message;
  std::int64_t recovered_at_us = 0;
  bool operator==(const IncidentEvent&) const = default;
};

// The public updates' statuses, as on a status page.
enum class UpdateStatus : std::uint8_t { kInvestigating, kIdentified, kMonitoring, kResolved };

struct IncidentUpdate {
  std::string id;  // UUIDv7
  std::string incident_id;
  std::int64_t at_us = 0;
  UpdateStatus status = UpdateStatus::kInvestigating;
  std::string body;       // plain text, shown as written
  std::string author_id;  // the user (or token's owner) who posted it
};

struct Incident {
  std::string id;                         // UUIDv7
  std::optional<std::string> monitor_id;  // none once the monitor is deleted
  std::string monitor_name;               // as when the incident opened
  std::optional<std::string> project_id;  // the monitor's project when it opened
  std::int64_t started_at_us = 0;         // the first failed check
  std::optional<std::int64_t> resolved_at_us;
  CheckError error = CheckError::kNone;  // what the check that opened it found
  std::string message;
  std::vector<IncidentEvent> timeline;  // oldest first (monitor_id left empty)
  std::vector<IncidentUpdate> updates;  // oldest first
};

inline constexpr std::size_t kMaxUpdateBody = 5000;  // characters

// The incident events that moving from `before` to `after` with `result` brings, oldest
// first; sets after.incident_open. Both statuses come from advance(). recovery_checks: good
// answers in a row that resolve an open incident. A result inside a maintenance window
// (result.maintenance) opens none; one still down after the window opens it then.
std::vector<IncidentEvent> incident_events(const std::optional<MonitorStatus>& before,
                                           MonitorStatus& after, const CheckResult& result,
                                           int recovery_checks);

std::string_view to_string(IncidentEventKind kind);
std::optional<IncidentEventKind> parse_incident_event_kind(std::string_view text);
std::string_view to_string(UpdateStatus status);
std::optional<UpdateStatus> parse_update_status(std::string_view text);

// Every rule an update's client-written fields break.
std::vector<FieldError> validate(const IncidentUpdate& update);

}  // namespace vitrine::domain
