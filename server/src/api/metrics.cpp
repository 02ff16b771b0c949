#include "obs/metrics.hpp"
#include "api/routes.hpp"
#include "http/router.hpp"

namespace vitrine::api {

void add_metrics_routes(http::Router& router, const obs::MetricsRegistry& metrics) {
  router.add(http::Method::kGet, "/metrics", [&metrics](const http::Request&) {
    http::Response res(200, std::string(obs::kMetricsContentType), metrics.render());
    res.add_header("Cache-Control", "no-store");
    return res;
  });
}

}  // namespace vitrine::api
