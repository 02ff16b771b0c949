#pragma once
// Every route of the server, registered in one place: `serve` uses it, and a unit test
// checks it against the permission table (auth/permissions.cpp) so no route goes without
// a rule.

#include <chrono>
#include <cstdint>

#include "api/routes.hpp"

namespace vitrine::api {
class InvalidationBus;
class ResponseCache;
}  // namespace vitrine::api
namespace vitrine::obs {
class Logger;
class MetricsRegistry;
class Readiness;
}  // namespace vitrine::obs
namespace vitrine::store {
class Store;
}
namespace vitrine::checks {
class MonitorControl;
}
namespace vitrine::notify {
class ChannelSecrets;
}
namespace vitrine::slo {
class Evaluations;
}

namespace vitrine::app {

struct Identity;

struct RouterDeps {
  const api::VersionInfo& version;
  const obs::Readiness& readiness;
  const obs::MetricsRegistry& metrics;
  store::Store& store;
  api::ResponseCache& cache;
  api::InvalidationBus& bus;
  const Identity& identity;
  const obs::Logger& log;
  checks::MonitorControl& monitors;
  std::int64_t monitor_min_interval_s;
  std::chrono::milliseconds status_refresh;             // VITRINE_STATUS_REFRESH
  const slo::Evaluations& slos;                         // the status document's SLO badges
  const notify::ChannelSecrets* channel_secrets;        // null without VITRINE_DATA_KEY
  std::chrono::milliseconds notify_timeout;             // VITRINE_NOTIFY_TIMEOUT
  std::shared_ptr<const webapp::Assets> web = nullptr;  // the dashboard; null or empty: none
};

void add_all_routes(http::Router& router, const RouterDeps& deps);

}  // namespace vitrine::app
