#pragma once
// A maintenance window: planned time when one monitor, or every monitor of one project, may
// fail without it counting. Checks run and are stored, but the time and checks inside a
// window count towards neither uptime nor SLOs, and no incident opens (docs/incidents.md).
// One-off, or repeating by a recurrence rule (domain/recurrence.hpp), in UTC. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/project.hpp"  // FieldError
#include "domain/recurrence.hpp"
#include "domain/rollup.hpp"

namespace vitrine::domain {

struct Maintenance {
  std::string id;  // UUIDv7, server-generated
  std::string name;
  std::string description;  // public text for the status page; may be empty
  // Exactly one: the monitor, or the project whose monitors it covers.
  std::optional<std::string> monitor_id;
  std::optional<std::string> project_id;
  std::int64_t starts_at_us = 0;  // the first window's start
  std::int64_t duration_s = 3600;
  std::optional<Recurrence> recurrence;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::int64_t version = 0;
};

// A stretch of time [from_us, to_us).
struct Interval {
  std::int64_t from_us = 0;
  std::int64_t to_us = 0;
  bool operator==(const Interval&) const = default;
};

inline constexpr std::size_t kMaxMaintenanceName = 200;          // characters
inline constexpr std::size_t kMaxMaintenanceDescription = 2000;  // characters
inline constexpr std::int64_t kMinMaintenanceDurationS = 60;
inline constexpr std::int64_t kMaxMaintenanceDurationS = std::int64_t{7} * 86'400;
// 2000-01-01T00:00:00Z: a series is walked from its first window.
inline constexpr std::int64_t kEarliestMaintenanceUs = std::int64_t{946'684'800} * 1'000'000;

// Every rule the client-writable fields break.
std::vector<FieldError> validate(const Maintenance& maintenance);

// `spans` with the time inside `windows` (any order, may overlap) counted apart: each part
// inside becomes a maintenance span, except the parts of spans that move time from one
// state to another (`was`), which were counted as maintenance already and are dropped.
std::vector<StateSpan> exclude_windows(const std::vector<StateSpan>& spans,
                                       std::vector<Interval> windows);

// Its windows that overlap [from_us, to_us), in order.
std::vector<Interval> windows(const Maintenance& maintenance, std::int64_t from_us,
                              std::int64_t to_us);

}  // namespace vitrine::domain
