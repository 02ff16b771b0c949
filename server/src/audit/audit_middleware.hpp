#pragma once
// Records every state-changing request that failed. A successful change is recorded by its
// handler, through the store write that makes it (same transaction); a refused or failed one
// changes nothing, so this middleware appends its record afterwards: who tried what, on
// which route, and the problem type they got. Sits inside the error boundary, outside the
// authentication middleware, so it sees refused credentials too.

#include "http/middleware/middlewares.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class AuditStore;
}

namespace vitrine::audit {

class AuditMiddleware final : public http::Middleware {
 public:
  // `translate` maps the exceptions the error boundary maps (store errors) to their
  // problem, so the record names the same type the client gets.
  AuditMiddleware(store::AuditStore& store, http::ErrorBoundaryMiddleware::Translator translate,
                  const obs::Logger& logger);
  http::Response handle(http::Request& request, const http::Next& next) override;

 private:
  void record_failure(const http::Request& request, const http::ProblemType& problem) const;

  store::AuditStore& store_;
  http::ErrorBoundaryMiddleware::Translator translate_;
  obs::Logger log_;
};

}  // namespace vitrine::audit
