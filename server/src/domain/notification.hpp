#pragma once
// Notifications: incidents opening and resolving are told to channels (a generic webhook,
// signed, or a Slack-compatible incoming webhook). Each message is a delivery, written in
// the incident's own transaction (an outbox: store/sql/sql_notification_store.cpp) and sent
// by the dispatcher (notify/dispatcher.hpp) with retries on this schedule. Pure: rules,
// message bodies, signature and backoff.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/incident.hpp"
#include "domain/project.hpp"  // FieldError

namespace vitrine::domain {

enum class ChannelKind : std::uint8_t {
  kWebhook,  // JSON body, X-Vitrine-Signature: sha256=<HMAC of the body under the secret>
  kSlack,    // {"text": ...}: Slack, Mattermost, Rocket.Chat, Discord's /slack endpoint
};

enum class NotificationEvent : std::uint8_t { kIncidentOpened, kIncidentResolved, kTest };

struct NotificationChannel {
  std::string id;  // UUIDv7
  std::string name;
  ChannelKind kind = ChannelKind::kWebhook;
  // The URL and the webhook's signing secret are secrets (a Slack URL is its own key): at
  // rest both are sealed with VITRINE_DATA_KEY (notify/channel_secrets.hpp), and the API
  // never shows them again. `url_origin` (scheme://host[:port]) is what people see.
  std::string url_sealed;
  std::string secret_sealed;  // empty: no secret (Slack)
  std::string url_origin;
  std::optional<std::string> project_id;  // only incidents of this project's monitors
  bool on_open = true;
  bool on_resolve = true;
  bool enabled = true;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::int64_t version = 0;
};

inline constexpr std::size_t kMaxChannelName = 100;
inline constexpr std::size_t kMaxChannelUrl = 2048;
inline constexpr std::size_t kMinChannelSecret = 16;
inline constexpr std::size_t kMaxChannelSecret = 256;

// Every rule the plain URL and secret of a channel of `kind` break (fields "url", "secret").
std::vector<FieldError> validate_endpoint(ChannelKind kind, std::string_view url,
                                          std::string_view secret);
// Every rule the other client-written fields break.
std::vector<FieldError> validate(const NotificationChannel& channel);

// scheme://host[:port] of an http(s) URL, without user info, path or query.
std::string url_origin(std::string_view url);

enum class DeliveryState : std::uint8_t { kPending, kDelivered, kFailed };

// One try at sending a delivery, as the delivery log shows it.
struct DeliveryAttempt {
  int seq = 0;  // 1, 2, ...
  std::int64_t at_us = 0;
  std::int64_t duration_ms = 0;
  std::optional<int> status_code;  // the receiver's answer; none when there was no answer
  std::string error;               // empty when delivered
  bool operator==(const DeliveryAttempt&) const = default;
};

struct Delivery {
  std::string id;  // UUIDv7; also the body's "id" and X-Vitrine-Delivery (receivers dedupe)
  std::string channel_id;
  std::optional<std::string> incident_id;  // none once the incident is deleted
  NotificationEvent event = NotificationEvent::kIncidentOpened;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  std::int64_t created_at_us = 0;
  std::int64_t next_attempt_at_us = 0;  // pending: when the next try is due
  std::optional<std::int64_t> delivered_at_us;
  std::string last_error;
  std::string body;                  // exactly the bytes sent, every try
  std::vector<DeliveryAttempt> log;  // oldest first (filled where asked for)
};

// Retries: the n-th failed try (n = 1, 2, ...) waits base·2^(n-1), at most `max_delay_ms`;
// after `max_attempts` tries the delivery has failed for good.
struct RetryPolicy {
  int max_attempts = 10;
  std::int64_t base_delay_ms = 30'000;
  std::int64_t max_delay_ms = 3'600'000;
};

// The wait after `attempts` failed tries; nullopt when there is no next try.
std::optional<std::int64_t> retry_delay_ms(const RetryPolicy& policy, int attempts);

// The generic webhook's JSON body for an incident event (`incident` as it stands after it).
std::string webhook_body(const std::string& delivery_id, NotificationEvent event,
                         const Incident& incident, std::int64_t at_us);
// The Slack-compatible body: one line of text.
std::string slack_body(NotificationEvent event, const Incident& incident);
// The test message POST /api/v1/notification-channels/{id}/test sends.
std::string test_body(const NotificationChannel& channel, const std::string& delivery_id,
                      std::int64_t at_us);

// "sha256=" + hex HMAC-SHA256 of `body` under `secret` (the X-Vitrine-Signature value).
std::string signature(std::string_view secret, std::string_view body);

std::string_view to_string(ChannelKind kind);
std::optional<ChannelKind> parse_channel_kind(std::string_view text);
std::string_view to_string(NotificationEvent event);  // "incident.opened", ...
std::optional<NotificationEvent> parse_notification_event(std::string_view text);
std::string_view to_string(DeliveryState state);
std::optional<DeliveryState> parse_delivery_state(std::string_view text);

}  // namespace vitrine::domain
