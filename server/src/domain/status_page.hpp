#pragma once
// The one-word state of a status page or a group on it, from its monitors' states: the
// rule status pages use (Atlassian Statuspage's component states). Pure.

#include <cstdint>
#include <string_view>

#include "domain/monitor_status.hpp"

namespace vitrine::domain {

enum class OverallState : std::uint8_t {
  kOperational,       // every decided monitor up
  kDegraded,          // some degraded, none down
  kPartialOutage,     // some down, not all
  kMajorOutage,       // every decided monitor down
  kUnknown,           // none decided yet (no monitors, or all pending)
  kUnderMaintenance,  // none decided outside maintenance windows, some inside one
};

struct StateCounts {
  int up = 0;
  int degraded = 0;
  int down = 0;
  int pending = 0;
  int maintenance = 0;  // inside a maintenance window: counted here, whatever their state
  void add(MonitorState state);
};

OverallState overall_state(const StateCounts& counts);
std::string_view to_string(OverallState state);

}  // namespace vitrine::domain
