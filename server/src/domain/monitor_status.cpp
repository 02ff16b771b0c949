#include "domain/monitor_status.hpp"

namespace vitrine::domain {

std::string_view to_string(MonitorState state) {
  switch (state) {
    case MonitorState::kPending:
      return "pending";
    case MonitorState::kUp:
      return "up";
    case MonitorState::kDown:
      return "down";
    case MonitorState::kDegraded:
      return "degraded";
  }
  return "pending";
}

std::optional<MonitorState> parse_monitor_state(std::string_view text) {
  for (const MonitorState s :
       {MonitorState::kPending, MonitorState::kUp, MonitorState::kDown, MonitorState::kDegraded}) {
    if (text == to_string(s)) {
      return s;
    }
  }
  return std::nullopt;
}

MonitorStatus advance(const std::optional<MonitorStatus>& previous, const CheckResult& result,
                      int retries) {
  MonitorStatus next = previous.value_or(MonitorStatus{});
  next.monitor_id = result.monitor_id;
  next.last_check_us = result.at_us;
  const auto enter = [&](MonitorState state, std::int64_t since_us) {
    if (!previous || next.state != state) {
      next.state = state;
      next.since_us = since_us;
    }
  };
  if (result.state == CheckState::kDown) {
    if (next.failures == 0) {
      next.failing_since_us = result.at_us;
    }
    ++next.failures;
    next.successes = 0;
    next.good_since_us = 0;
    if (next.failures > retries) {
      enter(MonitorState::kDown, next.failing_since_us);
    } else if (!previous) {
      next.since_us = result.at_us;  // pending since the first check
    }
    return next;
  }
  next.failures = 0;
  next.failing_since_us = 0;
  if (next.successes == 0) {
    next.good_since_us = result.at_us;
  }
  ++next.successes;
  enter(result.state == CheckState::kUp ? MonitorState::kUp : MonitorState::kDegraded,
        result.at_us);
  return next;
}

}  // namespace vitrine::domain
