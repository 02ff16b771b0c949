#pragma once
// A service level objective on one monitor: the share of time it must be up
// (availability), or the share of its checks that must answer well within a threshold
// (latency), over a rolling window of 7, 28 or 30 days. The rules of its fields; what it
// reports is slo_report.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/project.hpp"  // FieldError

namespace vitrine::domain {

enum class SloKind : std::uint8_t { kAvailability, kLatency };

struct Slo {
  std::string id;  // UUIDv7, server-generated
  std::string monitor_id;
  std::string name;
  SloKind kind = SloKind::kAvailability;
  double objective = 0.995;       // a ratio: 0.995 is "99.5 %"
  int window_days = 30;           // 7, 28 or 30
  std::int64_t threshold_ms = 0;  // latency: a LatencyHistogram bound; 0 for availability
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::int64_t version = 0;
};

inline constexpr std::size_t kMaxSloName = 200;  // characters
// Objectives as percentages: below 50 % is not an objective, above 99.999 % leaves a
// budget shorter than a check interval over 30 days.
inline constexpr double kMinObjectivePercent = 50.0;
inline constexpr double kMaxObjectivePercent = 99.999;

std::string_view to_string(SloKind kind);
std::optional<SloKind> parse_slo_kind(std::string_view text);

// Every rule the client-writable fields break.
std::vector<FieldError> validate(const Slo& slo);

}  // namespace vitrine::domain
