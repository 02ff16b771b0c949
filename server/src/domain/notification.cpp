#include "domain/notification.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "domain/enum_names.hpp"
#include "util/digest.hpp"
#include "util/time.hpp"

namespace vitrine::domain {
namespace {

using Json = nlohmann::ordered_json;

constexpr EnumNames<ChannelKind, 2> kKinds{
    {{ChannelKind::kWebhook, "webhook"}, {ChannelKind::kSlack, "slack"}}};
constexpr EnumNames<NotificationEvent, 3> kEvents{
    {{NotificationEvent::kIncidentOpened, "incident.opened"},
     {NotificationEvent::kIncidentResolved, "incident.resolved"},
     {NotificationEvent::kTest, "test"}}};
constexpr EnumNames<DeliveryState, 3> kStates{{{DeliveryState::kPending, "pending"},
                                               {DeliveryState::kDelivered, "delivered"},
                                               {DeliveryState::kFailed, "failed"}}};

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json incident_json(const Incident& i) {
  Json j;
  j["id"] = i.id;
  j["monitor_id"] = i.monitor_id ? Json(*i.monitor_id) : Json(nullptr);
  j["monitor_name"] = i.monitor_name;
  j["project_id"] = i.project_id ? Json(*i.project_id) : Json(nullptr);
  j["state"] = i.resolved_at_us ? "resolved" : "open";
  j["started_at"] = util::rfc3339_ms(i.started_at_us);
  j["resolved_at"] = i.resolved_at_us ? Json(util::rfc3339_ms(*i.resolved_at_us)) : Json(nullptr);
  j["duration_seconds"] =
      i.resolved_at_us ? Json((*i.resolved_at_us - i.started_at_us) / 1'000'000) : Json(nullptr);
  j["error"] = i.error == CheckError::kNone
                   ? Json(nullptr)
                   : Json{{"class", to_string(i.error)}, {"message", i.message}};
  return j;
}

// Slack's mrkdwn treats these three as control characters.
std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// "3h 2m", "4m 10s", "12s".
std::string human_duration(std::int64_t seconds) {
  seconds = std::max<std::int64_t>(seconds, 0);
  const std::int64_t d = seconds / 86'400;
  const std::int64_t h = seconds % 86'400 / 3600;
  const std::int64_t m = seconds % 3600 / 60;
  const std::int64_t s = seconds % 60;
  if (d > 0) {
    return fmt::format("{}d {}h", d, h);
  }
  if (h > 0) {
    return fmt::format("{}h {}m", h, m);
  }
  return m > 0 ? fmt::format("{}m {}s", m, s) : fmt::format("{}s", s);
}

}  // namespace

std::vector<FieldError> validate_endpoint(ChannelKind kind, std::string_view url,
                                          std::string_view secret) {
  std::vector<FieldError> errors;
  if (url.size() > kMaxChannelUrl || !is_http_url(url)) {
    errors.push_back(
        {"url", "invalid_url",
         fmt::format("must be an absolute http:// or https:// URL of at most {} characters",
                     kMaxChannelUrl)});
  }
  if (kind == ChannelKind::kSlack && !secret.empty()) {
    errors.push_back({"secret", "invalid_value",
                      "a Slack-compatible webhook is not signed: its URL is the secret"});
  }
  if (kind == ChannelKind::kWebhook &&
      (secret.size() < kMinChannelSecret || secret.size() > kMaxChannelSecret)) {
    errors.push_back({"secret", "out_of_range",
                      fmt::format("must be {} to {} characters (leave it out on creation and "
                                  "one is generated)",
                                  kMinChannelSecret, kMaxChannelSecret)});
  }
  return errors;
}

std::vector<FieldError> validate(const NotificationChannel& channel) {
  std::vector<FieldError> errors;
  check_text(errors, "name", channel.name, 1, kMaxChannelName);
  if (channel.project_id && !looks_like_uuid(*channel.project_id)) {
    errors.push_back({"project_id", "invalid_format", "must be an id (UUID) or null"});
  }
  if (!channel.on_open && !channel.on_resolve) {
    errors.push_back({"events", "invalid_value",
                      "must name incident.opened, incident.resolved or both (pause a channel "
                      "with enabled: false)"});
  }
  return errors;
}

std::string url_origin(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return {};
  }
  const std::size_t host_start = scheme_end + 3;
  std::size_t host_end = url.find_first_of("/?#", host_start);
  if (host_end == std::string_view::npos) {
    host_end = url.size();
  }
  std::string_view authority = url.substr(host_start, host_end - host_start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // user info is a credential
  }
  return std::string(url.substr(0, host_start)) + std::string(authority);
}

std::optional<std::int64_t> retry_delay_ms(const RetryPolicy& policy, int attempts) {
  if (attempts < 1 || attempts >= policy.max_attempts) {
    return std::nullopt;
  }
  std::int64_t delay = policy.base_delay_ms;
  for (int i = 1; i < attempts && delay < policy.max_delay_ms; ++i) {
    delay *= 2;
  }
  return std::min(delay, policy.max_delay_ms);
}

std::string webhook_body(const std::string& delivery_id, NotificationEvent event,
                         const Incident& incident, std::int64_t at_us) {
  Json j;
  j["id"] = delivery_id;
  j["event"] = to_string(event);
  j["occurred_at"] = util::rfc3339_ms(at_us);
  j["incident"] = incident_json(incident);
  return dump(j);
}

std::string slack_body(NotificationEvent event, const Incident& incident) {
  const std::string name = slack_escape(incident.monitor_name);
  std::string text;
  if (event == NotificationEvent::kIncidentResolved) {
    const std::int64_t end = incident.resolved_at_us.value_or(incident.started_at_us);
    text = fmt::format(":large_green_circle: *{}* recovered after {} (down since {})", name,
                       human_duration((end - incident.started_at_us) / 1'000'000),
                       util::rfc3339_ms(incident.started_at_us));
  } else {
    text = fmt::format(":red_circle: *{}* is down since {}", name,
                       util::rfc3339_ms(incident.started_at_us));
    if (incident.error != CheckError::kNone) {
      text += fmt::format(": {} {}", to_string(incident.error), slack_escape(incident.message));
    }
  }
  return dump(Json{{"text", text}});
}

std::string test_body(const NotificationChannel& channel, const std::string& delivery_id,
                      std::int64_t at_us) {
  if (channel.kind == ChannelKind::kSlack) {
    return dump(Json{{"text", fmt::format("Test message from Vitrine: channel *{}* works.",
                                          slack_escape(channel.name))}});
  }
  Json j;
  j["id"] = delivery_id;
  j["event"] = to_string(NotificationEvent::kTest);
  j["occurred_at"] = util::rfc3339_ms(at_us);
  j["channel"] = Json{{"id", channel.id}, {"name", channel.name}};
  return dump(j);
}

std::string signature(std::string_view secret, std::string_view body) {
  return "sha256=" + util::hmac_sha256_hex(secret, body);
}

std::string_view to_string(ChannelKind kind) { return name_of(kKinds, kind); }
std::optional<ChannelKind> parse_channel_kind(std::string_view text) {
  return parse_name(kKinds, text);
}
std::string_view to_string(NotificationEvent event) { return name_of(kEvents, event); }
std::optional<NotificationEvent> parse_notification_event(std::string_view text) {
  return parse_name(kEvents, text);
}
std::string_view to_string(DeliveryState state) { return name_of(kStates, state); }
std::optional<DeliveryState> parse_delivery_state(std::string_view text) {
  return parse_name(kStates, text);
}

}  // namespace vitrine::domain
