#include "domain/incident.hpp"

#include "domain/enum_names.hpp"

namespace vitrine::domain {
namespace {

constexpr EnumNames<IncidentEventKind, 6> kEventKinds{{
    {IncidentEventKind::kDown, "down"},
    {IncidentEventKind::kUp, "up"},
    {IncidentEventKind::kDegraded, "degraded"},
    {IncidentEventKind::kResolved, "resolved"},
    {IncidentEventKind::kMonitorDisabled, "monitor_disabled"},
    {IncidentEventKind::kMonitorDeleted, "monitor_deleted"},
}};

constexpr EnumNames<UpdateStatus, 4> kUpdateStatuses{{
    {UpdateStatus::kInvestigating, "investigating"},
    {UpdateStatus::kIdentified, "identified"},
    {UpdateStatus::kMonitoring, "monitoring"},
    {UpdateStatus::kResolved, "resolved"},
}};

}  // namespace

std::vector<IncidentEvent> incident_events(const std::optional<MonitorStatus>& before,
                                           MonitorStatus& after, const CheckResult& result,
                                           int recovery_checks) {
  std::vector<IncidentEvent> events;
  after.incident_open = before && before->incident_open;
  const bool changed = !before || before->state != after.state;
  const auto event = [&](IncidentEventKind kind, std::int64_t at_us) {
    IncidentEvent e;
    e.monitor_id = after.monitor_id;
    e.kind = kind;
    e.at_us = at_us;
    return e;
  };
  if (after.state == MonitorState::kDown) {
    // Going down opens an incident, or joins the open one; not inside a maintenance window.
    // Down with none open (the window is over, or the status was stored before incidents
    // existed) opens one now.
    if ((changed && after.incident_open) || (!after.incident_open && !result.maintenance)) {
      IncidentEvent down = event(IncidentEventKind::kDown, changed ? after.since_us : result.at_us);
      down.error = result.error;
      down.message = result.message;
      events.push_back(std::move(down));
      after.incident_open = true;
    }
    return events;
  }
  if (!after.incident_open) {
    return events;
  }
  if (changed && (after.state == MonitorState::kUp || after.state == MonitorState::kDegraded)) {
    events.push_back(event(
        after.state == MonitorState::kUp ? IncidentEventKind::kUp : IncidentEventKind::kDegraded,
        after.since_us));
  }
  if (after.successes >= recovery_checks) {
    IncidentEvent resolved = event(IncidentEventKind::kResolved, result.at_us);
    resolved.recovered_at_us = after.good_since_us;
    events.push_back(std::move(resolved));
    after.incident_open = false;
  }
  return events;
}

std::string_view to_string(IncidentEventKind kind) { return name_of(kEventKinds, kind); }

std::optional<IncidentEventKind> parse_incident_event_kind(std::string_view text) {
  return parse_name(kEventKinds, text);
}

std::string_view to_string(UpdateStatus status) { return name_of(kUpdateStatuses, status); }

std::optional<UpdateStatus> parse_update_status(std::string_view text) {
  return parse_name(kUpdateStatuses, text);
}

std::vector<FieldError> validate(const IncidentUpdate& update) {
  std::vector<FieldError> errors;
  check_text(errors, "body", update.body, 1, kMaxUpdateBody);
  return errors;
}

}  // namespace vitrine::domain
