#include "api/incident_json.hpp"

#include <array>
#include <string_view>

#include "api/json_body.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 2> kUpdateMembers = {"status", "body"};
constexpr std::array<std::string_view, 4> kUpdateReadOnly = {"id", "incident_id", "at",
                                                             "author_id"};

}  // namespace

Json incident_json(const domain::Incident& incident, bool for_readers, std::int64_t now_us) {
  Json j;
  j["id"] = incident.id;
  j["monitor_id"] = nullable(incident.monitor_id);
  j["monitor_name"] = incident.monitor_name;
  j["project_id"] = nullable(incident.project_id);
  j["state"] = incident.resolved_at_us ? "resolved" : "open";
  j["started_at"] = util::rfc3339_ms(incident.started_at_us);
  j["resolved_at"] =
      incident.resolved_at_us ? Json(util::rfc3339_ms(*incident.resolved_at_us)) : Json(nullptr);
  const std::int64_t end_us = incident.resolved_at_us.value_or(now_us);
  j["duration_seconds"] = std::max<std::int64_t>(0, end_us - incident.started_at_us) / 1'000'000;
  if (for_readers) {
    j["error"] = {{"class", domain::to_string(incident.error)}, {"message", incident.message}};
  } else {
    j["error"] = nullptr;
  }
  Json timeline = Json::array();
  for (const domain::IncidentEvent& e : incident.timeline) {
    Json item;
    item["at"] = util::rfc3339_ms(e.at_us);
    item["kind"] = domain::to_string(e.kind);
    if (for_readers && e.error != domain::CheckError::kNone) {
      item["error"] = {{"class", domain::to_string(e.error)}, {"message", e.message}};
    }
    timeline.push_back(std::move(item));
  }
  j["timeline"] = std::move(timeline);
  Json updates = Json::array();
  for (const domain::IncidentUpdate& u : incident.updates) {
    Json item;
    item["id"] = u.id;
    item["at"] = util::rfc3339_ms(u.at_us);
    item["status"] = domain::to_string(u.status);
    item["body"] = u.body;
    if (for_readers) {
      item["author_id"] = u.author_id;
    }
    updates.push_back(std::move(item));
  }
  j["updates"] = std::move(updates);
  return j;
}

void apply_update_document(const nlohmann::json& doc, domain::IncidentUpdate& update,
                           std::vector<domain::FieldError>& errors) {
  check_known_members(doc, kUpdateMembers, kUpdateReadOnly, "incident update", errors);
  if (const auto status = string_member(doc, "status", errors)) {
    if (const auto parsed = domain::parse_update_status(*status)) {
      update.status = *parsed;
    } else {
      errors.push_back({"status", "invalid_value",
                        "must be one of investigating, identified, monitoring, resolved"});
    }
  } else if (!doc.contains("status") || doc["status"].is_null()) {
    errors.push_back({"status", "required", "is required"});
  }
  if (const auto body = string_member(doc, "body", errors)) {
    update.body = *body;
  } else if (!doc.contains("body") || doc["body"].is_null()) {
    errors.push_back({"body", "required", "is required"});
  }
  add_rule_errors(errors, domain::validate(update));
}

}  // namespace vitrine::api
