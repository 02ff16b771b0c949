#pragma once
// Route registration, one function per resource file in api/.

#include <memory>
#include <string>

namespace vitrine::http {
class Router;
}
namespace vitrine::obs {
class MetricsRegistry;
class Readiness;
}  // namespace vitrine::obs

namespace vitrine::webapp {
class Assets;
}

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
// POST /api/v1/markdown: markdown rendered as project bodies are (the editors' live
// preview; nothing is stored).
void add_markdown_preview_routes(http::Router& router);
// The dashboard (web/): index.html for each of its pages ("/", "/status", "/admin/..."),
// its hashed bundles under /assets/ (cached for a year) and the favicon. Without assets (a
// build with -DVITRINE_WEB=OFF and no VITRINE_WEB_DIR), a plain page that links the API.
void add_web_routes(http::Router& router, const std::shared_ptr<const webapp::Assets>& assets,
                    const VersionInfo& info);

}  // namespace vitrine::api
