#include "http/middleware/middlewares.hpp"
#include "http/problem.hpp"

namespace vitrine::http {

Response ErrorBoundaryMiddleware::handle(Request& request, const Next& next) {
  try {
    return next(request);
  } catch (const OffloadRequired&) {
    throw;  // not an error: the server runs the request again on the blocking pool
  } catch (const ProblemError& e) {
    return problem_response(e.type(), e.detail(), request, e.extensions());
  } catch (const std::exception& e) {
    if (translate_) {
      if (auto problem = translate_(e)) {
        if (problem->type().status >= 500) {
          log_.warn(
              "request failed",
              {{"route", request.route}, {"problem", problem->type().slug}, {"error", e.what()}});
        }
        return problem_response(problem->type(), problem->detail(), request, problem->extensions());
      }
    }
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
