#include "api/notification_json.hpp"

#include <array>
#include <string_view>

#include "api/json_body.hpp"
#include "util/time.hpp"

namespace vitrine::api {
namespace {

using Json = nlohmann::ordered_json;
using domain::NotificationEvent;

constexpr std::array<std::string_view, 7> kWritable{"name",       "kind",   "url",    "secret",
                                                    "project_id", "events", "enabled"};
constexpr std::array<std::string_view, 6> kReadOnly{"id",         "url_origin", "has_secret",
                                                    "created_at", "updated_at", "version"};

template <typename J>
J events_of(const domain::NotificationChannel& c) {
  J events = J::array();
  if (c.on_open) {
    events.push_back(domain::to_string(NotificationEvent::kIncidentOpened));
  }
  if (c.on_resolve) {
    events.push_back(domain::to_string(NotificationEvent::kIncidentResolved));
  }
  return events;
}

void apply_events(const nlohmann::json& value, domain::NotificationChannel& c,
                  std::vector<domain::FieldError>& errors) {
  if (!value.is_array()) {
    errors.push_back(
        {"events", "invalid_type", "must be an array of incident.opened and incident.resolved"});
    return;
  }
  bool on_open = false;
  bool on_resolve = false;
  for (const auto& item : value) {
    const auto event =
        item.is_string() ? domain::parse_notification_event(item.get<std::string>()) : std::nullopt;
    if (event == NotificationEvent::kIncidentOpened) {
      on_open = true;
    } else if (event == NotificationEvent::kIncidentResolved) {
      on_resolve = true;
    } else {
      errors.push_back({"events", "invalid_value",
                        "may hold incident.opened and incident.resolved, nothing else"});
      return;
    }
  }
  c.on_open = on_open;
  c.on_resolve = on_resolve;
}

}  // namespace

Json channel_json(const domain::NotificationChannel& c) {
  Json j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["kind"] = domain::to_string(c.kind);
  j["url_origin"] = c.url_origin;
  j["has_secret"] = !c.secret_sealed.empty();
  j["project_id"] = nullable(c.project_id);
  j["events"] = events_of<Json>(c);
  j["enabled"] = c.enabled;
  j["created_at"] = util::rfc3339_ms(c.created_at_us);
  j["updated_at"] = util::rfc3339_ms(c.updated_at_us);
  j["version"] = c.version;
  return j;
}

nlohmann::json channel_document(const domain::NotificationChannel& c) {
  nlohmann::json j;
  j["name"] = c.name;
  j["kind"] = domain::to_string(c.kind);
  j["url_origin"] = c.url_origin;
  j["project_id"] = nullable<nlohmann::json>(c.project_id);
  j["events"] = events_of<nlohmann::json>(c);
  j["enabled"] = c.enabled;
  return j;
}

void apply_channel_document(const nlohmann::json& doc, domain::NotificationChannel& c,
                            std::vector<domain::FieldError>& errors) {
  check_known_members(doc, kWritable, kReadOnly, "notification channel", errors);
  if (auto v = string_member(doc, "name", errors)) {
    c.name = std::move(*v);
  }
  if (auto v = string_member(doc, "kind", errors)) {
    if (const auto kind = domain::parse_channel_kind(*v)) {
      c.kind = *kind;
    } else {
      errors.push_back({"kind", "invalid_value", "must be webhook or slack"});
    }
  }
  optional_id_member(doc, "project_id", c.project_id, errors);
  if (const auto it = doc.find("events"); it != doc.end()) {
    apply_events(*it, c, errors);
  }
  if (const auto it = doc.find("enabled"); it != doc.end()) {
    if (it->is_boolean()) {
      c.enabled = it->get<bool>();
    } else {
      errors.push_back({"enabled", "invalid_type", "must be true or false"});
    }
  }
}

EndpointMembers endpoint_members(const nlohmann::json& doc,
                                 std::vector<domain::FieldError>& errors) {
  EndpointMembers m;
  m.url = string_member(doc, "url", errors);
  if (const auto it = doc.find("secret"); it != doc.end()) {
    m.secret = it->is_null() ? std::string() : string_member(doc, "secret", errors);
  }
  return m;
}

Json delivery_json(const domain::Delivery& d, bool details) {
  Json j;
  j["id"] = d.id;
  j["channel_id"] = d.channel_id;
  j["incident_id"] = nullable(d.incident_id);
  j["event"] = domain::to_string(d.event);
  j["state"] = domain::to_string(d.state);
  j["attempts"] = d.attempts;
  j["created_at"] = util::rfc3339_ms(d.created_at_us);
  j["next_attempt_at"] = d.state == domain::DeliveryState::kPending
                             ? Json(util::rfc3339_ms(d.next_attempt_at_us))
                             : Json(nullptr);
  j["delivered_at"] =
      d.delivered_at_us ? Json(util::rfc3339_ms(*d.delivered_at_us)) : Json(nullptr);
  j["last_error"] = d.last_error.empty() ? Json(nullptr) : Json(d.last_error);
  if (details) {
    j["body"] = d.body;
    Json log = Json::array();
    for (const domain::DeliveryAttempt& a : d.log) {
      log.push_back({{"attempt", a.seq},
                     {"at", util::rfc3339_ms(a.at_us)},
                     {"duration_ms", a.duration_ms},
                     {"status_code", nullable(a.status_code)},
                     {"error", a.error.empty() ? Json(nullptr) : Json(a.error)}});
    }
    j["log"] = std::move(log);
  }
  return j;
}

}  // namespace vitrine::api
