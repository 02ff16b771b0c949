#include <chrono>

#include "http/middleware/middlewares.hpp"
#include "obs/metrics.hpp"

namespace vitrine::http {

Response MetricsMiddleware::handle(Request& request, const Next& next) {
  metrics_.request_started();
  Response response;
  try {
    response = next(request);  // the error boundary inside guarantees a response...
  } catch (const OffloadRequired&) {
    metrics_.request_abandoned();  // ...or the request runs again on the blocking pool
    throw;
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - request.received_at;
  metrics_.request_finished(request.method, request.route, response.status(), took.count());
  return response;
}

}  // namespace vitrine::http
