#pragma once
// /api/v1/notification-channels: where incident notifications go (list, read, create,
// merge-patch, delete, and POST .../test to send a test message now), and
// /api/v1/notification-deliveries: every message and its tries (the delivery log).
// Admins only: a channel holds secrets and makes the server call out.

#include <chrono>

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}
namespace vitrine::notify {
class ChannelSecrets;
}

namespace vitrine::api {

struct NotificationDeps {
  store::Store& store;
  const notify::ChannelSecrets* secrets;  // null without VITRINE_DATA_KEY: no channels then
  std::chrono::milliseconds timeout;      // VITRINE_NOTIFY_TIMEOUT, for test messages
};

void add_notification_channel_routes(http::Router& router, const NotificationDeps& deps);
void add_notification_delivery_routes(http::Router& router, store::Store& store);

}  // namespace vitrine::api
