#include <chrono>

#include "http/middleware/middlewares.hpp"

namespace vitrine::http {

Response AccessLogMiddleware::handle(Request& request, const Next& next) {
  const obs::LogContext context{request.request_id, request.trace.trace_id, request.trace.span_id};
  const obs::ScopedLogContext scope(context);
  Response response = next(request);
  const obs::Level level = response.status() >= 500 ? obs::Level::kWarn : obs::Level::kInfo;
  if (log_.enabled(level)) {
    const std::chrono::duration<double, std::milli> took =
        std::chrono::steady_clock::now() - request.received_at;
    log_.log(level, "request",
             {{"method", request.method_text},
              {"path", request.path},
              {"query", request.query},
              {"route", request.route},
              {"status", response.status()},
              {"duration_ms", took.count()},
              {"bytes_in", request.body.size()},
              {"bytes_out", response.body().size()},
              {"remote", request.remote_address},
              {"user_agent", request.header("User-Agent").value_or("")}});
  }
  return response;
}

}  // namespace vitrine::http
