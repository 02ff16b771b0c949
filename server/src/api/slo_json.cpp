#include "api/slo_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "api/json_body.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 6> kWritable{"monitor_id", "name",   "kind",
                                                    "objective",  "window", "threshold_ms"};
constexpr std::array<std::string_view, 5> kReadOnly{"id", "created_at", "updated_at", "version",
                                                    "report"};

// Percent with at most 6 decimals: 99.5, not 99.50000000000001.
double percent(double ratio) { return std::round(ratio * 100.0 * 1e6) / 1e6; }

double round_to(double v, double scale) { return std::round(v * scale) / scale; }

// What the SLO promises, as every shape of it says it: name, kind, objective (a
// percentage), window and threshold (latency only).
template <typename J>
void put_objective(J& j, const domain::Slo& s) {
  j["name"] = s.name;
  j["kind"] = domain::to_string(s.kind);
  j["objective"] = percent(s.objective);
  j["window"] = std::to_string(s.window_days) + "d";
  j["threshold_ms"] = s.kind == domain::SloKind::kLatency ? J(s.threshold_ms) : J(nullptr);
}

Json report_json(const domain::SloReport& r, std::int64_t evaluated_at_us) {
  Json j;
  j["evaluated_at"] = util::rfc3339_ms(evaluated_at_us);
  j["state"] = domain::to_string(r.state);
  j["sli"] = r.sli ? Json(round_to(*r.sli, 1e6)) : Json(nullptr);
  j["error_budget"] = {{"total_minutes", round_to(r.budget_minutes, 1e3)},
                       {"consumed_minutes", round_to(r.consumed_minutes, 1e3)},
                       {"remaining_minutes", round_to(r.remaining_minutes, 1e3)},
                       {"consumed_ratio", round_to(r.consumed_ratio, 1e6)},
                       {"remaining_ratio", round_to(r.remaining_ratio, 1e6)}};
  Json burn = Json::array();
  for (const domain::BurnRate& b : r.burn_rates) {
    burn.push_back({{"long_window", b.rule->long_name},
                    {"short_window", b.rule->short_name},
                    {"long_rate", round_to(b.long_rate, 1e3)},
                    {"short_rate", round_to(b.short_rate, 1e3)},
                    {"threshold", b.rule->factor},
                    {"severity", b.rule->severity},
                    {"firing", b.firing}});
  }
  j["burn_rates"] = std::move(burn);
  Json series = Json::array();
  for (const domain::BudgetPoint& p : r.budget_series) {
    series.push_back(
        {{"at", util::rfc3339_ms(p.at_us)}, {"remaining_ratio", round_to(p.remaining_ratio, 1e6)}});
  }
  j["budget_series"] = std::move(series);
  return j;
}

}  // namespace

Json slo_json(const domain::Slo& s, const std::optional<domain::SloReport>& report,
              std::int64_t evaluated_at_us) {
  Json j;
  j["id"] = s.id;
  j["monitor_id"] = s.monitor_id;
  put_objective(j, s);
  j["created_at"] = util::rfc3339_ms(s.created_at_us);
  j["updated_at"] = util::rfc3339_ms(s.updated_at_us);
  j["version"] = s.version;
  if (report) {
    j["report"] = report_json(*report, evaluated_at_us);
  }
  return j;
}

Json slo_badge_json(const domain::Slo& s, const domain::SloReport& r,
                    std::int64_t evaluated_at_us) {
  Json j;
  j["id"] = s.id;
  put_objective(j, s);
  j["state"] = domain::to_string(r.state);
  j["sli"] = r.sli ? Json(round_to(*r.sli, 1e6)) : Json(nullptr);
  j["remaining_ratio"] = round_to(r.remaining_ratio, 1e6);
  j["evaluated_at"] = util::rfc3339_ms(evaluated_at_us);
  return j;
}

nlohmann::json slo_document(const domain::Slo& s) {
  nlohmann::json j;
  j["monitor_id"] = s.monitor_id;
  put_objective(j, s);
  return j;
}

void apply_slo_document(const nlohmann::json& doc, domain::Slo& s,
                        std::vector<domain::FieldError>& errors) {
  check_known_members(doc, kWritable, kReadOnly, "SLO", errors);
  if (auto v = string_member(doc, "monitor_id", errors)) {
    s.monitor_id = std::move(*v);
  }
  if (auto v = string_member(doc, "name", errors)) {
    s.name = std::move(*v);
  }
  if (auto v = string_member(doc, "kind", errors)) {
    if (const auto kind = domain::parse_slo_kind(*v)) {
      s.kind = *kind;
    } else {
      errors.push_back({"kind", "invalid_value", "must be one of availability, latency"});
    }
  }
  if (const auto it = doc.find("objective"); it != doc.end()) {
    if (it->is_number() && std::isfinite(it->get<double>())) {
      s.objective = it->get<double>() / 100.0;
    } else {
      errors.push_back({"objective", "invalid_type", "must be a percentage, e.g. 99.5"});
    }
  }
  if (auto v = string_member(doc, "window", errors)) {
    s.window_days = *v == "7d" ? 7 : *v == "28d" ? 28 : *v == "30d" ? 30 : -1;
  }
  if (const auto it = doc.find("threshold_ms"); it != doc.end()) {
    if (it->is_null()) {
      s.threshold_ms = 0;
    } else if (it->is_number_integer()) {
      s.threshold_ms =
          std::clamp<std::int64_t>(it->is_number_unsigned() && it->get<std::uint64_t>() > INT32_MAX
                                       ? INT32_MAX
                                       : it->get<std::int64_t>(),
                                   -1, INT32_MAX);
    } else {
      errors.push_back({"threshold_ms", "invalid_type", "must be an integer of milliseconds"});
    }
  }
}

}  // namespace vitrine::api
