#pragma once
// /api/v1/slos: service level objectives on monitors (list, read with the report, create,
// merge-patch, delete) and its Prometheus rules (GET .../prometheus-rules). Viewers read,
// editors write. The report (SLI, error budget, burn rates, state) is computed from the
// monitor's rollups on every read of one SLO; the public reads one of an enabled public
// monitor.

#include <nlohmann/json.hpp>

#include "domain/audit.hpp"
#include "domain/slo.hpp"

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

// Creates an SLO from a client document as POST /api/v1/slos does: validated (422 problem
// otherwise, also when the monitor does not exist), stored with `audit` (its target id set
// here). The caller tells the checks.
domain::Slo create_slo(store::Store& store, const nlohmann::json& doc, domain::AuditEvent audit);

}  // namespace vitrine::api
