#include "auth/auth_middleware.hpp"

#include <memory>
#include <string>

#include "auth/permissions.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

namespace vitrine::auth {

http::Response AuthMiddleware::handle(http::Request& request, const http::Next& next) {
  const http::Router::Match match = router_.match(request.method, request.path);
  if (match.handler == nullptr) {
    return next(request);  // 404, 405 and OPTIONS: the router answers, no handler runs
  }
  const RoutePermission* rule = find_route_permission(request.method, match.route->pattern);
  if (rule == nullptr) {
    log_.error("route missing from the permission table; refused",
               {{"method", http::to_string(request.method)}, {"route", match.route->pattern}});
    throw http::ProblemError(http::problems::kForbidden,
                             "This route has no permission rule; it is refused by default.");
  }
  // Known before the handler runs, so whoever records a refusal (the audit middleware)
  // knows the route, its object and, once authenticated, who was refused.
  request.route = match.route->pattern;
  request.params = match.params;
  request.principal = std::make_shared<const Principal>(authenticator_.authenticate(request));
  const Principal& principal = *request.principal;
  switch (decide(rule->permission, principal)) {
    case Decision::kAllow:
      break;
    case Decision::kSignInRequired:
      throw http::ProblemError(http::problems::kUnauthorized,
                               "Sign in first: send Authorization: Bearer <access token>.");
    case Decision::kEnrollMfa:
      throw http::ProblemError(http::problems::kForbidden,
                               "Admins need a second factor: enrol with POST "
                               "/api/v1/auth/mfa/enroll, then confirm a code.");
    case Decision::kMfaSession:
      throw http::ProblemError(http::problems::kForbidden,
                               "Admin routes need a session that passed a second factor: sign "
                               "in again with your TOTP code.");
    case Decision::kForbidden:
      if (principal.kind == PrincipalKind::kApiToken) {
        log_.info("permission denied", {{"event", "auth.forbidden"},
                                        {"token_id", principal.id},
                                        {"needs", to_string(rule->permission)},
                                        {"route", match.route->pattern}});
        throw http::ProblemError(
            http::problems::kForbidden,
            "This API token's scopes (" + domain::scopes_text(principal.scopes) +
                ") do not allow this; it needs " + std::string(to_string(rule->permission)) +
                (rule->permission == Permission::kAdmin || rule->permission == Permission::kUser
                     ? ", which tokens never have."
                     : "."));
      }
      log_.info("permission denied", {{"event", "auth.forbidden"},
                                      {"user_id", principal.id},
                                      {"role", domain::to_string(principal.role)},
                                      {"needs", to_string(rule->permission)},
                                      {"route", match.route->pattern}});
      throw http::ProblemError(http::problems::kForbidden,
                               "Your role (" + std::string(domain::to_string(principal.role)) +
                                   ") may not do this; it needs " +
                                   std::string(to_string(rule->permission)) + ".");
  }
  return next(request);
}

}  // namespace vitrine::auth
