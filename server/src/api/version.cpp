#include <nlohmann/json.hpp>

#include "api/routes.hpp"
#include "http/router.hpp"

namespace vitrine::api {

void add_version_routes(http::Router& router, const VersionInfo& info) {
  // The body never changes while the process runs: serialize once.
  const std::string body = nlohmann::json{
      {"version", info.version},
      {"commit", info.commit},
      {"build_time",
       info.build_time}}.dump();
  router.add(http::Method::kGet, "/api/v1/version",
             [body](const http::Request&) { return http::Response::json(200, body); });
}

}  // namespace vitrine::api
