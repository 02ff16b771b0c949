#include "audit/audit_middleware.hpp"

#include "audit/request_audit.hpp"
#include "http/problem.hpp"
#include "store/store.hpp"

namespace vitrine::audit {

AuditMiddleware::AuditMiddleware(store::AuditStore& store,
                                 http::ErrorBoundaryMiddleware::Translator translate,
                                 const obs::Logger& logger)
    : store_(store), translate_(std::move(translate)), log_(logger.child("audit")) {}

http::Response AuditMiddleware::handle(http::Request& request, const http::Next& next) {
  if (!http::changes_state(request.method)) {
    return next(request);
  }
  // The server runs writes on the blocking pool from the start (http/server.cpp): a
  // refusal is recorded where it happens. This only guards that assumption.
  http::require_blocking(request);
  try {
    http::Response response = next(request);
    if (response.status() >= 400) {
      const http::ProblemType generic{"", response.status(), ""};
      record_failure(request, generic);
    }
    return response;
  } catch (const http::OffloadRequired&) {
    throw;
  } catch (const http::ProblemError& e) {
    if (!e.audited()) {
      record_failure(request, e.type());
    }
    throw;
  } catch (const std::exception& e) {
    const auto problem = translate_ ? translate_(e) : std::nullopt;
    record_failure(request, problem ? problem->type() : http::problems::kInternal);
    throw;
  } catch (...) {
    record_failure(request, http::problems::kInternal);
    throw;
  }
}

void AuditMiddleware::record_failure(const http::Request& request,
                                     const http::ProblemType& problem) const {
  domain::AuditEvent e = record_for(request, "", "");
  if (e.action.empty()) {
    return;  // 404 and 405 from the router: no route, nothing was attempted
  }
  if (!request.params.empty()) {
    // The object the route addresses ({ref}, {id}), as the client named it.
    e.target_id = request.params.front().value;
    e.target_type = e.action.substr(0, e.action.find('.'));
  }
  e.outcome = problem.status == 401 || problem.status == 403 ? domain::Outcome::kDenied
                                                             : domain::Outcome::kFailure;
  e.details = {{"status", problem.status}};
  if (!problem.slug.empty()) {
    e.details["problem"] = problem.slug;
  }
  try {
    store_.append(e);
  } catch (const std::exception& error) {
    // The database failing is often why the request failed: the record is lost, the log
    // line stays, and the client still gets the original error.
    log_.warn("audit record not written", {{"event", "audit.write_failed"},
                                           {"action", e.action},
                                           {"request_id", e.request_id},
                                           {"error", error.what()}});
  }
}

}  // namespace vitrine::audit
