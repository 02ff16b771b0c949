#pragma once
// A channel's URL and signing secret at rest: sealed with VITRINE_DATA_KEY
// (auth/sealed_box.hpp), bound to the channel's id and to which of the two it is, so a
// sealed value copied to another row or column does not open.

#include <optional>
#include <string>
#include <string_view>

#include "auth/sealed_box.hpp"
#include "domain/notification.hpp"

namespace vitrine::notify {

struct OpenedChannel {
  std::string url;
  std::string secret;  // empty: none (Slack)
};

class ChannelSecrets {
 public:
  explicit ChannelSecrets(auth::DataKey key) : key_(key) {}

  // Seals `url` and `secret` into `channel` (its id set) and sets its url_origin.
  void seal(domain::NotificationChannel& channel, std::string_view url,
            std::string_view secret) const;
  // nullopt when they were sealed under another key (VITRINE_DATA_KEY changed).
  [[nodiscard]] std::optional<OpenedChannel> open(const domain::NotificationChannel& channel) const;

 private:
  auth::DataKey key_;
};

}  // namespace vitrine::notify
