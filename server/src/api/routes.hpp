#pragma once
// Route registration, one function per resource file in api/.

#include <string>

namespace vitrine::http {
class Router;
}
namespace vitrine::obs {
class MetricsRegistry;
class Readiness;
}  // namespace vitrine::obs

namespace vitrine::api {

struct VersionInfo {
  std::string version;
  std::string commit;
  std::string build_time;
};

// GET /healthz (liveness, touches nothing) and GET /readyz (runs the readiness checks).
void add_health_routes(http::Router& router, const obs::Readiness& readiness);
// GET /metrics in the Prometheus text format 0.0.4.
void add_metrics_routes(http::Router& router, const obs::MetricsRegistry& metrics);
// GET /api/v1/version.
void add_version_routes(http::Router& router, const VersionInfo& info);
// GET /api/v1/openapi.json (the contract), GET /docs (Redoc, served from the binary).
void add_docs_routes(http::Router& router);
// GET /: the landing page until the dashboard arrives.
void add_home_routes(http::Router& router, const VersionInfo& info);

}  // namespace vitrine::api
