#include "notify/channel_secrets.hpp"

namespace vitrine::notify {
namespace {

std::string owner(const domain::NotificationChannel& c, std::string_view what) {
  return c.id + "/" + std::string(what);
}

}  // namespace

void ChannelSecrets::seal(domain::NotificationChannel& channel, std::string_view url,
                          std::string_view secret) const {
  channel.url_sealed = key_.seal(url, owner(channel, "url"));
  channel.secret_sealed = secret.empty() ? "" : key_.seal(secret, owner(channel, "secret"));
  channel.url_origin = domain::url_origin(url);
}

std::optional<OpenedChannel> ChannelSecrets::open(
    const domain::NotificationChannel& channel) const {
  OpenedChannel opened;
  auto url = key_.open(channel.url_sealed, owner(channel, "url"));
  if (!url) {
    return std::nullopt;
  }
  opened.url = std::move(*url);
  if (!channel.secret_sealed.empty()) {
    auto secret = key_.open(channel.secret_sealed, owner(channel, "secret"));
    if (!secret) {
      return std::nullopt;
    }
    opened.secret = std::move(*secret);
  }
  return opened;
}

}  // namespace vitrine::notify
