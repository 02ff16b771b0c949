#pragma once
// One check's outcome as the scheduler hands it on: the result and what it changed. The
// result writer stores all of it in one transaction.

#include <vector>

#include "domain/check_result.hpp"
#include "domain/incident.hpp"
#include "domain/monitor_status.hpp"
#include "domain/rollup.hpp"

namespace vitrine::checks {

struct Checked {
  domain::CheckResult result;
  domain::MonitorStatus status;                  // the monitor's status after it
  std::vector<domain::StateSpan> spans;          // the time it accounts for (state_spans)
  std::vector<domain::IncidentEvent> incidents;  // what it does to the monitor's incident
};

}  // namespace vitrine::checks
