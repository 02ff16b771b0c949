#include <string>

#include "http/middleware/middlewares.hpp"

namespace vitrine::http {

Response TraceMiddleware::handle(Request& request, const Next& next) {
  request.trace = make_trace_context(request.header("traceparent"));
  // Parent-based: a caller's decision is kept; a trace that starts here is sampled by ratio.
  const std::optional<bool> remote =
      request.trace.parent_span_id.empty() ? std::nullopt : std::optional(request.trace.sampled);
  request.trace.sampled = tracer_.sampled(request.trace.trace_id, remote);
  if (!tracer_.enabled() || !request.trace.sampled) {
    return next(request);  // the hot path when tracing is off: no span, no copies
  }
  obs::Span span = tracer_.start(std::string(to_string(request.method)), obs::SpanKind::kServer,
                                 request.trace.trace_id, request.trace.span_id,
                                 request.trace.parent_span_id, true);
  Response response;
  {
    const obs::ScopedSpan scope(span);
    try {
      response = next(request);
    } catch (const OffloadRequired&) {
      span.discard();  // the request runs again, from the start, on the blocking pool
      throw;
    }
  }
  // OpenTelemetry's HTTP server conventions: "{method} {route}", the route template only.
  const std::string method(to_string(request.method));
  if (request.route != kUnmatchedRoute) {
    span.set_name(method + " " + std::string(request.route));
    span.set("http.route", std::string(request.route));
  }
  span.set("http.request.method", method);
  span.set("http.response.status_code", std::int64_t{response.status()});
  span.set("url.path", std::string(request.path));
  span.set("url.scheme", std::string("http"));
  span.set("network.protocol.version", std::string(request.http10 ? "1.0" : "1.1"));
  span.set("client.address", std::string(request.remote_address));
  span.set("http.request.body.size", static_cast<std::int64_t>(request.body.size()));
  span.set("http.response.body.size", static_cast<std::int64_t>(response.body().size()));
  if (const auto agent = request.header("User-Agent")) {
    span.set("user_agent.original", std::string(*agent));
  }
  // Server spans: only 5xx is an error (a 4xx is the client's).
  if (response.status() >= 500) {
    span.set("error.type", std::to_string(response.status()));
    span.set_status(obs::SpanStatus::kError);
  }
  return response;
}

}  // namespace vitrine::http
