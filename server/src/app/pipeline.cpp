#include "app/pipeline.hpp"

#include "api/store_problems.hpp"
#include "audit/audit_middleware.hpp"
#include "auth/auth_middleware.hpp"
#include "config/config.hpp"
#include "http/middleware/middlewares.hpp"
#include "http/router.hpp"

namespace vitrine::app {

std::unique_ptr<http::Pipeline> make_pipeline(const config::Config& config,
                                              const http::Router& router, const obs::Logger& logger,
                                              obs::HttpMetrics& metrics, const obs::Tracer& tracer,
                                              const auth::Authenticator& authenticator,
                                              store::AuditStore& audit_log) {
  std::vector<std::unique_ptr<http::Middleware>> chain;
  // Outermost first. The client's address (behind trusted proxies) and ids come before
  // anything that logs; the access log and metrics wrap everything below them so they see
  // the final status, including mapped errors.
  chain.push_back(std::make_unique<http::ClientAddressMiddleware>(config.trusted_proxies));
  chain.push_back(std::make_unique<http::RequestIdMiddleware>());
  chain.push_back(std::make_unique<http::TraceMiddleware>(tracer));
  chain.push_back(std::make_unique<http::AccessLogMiddleware>(logger));
  chain.push_back(std::make_unique<http::MetricsMiddleware>(metrics));
  chain.push_back(
      std::make_unique<http::SecurityHeadersMiddleware>(config.public_url.starts_with("https://")));
  chain.push_back(std::make_unique<http::CorsMiddleware>(config.cors_origins, router));
  chain.push_back(std::make_unique<http::ErrorBoundaryMiddleware>(logger, api::store_problem));
  // Inside the error boundary, outside authentication: refused writes are recorded too.
  chain.push_back(std::make_unique<audit::AuditMiddleware>(audit_log, api::store_problem, logger));
  // Inside the error boundary: its 401 and 403 become problem responses like any other.
  chain.push_back(std::make_unique<auth::AuthMiddleware>(router, authenticator, logger));
  return std::make_unique<http::Pipeline>(std::move(chain), router);
}

}  // namespace vitrine::app
