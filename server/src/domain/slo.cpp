#include "domain/slo.hpp"

#include <fmt/format.h>

#include "domain/latency_histogram.hpp"

namespace vitrine::domain {

std::string_view to_string(SloKind kind) {
  return kind == SloKind::kLatency ? "latency" : "availability";
}

std::optional<SloKind> parse_slo_kind(std::string_view text) {
  if (text == "availability") {
    return SloKind::kAvailability;
  }
  if (text == "latency") {
    return SloKind::kLatency;
  }
  return std::nullopt;
}

std::vector<FieldError> validate(const Slo& slo) {
  std::vector<FieldError> errors;
  check_text(errors, "name", slo.name, 1, kMaxSloName);
  if (!looks_like_uuid(slo.monitor_id)) {
    errors.push_back({"monitor_id", "invalid_format", "must be a monitor id (UUID)"});
  }
  const double percent = slo.objective * 100.0;
  if (!(percent >= kMinObjectivePercent && percent <= kMaxObjectivePercent + 1e-9)) {
    errors.push_back({"objective", "out_of_range",
                      fmt::format("must be a percentage from {} to {}", kMinObjectivePercent,
                                  kMaxObjectivePercent)});
  }
  if (slo.window_days != 7 && slo.window_days != 28 && slo.window_days != 30) {
    errors.push_back({"window", "invalid_value", "must be one of 7d, 28d, 30d"});
  }
  if (slo.kind == SloKind::kLatency && !LatencyHistogram::is_bound(slo.threshold_ms)) {
    std::string bounds;
    for (const std::int64_t b : LatencyHistogram::kBoundsMs) {
      bounds += (bounds.empty() ? "" : ", ") + std::to_string(b);
    }
    errors.push_back(
        {"threshold_ms", "invalid_value", "must be one of the latency bucket bounds: " + bounds});
  }
  if (slo.kind == SloKind::kAvailability && slo.threshold_ms != 0) {
    errors.push_back({"threshold_ms", "invalid_value", "only latency objectives have one"});
  }
  return errors;
}

}  // namespace vitrine::domain
