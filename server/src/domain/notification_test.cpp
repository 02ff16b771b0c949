// Notification rules, bodies, signature and retry schedule (domain/notification.hpp).
#include "domain/notification.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace vitrine::domain {
namespace {

Incident incident(bool resolved) {
  Incident i;
  i.id = "0190a0a0-0000-7000-8000-000000000001";
  i.monitor_id = "0190a0a0-0000-7000-8000-000000000002";
  i.monitor_name = "api <prod> & co";
  i.started_at_us = 1'764'000'000'000'000;  // 2025-11-24T16:00:00Z
  if (resolved) {
    i.resolved_at_us = i.started_at_us + 192'000'000;  // 3m 12s later
  }
  i.error = CheckError::kStatus;
  i.message = "HTTP 503";
  return i;
}

TEST(RetryDelay, doubles_from_the_base_up_to_the_cap_and_stops_after_max_attempts) {
  const RetryPolicy p{5, 1000, 5000};
  EXPECT_EQ(retry_delay_ms(p, 1), 1000);
  EXPECT_EQ(retry_delay_ms(p, 2), 2000);
  EXPECT_EQ(retry_delay_ms(p, 3), 4000);
  EXPECT_EQ(retry_delay_ms(p, 4), 5000);          // capped
  EXPECT_EQ(retry_delay_ms(p, 5), std::nullopt);  // the fifth try was the last
  EXPECT_EQ(retry_delay_ms(p, 0), std::nullopt);
  const RetryPolicy defaults;  // 30 s doubling, capped at 1 h, 10 tries
  EXPECT_EQ(retry_delay_ms(defaults, 8), 3'600'000);
  EXPECT_EQ(retry_delay_ms(defaults, 9), 3'600'000);
  EXPECT_EQ(retry_delay_ms(defaults, 10), std::nullopt);
  EXPECT_EQ(retry_delay_ms({50, 30'000, 86'400'000}, 49), 86'400'000);  // no overflow
}

TEST(Signature, is_the_hmac_sha256_of_the_body_under_the_secret_in_hex) {
  // RFC 4231 test case 2.
  EXPECT_EQ(signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_NE(signature("Jefe", "what do ya want for nothing!"),
            signature("Jefe", "what do ya want for nothing?"));
}

TEST(UrlOrigin, keeps_scheme_host_and_port_and_drops_credentials_path_and_query) {
  EXPECT_EQ(url_origin("https://hooks.slack.com/services/T0/B0/XYZ"), "https://hooks.slack.com");
  EXPECT_EQ(url_origin("http://user:pw@127.0.0.1:8080/hook?token=1"), "http://127.0.0.1:8080");
  EXPECT_EQ(url_origin("http://[::1]:9000"), "http://[::1]:9000");
  EXPECT_EQ(url_origin("no scheme"), "");
}

TEST(ChannelRules, check_url_secret_name_and_events) {
  EXPECT_TRUE(validate_endpoint(ChannelKind::kWebhook, "https://x.example/h", std::string(16, 's'))
                  .empty());
  EXPECT_TRUE(validate_endpoint(ChannelKind::kSlack, "https://hooks.slack.com/x", "").empty());
  const auto fields = [](const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    out.reserve(errors.size());
    for (const auto& e : errors) {
      out.push_back(e.field + ":" + e.code);
    }
    return out;
  };
  EXPECT_EQ(fields(validate_endpoint(ChannelKind::kWebhook, "ftp://x/", "short")),
            (std::vector<std::string>{"url:invalid_url", "secret:out_of_range"}));
  EXPECT_EQ(fields(validate_endpoint(ChannelKind::kSlack, "https://x/", std::string(16, 's'))),
            (std::vector<std::string>{"secret:invalid_value"}));
  NotificationChannel c;
  c.name = "";
  c.on_open = c.on_resolve = false;
  c.project_id = "nope";
  EXPECT_EQ(fields(validate(c)),
            (std::vector<std::string>{"name:required", "project_id:invalid_format",
                                      "events:invalid_value"}));
}

TEST(WebhookBody, describes_the_event_and_the_incident) {
  const auto open = nlohmann::json::parse(webhook_body("d-1", NotificationEvent::kIncidentOpened,
                                                       incident(false), 1'764'000'001'000'000));
  EXPECT_EQ(open["id"], "d-1");
  EXPECT_EQ(open["event"], "incident.opened");
  EXPECT_EQ(open["occurred_at"], "2025-11-24T16:00:01.000Z");
  EXPECT_EQ(open["incident"]["state"], "open");
  EXPECT_EQ(open["incident"]["monitor_name"], "api <prod> & co");
  EXPECT_EQ(open["incident"]["started_at"], "2025-11-24T16:00:00.000Z");
  EXPECT_TRUE(open["incident"]["resolved_at"].is_null());
  EXPECT_TRUE(open["incident"]["project_id"].is_null());
  EXPECT_EQ(open["incident"]["error"],
            (nlohmann::json{{"class", "status"}, {"message", "HTTP 503"}}));

  const auto resolved = nlohmann::json::parse(
      webhook_body("d-2", NotificationEvent::kIncidentResolved, incident(true), 0));
  EXPECT_EQ(resolved["event"], "incident.resolved");
  EXPECT_EQ(resolved["incident"]["state"], "resolved");
  EXPECT_EQ(resolved["incident"]["duration_seconds"], 192);
}

TEST(SlackBody, is_one_escaped_line_of_text) {
  const auto open =
      nlohmann::json::parse(slack_body(NotificationEvent::kIncidentOpened, incident(false)));
  EXPECT_EQ(open.size(), 1U);
  EXPECT_EQ(open["text"],
            ":red_circle: *api &lt;prod&gt; &amp; co* is down since 2025-11-24T16:00:00.000Z: "
            "status HTTP 503");
  const auto resolved =
      nlohmann::json::parse(slack_body(NotificationEvent::kIncidentResolved, incident(true)));
  EXPECT_EQ(resolved["text"],
            ":large_green_circle: *api &lt;prod&gt; &amp; co* recovered after 3m 12s (down since "
            "2025-11-24T16:00:00.000Z)");
}

TEST(NotificationNames, read_back_what_they_write) {
  for (const auto kind : {ChannelKind::kWebhook, ChannelKind::kSlack}) {
    EXPECT_EQ(parse_channel_kind(to_string(kind)), kind);
  }
  for (const auto event : {NotificationEvent::kIncidentOpened, NotificationEvent::kIncidentResolved,
                           NotificationEvent::kTest}) {
    EXPECT_EQ(parse_notification_event(to_string(event)), event);
  }
  for (const auto state :
       {DeliveryState::kPending, DeliveryState::kDelivered, DeliveryState::kFailed}) {
    EXPECT_EQ(parse_delivery_state(to_string(state)), state);
  }
  EXPECT_EQ(parse_channel_kind("email"), std::nullopt);
}

}  // namespace
}  // namespace vitrine::domain
