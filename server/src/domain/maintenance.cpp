#include "domain/maintenance.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace vitrine::domain {

std::vector<FieldError> validate(const Maintenance& m) {
  std::vector<FieldError> errors;
  check_text(errors, "name", m.name, 1, kMaxMaintenanceName);
  check_text(errors, "description", m.description, 0, kMaxMaintenanceDescription);
  if (m.monitor_id.has_value() == m.project_id.has_value()) {
    errors.push_back({m.monitor_id ? "project_id" : "monitor_id", "invalid_value",
                      "give exactly one of monitor_id and project_id"});
  } else if (!looks_like_uuid(m.monitor_id ? *m.monitor_id : *m.project_id)) {
    errors.push_back(
        {m.monitor_id ? "monitor_id" : "project_id", "invalid_format", "must be an id (UUID)"});
  }
  if (m.starts_at_us < kEarliestMaintenanceUs) {
    errors.push_back({"starts_at", "out_of_range", "must be 2000-01-01 or later"});
  }
  if (m.duration_s < kMinMaintenanceDurationS || m.duration_s > kMaxMaintenanceDurationS) {
    errors.push_back({"duration", "out_of_range",
                      fmt::format("must be {} to {} seconds (7 days)", kMinMaintenanceDurationS,
                                  kMaxMaintenanceDurationS)});
  }
  if (m.recurrence && !first_fits(m.starts_at_us, *m.recurrence)) {
    errors.push_back(
        {"rrule", "invalid_value", "BYDAY must include the weekday of starts_at (the first)"});
  }
  return errors;
}

std::vector<StateSpan> exclude_windows(const std::vector<StateSpan>& spans,
                                       std::vector<Interval> windows) {
  if (windows.empty()) {
    return spans;
  }
  std::sort(windows.begin(), windows.end(),
            [](const Interval& a, const Interval& b) { return a.from_us < b.from_us; });
  std::vector<Interval> merged;
  for (const Interval& w : windows) {
    if (!merged.empty() && w.from_us <= merged.back().to_us) {
      merged.back().to_us = std::max(merged.back().to_us, w.to_us);
    } else {
      merged.push_back(w);
    }
  }
  std::vector<StateSpan> out;
  for (const StateSpan& span : spans) {
    std::int64_t at = span.from_us;
    const auto piece = [&](std::int64_t to, bool inside) {
      if (to <= at) {
        return;
      }
      if (!inside || !span.was) {
        StateSpan part = span;
        part.from_us = at;
        part.to_us = to;
        part.maintenance = inside;
        out.push_back(std::move(part));
      }
      at = to;
    };
    for (const Interval& w : merged) {
      if (w.to_us <= at || w.from_us >= span.to_us) {
        continue;
      }
      piece(std::max(at, w.from_us), false);
      piece(std::min(span.to_us, w.to_us), true);
    }
    piece(span.to_us, false);
  }
  return out;
}

std::vector<Interval> windows(const Maintenance& m, std::int64_t from_us, std::int64_t to_us) {
  const std::int64_t duration_us = m.duration_s * 1'000'000;
  std::vector<Interval> out;
  // A window that began up to a duration before `from` still overlaps it.
  for (const std::int64_t start :
       occurrences(m.starts_at_us, m.recurrence, from_us - duration_us + 1, to_us)) {
    out.push_back({start, start + duration_us});
  }
  return out;
}

}  // namespace vitrine::domain
