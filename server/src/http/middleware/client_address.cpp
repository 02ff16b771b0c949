#include "http/client_address.hpp"
#include "http/middleware/middlewares.hpp"
#include "util/text.hpp"

namespace vitrine::http {

Response ClientAddressMiddleware::handle(Request& request, const Next& next) {
  if (trusted_.empty()) {
    return next(request);
  }
  std::vector<std::string_view> forwarded_for;
  for (const Header& h : request.headers) {
    if (util::iequals(h.name, "X-Forwarded-For")) {
      forwarded_for.push_back(h.value);
    }
  }
  // The views point into the request's own buffers or the connection's peer address, which
  // outlive this call and so every middleware and handler below it.
  request.remote_address = client_address(request.remote_address, forwarded_for, trusted_);
  return next(request);
}

}  // namespace vitrine::http
