#pragma once
// GET /api/v1/status: everything the public status page needs in one call: the overall
// state, and per project its enabled public monitors with their state and 24-hour uptime.
// Public. The document is built at most once per `refresh` (VITRINE_STATUS_REFRESH) and
// shared by every request meanwhile, so 10,000 monitors cost one build, not one per
// visitor (docs/benchmarks-checks.md); a request that finds it stale rebuilds it while
// the others keep getting the previous one. Each monitor carries its SLOs' state and budget
// from the last minute's evaluation (slo/evaluations.hpp): no SQL for them here.

#include <chrono>

namespace vitrine::http {
class Router;
}
namespace vitrine::store {
class Store;
}
namespace vitrine::slo {
class Evaluations;
}

namespace vitrine::api {

void add_status_routes(http::Router& router, store::Store& store, const slo::Evaluations& slos,
                       std::chrono::milliseconds refresh);

}  // namespace vitrine::api
