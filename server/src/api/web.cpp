#include <fmt/format.h>

#include <array>
#include <memory>

#include "api/etag.hpp"
#include "api/routes.hpp"
#include "http/middleware/middlewares.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "webapp/assets.hpp"

namespace vitrine::api {
namespace {

using http::Request;
using http::Response;

// The dashboard's own paths (web/src/routes.ts): each answers with index.html and the
// browser renders the page. Kept in step with the client's router and api/openapi.yaml.
constexpr std::array<std::string_view, 6> kAppPaths{
    "/", "/status", "/projects/{slug}", "/admin", "/admin/{page}", "/admin/{page}/{id}"};

// Served when the binary was built without the dashboard (-DVITRINE_WEB=OFF) and no
// VITRINE_WEB_DIR is set: a static page with no scripts.
constexpr std::string_view kPlainPage = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vitrine</title>
</head>
<body>
<main>
<h1>Vitrine {version}</h1>
<p>The server is running, built without the dashboard (set VITRINE_WEB_DIR to a built
<code>web/</code>, or build with the default -DVITRINE_WEB=ON). The API serves the portfolio:</p>
<ul>
<li><a href="/api/v1/projects">/api/v1/projects</a>: the portfolio's projects</li>
<li><a href="/api/v1/status">/api/v1/status</a>: the status document</li>
<li><a href="/docs">/docs</a>: the API reference</li>
<li><a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a></li>
</ul>
<p>Commit <code>{commit}</code>, built {build_time}.</p>
</main>
</body>
</html>
)";

Response serve(const Request& request, const std::shared_ptr<const webapp::Asset>& asset,
               std::string_view cache_control, bool page = false) {
  Response res = shared_representation(request, asset, asset->content_type, asset->body,
                                       asset->gzipped, asset->etag);
  res.add_header("Cache-Control", cache_control);
  if (page) {
    // Also on the 304: the browser keeps its headers with the cached page (without this,
    // a revalidated page would come back under the API's default-src 'none').
    res.add_header("Content-Security-Policy", http::kPageSecurityPolicy);
  }
  return res;
}

std::string plain_page(const VersionInfo& info) {
  return fmt::format(fmt::runtime(kPlainPage), fmt::arg("version", info.version),
                     fmt::arg("commit", info.commit), fmt::arg("build_time", info.build_time));
}

}  // namespace

void add_web_routes(http::Router& router, const std::shared_ptr<const webapp::Assets>& assets,
                    const VersionInfo& info) {
  // A file of the build, or a 404 problem (always, without a dashboard).
  const auto file = [assets](const std::string& path) {
    auto asset = assets ? assets->find(path) : nullptr;
    if (!asset) {
      throw http::ProblemError(http::problems::kNotFound,
                               fmt::format("No file '{}' in the dashboard.", path.substr(0, 80)));
    }
    return asset;
  };
  router.add(http::Method::kGet, "/assets/{file}", [file](const Request& r) {
    // Named by their content hash: never changed under their names.
    return serve(r, file("assets/" + *r.param("file")), "public, max-age=31536000, immutable");
  });
  router.add(http::Method::kGet, "/favicon.svg", [file](const Request& r) {
    return serve(r, file("favicon.svg"), "public, max-age=86400");
  });

  const std::shared_ptr<const webapp::Asset> shell = assets ? assets->find("index.html") : nullptr;
  for (const std::string_view path : kAppPaths) {
    if (shell) {
      // The shell names the hashed bundles of this build: revalidated at every load, so a
      // new release is picked up at once.
      router.add(http::Method::kGet, path,
                 [shell](const Request& r) { return serve(r, shell, "no-cache", true); });
    } else {
      router.add(http::Method::kGet, path, [page = plain_page(info)](const Request&) {
        return Response(200, "text/html; charset=utf-8", page);
      });
    }
  }
}

}  // namespace vitrine::api
