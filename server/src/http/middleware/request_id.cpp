#include <algorithm>

#include "http/middleware/middlewares.hpp"
#include "obs/ids.hpp"

namespace vitrine::http {

bool RequestIdMiddleware::is_acceptable(std::string_view id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
  });
}

Response RequestIdMiddleware::handle(Request& request, const Next& next) {
  const auto given = request.header("X-Request-Id");
  request.request_id = given && is_acceptable(*given) ? std::string(*given) : obs::random_hex(16);
  Response response = next(request);
  response.add_header("X-Request-Id", request.request_id);
  return response;
}

}  // namespace vitrine::http
