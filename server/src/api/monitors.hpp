#pragma once
// /api/v1/monitors: synthetic checks (list, read, create, merge-patch, delete), a check run
// now (POST .../test) and the stored results (GET .../results). Viewers read, editors write.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/audit.hpp"
#include "domain/monitor.hpp"

namespace vitrine::http {
class Router;
struct Request;
}  // namespace vitrine::http
namespace vitrine::store {
class Store;
class MonitorStore;
}  // namespace vitrine::store
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

// Creates a monitor from a client document as POST /api/v1/monitors does: validated (422
// problem otherwise), stored with `audit` (its target id set here). The caller tells the
// checks. `push_secret`: a push monitor's heartbeat secret, shown once; empty otherwise.
struct NewMonitor {
  domain::Monitor monitor;
  std::string push_secret;
};
NewMonitor create_monitor(store::Store& store, std::int64_t min_interval_s,
                          const nlohmann::json& doc, domain::AuditEvent audit);

// The monitor the path's {id} names (read on the blocking pool); 404 not-found otherwise.
domain::Monitor load_monitor(const http::Request& request, store::MonitorStore& monitors);

}  // namespace vitrine::api
