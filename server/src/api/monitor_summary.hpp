#pragma once
// GET /api/v1/monitors/{id}/summary?window=24h|7d|30d|90d: the monitor's figures over the
// window and its buckets for the uptime bars (domain/summary.hpp), from hour rollups.
// Public monitors are readable by anyone (the portfolio shows them); others by readers.

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}

namespace vitrine::api {

void add_monitor_summary_routes(http::Router& router, store::Store& store);

}  // namespace vitrine::api
