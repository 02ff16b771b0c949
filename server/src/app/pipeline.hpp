#pragma once
// Assembles the middleware chain in front of the router: the one place that says in which
// order every request passes through request id, tracing, logging, metrics, security
// headers, CORS, error mapping and authentication.

#include <memory>

#include "http/middleware/middleware.hpp"

namespace vitrine::auth {
class Authenticator;
}
namespace vitrine::config {
struct Config;
}
namespace vitrine::obs {
class HttpMetrics;
class Logger;
class Tracer;
}  // namespace vitrine::obs
namespace vitrine::store {
class AuditStore;
}

namespace vitrine::app {

// Store failures become problems through api::store_problem; `authenticator` establishes
// who asks, and the permission table decides, before any handler runs; failed writes are
// recorded in `audit_log` (successful ones by their handlers).
std::unique_ptr<http::Pipeline> make_pipeline(const config::Config& config,
                                              const http::Router& router, const obs::Logger& logger,
                                              obs::HttpMetrics& metrics, const obs::Tracer& tracer,
                                              const auth::Authenticator& authenticator,
                                              store::AuditStore& audit_log);

}  // namespace vitrine::app
