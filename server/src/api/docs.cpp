#include <string_view>

#include "api/routes.hpp"
#include "http/router.hpp"
#include "util/embedded.hpp"

namespace vitrine::api {
namespace {

// Redoc renders the contract in the browser. Everything is served from the binary: no CDN.
constexpr std::string_view kDocsPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vitrine API reference</title>
</head>
<body>
<redoc spec-url="/api/v1/openapi.json"></redoc>
<script src="/docs/redoc.standalone.js"></script>
</body>
</html>
)";

// Redoc styles with inline <style> elements and runs its search index in a blob: worker;
// everything else stays as strict as the other pages.
constexpr std::string_view kDocsPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string_view embedded_file(std::string_view name) {
  for (const embedded::File& f : embedded::api_docs()) {
    if (f.path == name) {
      return f.content;
    }
  }
  return {};
}

http::Response immutable_asset(std::string content_type, std::string_view body) {
  http::Response res(200, std::move(content_type), std::string(body));
  res.add_header("Cache-Control", "public, max-age=3600");
  return res;
}

}  // namespace

void add_docs_routes(http::Router& router) {
  const std::string_view spec = embedded_file("openapi.json");
  const std::string_view redoc = embedded_file("redoc.standalone.js");
  router.add(http::Method::kGet, "/api/v1/openapi.json",
             [spec](const http::Request&) { return immutable_asset("application/json", spec); });
  router.add(http::Method::kGet, "/docs/redoc.standalone.js", [redoc](const http::Request&) {
    return immutable_asset("text/javascript; charset=utf-8", redoc);
  });
  router.add(http::Method::kGet, "/docs", [](const http::Request&) {
    http::Response res(200, "text/html; charset=utf-8", std::string(kDocsPage));
    res.add_header("Content-Security-Policy", kDocsPolicy);
    return res;
  });
}

}  // namespace vitrine::api
