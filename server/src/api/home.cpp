#include <fmt/format.h>

#include "api/routes.hpp"
#include "http/router.hpp"

namespace vitrine::api {
namespace {

// Static, self-contained page (no scripts, inline styles are avoided for the strict CSP).
constexpr std::string_view kPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vitrine</title>
</head>
<body>
<main>
<h1>Vitrine {version}</h1>
<p>The server is running. The dashboard arrives with a later release; until then the
portfolio is served by the API:</p>
<ul>
<li><a href="/api/v1/projects">/api/v1/projects</a>: the portfolio's projects</li>
<li><a href="/docs">/docs</a>: the API reference</li>
<li><a href="/healthz">/healthz</a>: liveness</li>
<li><a href="/readyz">/readyz</a>: readiness of every dependency</li>
<li><a href="/metrics">/metrics</a>: Prometheus metrics</li>
<li><a href="/api/v1/version">/api/v1/version</a>: version, commit and build time</li>
</ul>
<p>Commit <code>{commit}</code>, built {build_time}.</p>
</main>
</body>
</html>
)";

}  // namespace

void add_home_routes(http::Router& router, const VersionInfo& info) {
  const std::string page =
      fmt::format(fmt::runtime(kPage), fmt::arg("version", info.version),
                  fmt::arg("commit", info.commit), fmt::arg("build_time", info.build_time));
  router.add(http::Method::kGet, "/", [page](const http::Request&) {
    return http::Response(200, "text/html; charset=utf-8", page);
  });
}

}  // namespace vitrine::api
