#include "api/rollup_json.hpp"

#include <cmath>

namespace vitrine::api {
namespace {

// Ratios to 6 decimals (0.999999), times to milliseconds: more digits are noise.
nlohmann::ordered_json rounded(std::optional<double> v, double scale) {
  return v ? nlohmann::ordered_json(std::round(*v * scale) / scale)
           : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json ratio_json(std::optional<double> ratio) { return rounded(ratio, 1e6); }

void add_figures(nlohmann::ordered_json& out, const domain::Rollup& r, bool latency) {
  out["uptime"] = ratio_json(r.uptime());
  out["checks"] = r.checks;
  out["checks_up"] = r.up;
  out["checks_degraded"] = r.degraded;
  out["checks_down"] = r.down;
  out["observed_seconds"] = static_cast<double>(r.observed_ms()) / 1000.0;
  out["downtime_seconds"] = static_cast<double>(r.down_ms) / 1000.0;
  out["degraded_seconds"] = static_cast<double>(r.degraded_ms) / 1000.0;
  out["checks_maintenance"] = r.maintenance;
  out["maintenance_seconds"] = static_cast<double>(r.maintenance_ms) / 1000.0;
  if (latency) {
    nlohmann::ordered_json ms;
    ms["p50"] = rounded(r.latency.quantile(0.50), 1e3);
    ms["p95"] = rounded(r.latency.quantile(0.95), 1e3);
    ms["p99"] = rounded(r.latency.quantile(0.99), 1e3);
    out["latency_ms"] = std::move(ms);
  }
}

}  // namespace vitrine::api
