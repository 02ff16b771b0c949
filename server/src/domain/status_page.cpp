#include "domain/status_page.hpp"

namespace vitrine::domain {

void StateCounts::add(MonitorState state) {
  switch (state) {
    case MonitorState::kUp:
      ++up;
      break;
    case MonitorState::kDegraded:
      ++degraded;
      break;
    case MonitorState::kDown:
      ++down;
      break;
    case MonitorState::kPending:
      ++pending;
      break;
  }
}

OverallState overall_state(const StateCounts& c) {
  const int decided = c.up + c.degraded + c.down;
  if (decided == 0) {
    return c.maintenance > 0 ? OverallState::kUnderMaintenance : OverallState::kUnknown;
  }
  if (c.down == decided) {
    return OverallState::kMajorOutage;
  }
  if (c.down > 0) {
    return OverallState::kPartialOutage;
  }
  return c.degraded > 0 ? OverallState::kDegraded : OverallState::kOperational;
}

std::string_view to_string(OverallState state) {
  switch (state) {
    case OverallState::kOperational:
      return "operational";
    case OverallState::kDegraded:
      return "degraded";
    case OverallState::kPartialOutage:
      return "partial_outage";
    case OverallState::kMajorOutage:
      return "major_outage";
    case OverallState::kUnknown:
      return "unknown";
    case OverallState::kUnderMaintenance:
      return "under_maintenance";
  }
  return "unknown";
}

}  // namespace vitrine::domain
