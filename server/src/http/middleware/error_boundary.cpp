#include "http/middleware/middlewares.hpp"
#include "http/problem.hpp"

namespace vitrine::http {

Response ErrorBoundaryMiddleware::handle(Request& request, const Next& next) {
  try {
    return next(request);
  } catch (const ProblemError& e) {
    return problem_response(e.type(), e.detail(), request);
  } catch (const std::exception& e) {
    log_.error("unhandled error in handler", {{"route", request.route}, {"error", e.what()}});
  } catch (...) {
    log_.error("unhandled non-standard exception in handler", {{"route", request.route}});
  }
  // Internals stay in the log; the client gets the request id to quote.
  return problem_response(problems::kInternal,
                          "An internal error occurred. Quote the request_id when reporting it.",
                          request);
}

}  // namespace vitrine::http
