#pragma once
// /api/v1/slos: service level objectives on monitors (list, read with the report, create,
// merge-patch, delete) and its Prometheus rules (GET .../prometheus-rules). Viewers read,
// editors write. The report (SLI, error budget, burn rates, state) is computed from the
// monitor's rollups on every read of one SLO.

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

struct SlosDeps {
  store::Store& store;
  checks::MonitorControl& control;  // told after every committed write (SLO counters)
};

void add_slo_routes(http::Router& router, const SlosDeps& deps);

}  // namespace vitrine::api
