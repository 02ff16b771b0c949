#pragma once
// /api/v1/monitors: synthetic checks (list, read, create, merge-patch, delete), a check run
// now (POST .../test) and the stored results (GET .../results). Viewers read, editors write.

#include <cstdint>

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}
namespace vitrine::checks {
class MonitorControl;
}

namespace vitrine::api {

struct MonitorsDeps {
  store::Store& store;
  checks::MonitorControl& control;  // told after every committed write; runs test checks
  std::int64_t min_interval_s;      // VITRINE_MONITOR_MIN_INTERVAL
};

void add_monitor_routes(http::Router& router, const MonitorsDeps& deps);

}  // namespace vitrine::api
