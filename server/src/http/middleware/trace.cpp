#include "http/middleware/middlewares.hpp"

namespace vitrine::http {

Response TraceMiddleware::handle(Request& request, const Next& next) {
  request.trace = make_trace_context(request.header("traceparent"));
  return next(request);
}

}  // namespace vitrine::http
