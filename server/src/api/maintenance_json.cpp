#include "api/maintenance_json.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "api/json_body.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 7> kWritable{
    "name", "description", "monitor_id", "project_id", "starts_at", "duration", "rrule"};
constexpr std::array<std::string_view, 6> kReadOnly{"id",         "active",     "next_window",
                                                    "created_at", "updated_at", "version"};

constexpr std::int64_t kYearUs = std::int64_t{366} * 86'400 * 1'000'000;

}  // namespace

std::optional<domain::Interval> current_or_next(const domain::Maintenance& m, std::int64_t now_us) {
  const auto found = domain::windows(m, now_us, now_us + kYearUs);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

Json maintenance_json(const domain::Maintenance& m, std::int64_t now_us) {
  Json j;
  j["id"] = m.id;
  j["name"] = m.name;
  j["description"] = m.description;
  j["monitor_id"] = nullable(m.monitor_id);
  j["project_id"] = nullable(m.project_id);
  j["starts_at"] = util::rfc3339_ms(m.starts_at_us);
  j["duration"] = m.duration_s;
  j["rrule"] = m.recurrence ? Json(domain::to_rrule(*m.recurrence)) : Json(nullptr);
  const auto window = current_or_next(m, now_us);
  j["active"] = window && window->from_us <= now_us;
  j["next_window"] = window ? Json{{"starts_at", util::rfc3339_ms(window->from_us)},
                                   {"ends_at", util::rfc3339_ms(window->to_us)}}
                            : Json(nullptr);
  j["created_at"] = util::rfc3339_ms(m.created_at_us);
  j["updated_at"] = util::rfc3339_ms(m.updated_at_us);
  j["version"] = m.version;
  return j;
}

nlohmann::json maintenance_document(const domain::Maintenance& m) {
  nlohmann::json j;
  j["name"] = m.name;
  j["description"] = m.description;
  j["monitor_id"] = nullable<nlohmann::json>(m.monitor_id);
  j["project_id"] = nullable<nlohmann::json>(m.project_id);
  j["starts_at"] = util::rfc3339_ms(m.starts_at_us);
  j["duration"] = m.duration_s;
  j["rrule"] =
      m.recurrence ? nlohmann::json(domain::to_rrule(*m.recurrence)) : nlohmann::json(nullptr);
  return j;
}

void apply_maintenance_document(const nlohmann::json& doc, domain::Maintenance& m,
                                std::vector<domain::FieldError>& errors) {
  check_known_members(doc, kWritable, kReadOnly, "maintenance window", errors);
  if (auto v = string_member(doc, "name", errors)) {
    m.name = std::move(*v);
  }
  if (auto v = string_member(doc, "description", errors)) {
    m.description = std::move(*v);
  }
  optional_id_member(doc, "monitor_id", m.monitor_id, errors);
  optional_id_member(doc, "project_id", m.project_id, errors);
  if (auto v = string_member(doc, "starts_at", errors)) {
    if (const auto us = util::parse_rfc3339(*v)) {
      m.starts_at_us = *us;
    } else {
      errors.push_back({"starts_at", "invalid_format",
                        "must be an RFC 3339 date-time, e.g. 2026-12-06T02:00:00Z"});
    }
  }
  if (const auto it = doc.find("duration"); it != doc.end()) {
    if (it->is_number_unsigned()) {  // a huge one stays out of range, not wrapped
      m.duration_s = static_cast<std::int64_t>(
          std::min<std::uint64_t>(it->get<std::uint64_t>(), domain::kMaxMaintenanceDurationS + 1));
    } else if (it->is_number_integer()) {
      m.duration_s = it->get<std::int64_t>();
    } else {
      errors.push_back({"duration", "invalid_type", "must be an integer of seconds"});
    }
  }
  if (const auto it = doc.find("rrule"); it != doc.end()) {
    if (it->is_null()) {
      m.recurrence.reset();
    } else if (it->is_string()) {
      std::string error;
      m.recurrence = domain::parse_rrule(it->get<std::string>(), error);
      if (!m.recurrence) {
        errors.push_back({"rrule", "invalid_value", error});
      }
    } else {
      errors.push_back({"rrule", "invalid_type", "must be a recurrence rule (RFC 5545) or null"});
    }
  }
}

}  // namespace vitrine::api
