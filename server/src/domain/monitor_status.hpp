#pragma once
// A monitor's state as its checks decide it, and the rule that moves it on with each result:
// failures are tolerated `retries` times in a row before the monitor is down; one good
// check brings it back. Pure: the scheduler applies it, the store keeps the outcome.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/check_result.hpp"

namespace vitrine::domain {

// kPending: no check has decided yet (new, or failing fewer than retries + 1 times since).
enum class MonitorState : std::uint8_t { kPending, kUp, kDown, kDegraded };

struct MonitorStatus {
  std::string monitor_id;
  MonitorState state = MonitorState::kPending;
  std::int64_t since_us = 0;  // when it entered `state` (down: the first failed check)
  std::int64_t last_check_us = 0;
  int failures = 0;                   // failed checks in a row
  std::int64_t failing_since_us = 0;  // the first of those failures; 0 when none
  int successes = 0;                  // good (up or degraded) checks in a row
  std::int64_t good_since_us = 0;     // the first of those; 0 when none
  bool incident_open = false;         // domain/incident.hpp keeps it
  bool operator==(const MonitorStatus&) const = default;
};

std::string_view to_string(MonitorState state);
std::optional<MonitorState> parse_monitor_state(std::string_view text);

// The status after `result`, from `previous` (none: the monitor's first result).
MonitorStatus advance(const std::optional<MonitorStatus>& previous, const CheckResult& result,
                      int retries);

}  // namespace vitrine::domain
