#pragma once
// Sends notification messages: HTTP POSTs through libcurl's multi interface, all of one
// batch at once on the calling thread (the dispatcher's, never the checks' loop), each
// bounded by the timeout. Redirects are not followed (a receiver that moved is an error to
// fix, not a hop to take with a signed body); only http and https.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/notification.hpp"
#include "notify/channel_secrets.hpp"

namespace vitrine::obs {
class Tracer;
}

namespace vitrine::notify {

struct Message {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

// What came of one message: delivered (a 2xx answer) or the reason it was not.
struct Sent {
  std::optional<int> status_code;  // none: no HTTP answer (connect, timeout, TLS, ...)
  std::string error;               // empty when delivered
  std::int64_t duration_ms = 0;
  [[nodiscard]] bool delivered() const { return error.empty(); }
};

// The message a channel gets: its URL, Content-Type and User-Agent, and for the generic
// webhook X-Vitrine-Event, X-Vitrine-Delivery and X-Vitrine-Signature (when it has a secret).
Message message_for(const domain::NotificationChannel& channel, const OpenedChannel& opened,
                    const std::string& delivery_id, domain::NotificationEvent event,
                    std::string body);

// Posts every message at once and returns when all are done, in the same order. Blocks for
// at most about `timeout`. With a tracer, each message is a client span that its receiver
// gets as a traceparent header.
std::vector<Sent> post_all(std::span<const Message> messages, std::chrono::milliseconds timeout,
                           const obs::Tracer* tracer = nullptr);

}  // namespace vitrine::notify
