#include <algorithm>
#include <array>

#include "http/middleware/middlewares.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "util/text.hpp"

namespace vitrine::http {
namespace {

// Request headers a cross-origin caller may send (beyond the CORS-safelisted ones).
constexpr std::array<std::string_view, 11> kAllowedHeaders = {
    "accept",        "accept-language", "content-language", "content-type",
    "authorization", "if-match",        "if-none-match",    "x-request-id",
    "traceparent",   "tracestate",      "x-csrf-token"};
constexpr std::string_view kExposedHeaders = "X-Request-Id, ETag, Location, Retry-After";
constexpr std::string_view kMaxAge = "600";

// The first requested header that is not allowed, or empty.
std::string_view first_disallowed_header(std::string_view list) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view name = util::trim(list.substr(0, comma));
    if (!name.empty() &&
        std::none_of(kAllowedHeaders.begin(), kAllowedHeaders.end(),
                     [&](std::string_view allowed) { return util::iequals(name, allowed); })) {
      return name;
    }
    if (comma == std::string_view::npos) {
      break;
    }
    list.remove_prefix(comma + 1);
  }
  return {};
}

bool method_listed(std::string_view allow, std::string_view method) {
  while (!allow.empty()) {
    const std::size_t comma = allow.find(',');
    if (util::trim(allow.substr(0, comma)) == method) {
      return true;
    }
    if (comma == std::string_view::npos) {
      break;
    }
    allow.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

CorsMiddleware::CorsMiddleware(std::vector<std::string> origins, const Router& router)
    : origins_(std::move(origins)),
      any_origin_(std::find(origins_.begin(), origins_.end(), "*") != origins_.end()),
      router_(router) {}

bool CorsMiddleware::allowed(std::string_view origin) const {
  return any_origin_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

void CorsMiddleware::decorate(Response& response, std::string_view origin) const {
  if (any_origin_) {
    // Never "*" together with credentials: the wildcard answers without them.
    response.add_header("Access-Control-Allow-Origin", "*");
  } else {
    response.add_header("Access-Control-Allow-Origin", origin);
    response.add_header("Access-Control-Allow-Credentials", "true");
    response.add_header("Vary", "Origin");
  }
}

Response CorsMiddleware::preflight(Request& request, std::string_view origin,
                                   const Next& next) const {
  const Router::Match match = router_.match(Method::kOptions, request.path);
  if (match.route == nullptr) {
    return next(request);  // 404 from the router
  }
  request.route = match.route->pattern;
  const std::string_view method = *request.header("Access-Control-Request-Method");
  if (!method_listed(match.route->allow, method)) {
    Response res =
        problem_response(problems::kCorsRejected,
                         "Method " + std::string(method) +
                             " is not allowed here; allowed: " + match.route->allow + ".",
                         request);
    decorate(res, origin);
    return res;
  }
  const std::string_view requested = request.header("Access-Control-Request-Headers").value_or("");
  if (const std::string_view bad = first_disallowed_header(requested); !bad.empty()) {
    Response res = problem_response(
        problems::kCorsRejected,
        "Request header " + std::string(bad) + " is not allowed in cross-origin requests.",
        request);
    decorate(res, origin);
    return res;
  }
  Response res = Response::empty(204);
  decorate(res, origin);
  res.add_header("Access-Control-Allow-Methods", match.route->allow);
  if (!requested.empty()) {
    res.add_header("Access-Control-Allow-Headers", requested);
  }
  res.add_header("Access-Control-Max-Age", kMaxAge);
  return res;
}

Response CorsMiddleware::handle(Request& request, const Next& next) {
  const auto origin = request.header("Origin");
  if (!origin) {
    return next(request);  // same-origin or not a browser
  }
  const bool is_preflight =
      request.method == Method::kOptions && request.header("Access-Control-Request-Method");
  if (!allowed(*origin)) {
    if (is_preflight) {
      return problem_response(problems::kCorsRejected,
                              "Origin " + std::string(*origin) +
                                  " is not allowed; allowed origins are set by "
                                  "VITRINE_CORS_ORIGINS.",
                              request);
    }
    // Served without CORS headers: the browser keeps the response from the page.
    return next(request);
  }
  if (is_preflight) {
    return preflight(request, *origin, next);
  }
  Response response = next(request);
  decorate(response, *origin);
  response.add_header("Access-Control-Expose-Headers", kExposedHeaders);
  return response;
}

}  // namespace vitrine::http
