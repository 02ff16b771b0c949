#include <array>

#include "api/json_body.hpp"
#include "api/notification_json.hpp"
#include "api/notifications.hpp"
#include "api/paging.hpp"
#include "api/query.hpp"
#include "api/store_problems.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace vitrine::api {
namespace {

using http::Request;
using http::Response;

constexpr std::string_view kCollection = "/api/v1/notification-deliveries";

Response list(store::Store& store, const Request& request) {
  static constexpr std::array<std::string_view, 5> kAccepted{"channel_id", "incident_id", "state",
                                                             "limit", "cursor"};
  const QueryParams params(request.query, kAccepted);
  store::DeliveryQuery query;
  query.channel_id = params.uuid("channel_id", "notification channel");
  query.incident_id = params.uuid("incident_id", "incident");
  if (const auto state = params.get("state")) {
    query.state = domain::parse_delivery_state(*state);
    if (!query.state) {
      invalid_parameter("state", "unknown state", "pending, delivered or failed");
    }
  }
  query.limit = page_limit(params);
  query.after = params.id_cursor();
  http::require_blocking(request);
  const store::DeliveryPage page = store.notifications().list_deliveries(query);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const domain::Delivery& d : page.items) {
    items.push_back(delivery_json(d, false));
  }
  return page_response(params, kCollection, std::move(items),
                       page.has_more ? std::optional(page.items.back().id) : std::nullopt);
}

Response get(store::Store& store, const Request& request) {
  const std::string& id = *request.param("id");
  if (!domain::looks_like_uuid(id)) {
    resource_not_found("notification delivery", id);
  }
  http::require_blocking(request);
  const auto delivery = store.notifications().find_delivery(id);
  if (!delivery) {
    resource_not_found("notification delivery", id);
  }
  Response res = Response::json(200, json_text(delivery_json(*delivery, true)));
  res.add_header("Cache-Control", "private, no-cache");
  return res;
}

}  // namespace

void add_notification_delivery_routes(http::Router& router, store::Store& store) {
  const std::string collection(kCollection);
  router.add(http::Method::kGet, collection, [&store](const Request& r) { return list(store, r); });
  router.add(http::Method::kGet, collection + "/{id}",
             [&store](const Request& r) { return get(store, r); });
}

}  // namespace vitrine::api
