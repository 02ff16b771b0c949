#pragma once
// Notification channels and deliveries as JSON: the representations, and the writable
// members of a channel read from a request. A channel's URL and secret are write-only:
// representations show url_origin and has_secret instead.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/notification.hpp"

namespace vitrine::api {

nlohmann::ordered_json channel_json(const domain::NotificationChannel& channel);
// The channel's writable members other than url and secret (merge-patch base, audit diff).
nlohmann::json channel_document(const domain::NotificationChannel& channel);
// Reads name, kind, project_id, events and enabled from `doc` into `channel` (members
// absent keep their value); checks that `doc` has no member a channel lacks.
void apply_channel_document(const nlohmann::json& doc, domain::NotificationChannel& channel,
                            std::vector<domain::FieldError>& errors);

// The url and secret members of a request, when present (a null secret reads as "").
struct EndpointMembers {
  std::optional<std::string> url;
  std::optional<std::string> secret;
};
EndpointMembers endpoint_members(const nlohmann::json& doc,
                                 std::vector<domain::FieldError>& errors);

// A delivery; with `details`, its body (as sent) and log of tries.
nlohmann::ordered_json delivery_json(const domain::Delivery& delivery, bool details);

}  // namespace vitrine::api
