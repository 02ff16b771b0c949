#include "http/middleware/middlewares.hpp"

namespace vitrine::http {
namespace {

constexpr std::string_view kApiPolicy = "default-src 'none'; frame-ancestors 'none'";

}  // namespace

Response SecurityHeadersMiddleware::handle(Request& request, const Next& next) {
  Response response = next(request);
  response.add_header("X-Content-Type-Options", "nosniff");
  response.add_header("Referrer-Policy", "no-referrer");
  response.add_header("X-Frame-Options", "DENY");
  const bool page = response.content_type().starts_with("text/html");
  // A handler may set a policy of its own (the API docs need inline styles).
  if (!response.header("Content-Security-Policy")) {
    response.add_header("Content-Security-Policy", page ? kPageSecurityPolicy : kApiPolicy);
  }
  if (hsts_) {
    response.add_header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

}  // namespace vitrine::http
