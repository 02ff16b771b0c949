#include <nlohmann/json.hpp>

#include "api/routes.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "obs/readiness.hpp"

namespace vitrine::api {

void add_health_routes(http::Router& router, const obs::Readiness& readiness) {
  router.add(http::Method::kGet, "/healthz", [](const http::Request&) {
    http::Response res = http::Response::json(200, R"({"status":"ok"})");
    res.add_header("Cache-Control", "no-store");
    return res;
  });
  router.add(http::Method::kGet, "/readyz", [&readiness](const http::Request& request) {
    http::require_blocking(request);  // checks talk to the database
    const obs::Readiness::Report report = readiness.run();
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& c : report.checks) {
      nlohmann::json item = {{"name", c.name},
                             {"status", c.ok ? "ok" : "failing"},
                             {"latency_ms", c.seconds * 1000.0}};
      if (!c.detail.empty()) {
        item["detail"] = c.detail;
      }
      checks.push_back(std::move(item));
    }
    http::Response res;
    if (report.ok) {
      res = http::Response::json(200, nlohmann::json{{"status", "ok"}, {"checks", checks}}.dump());
    } else {
      const nlohmann::json ext = {{"checks", checks}};
      res = http::problem_response(http::problems::kNotReady,
                                   "A dependency check is failing; see checks.", request, &ext);
    }
    res.add_header("Cache-Control", "no-store");
    return res;
  });
}

}  // namespace vitrine::api
