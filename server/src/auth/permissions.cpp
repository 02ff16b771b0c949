#include "auth/permissions.hpp"

#include <array>

namespace vitrine::auth {
namespace {

using http::Method;

// Every route the server registers, with what it needs. Keep it sorted by path.
constexpr std::array kTable{
    RoutePermission{Method::kGet, "/", Permission::kPublic},
    RoutePermission{Method::kGet, "/admin", Permission::kPublic},
    RoutePermission{Method::kGet, "/admin/{page}", Permission::kPublic},
    RoutePermission{Method::kGet, "/admin/{page}/{id}", Permission::kPublic},
    RoutePermission{Method::kGet, "/api/v1/audit", Permission::kAdmin},
    RoutePermission{Method::kGet, "/api/v1/incidents", Permission::kPublic},
    RoutePermission{Method::kGet, "/api/v1/incidents/{id}", Permission::kPublic},
    RoutePermission{Method::kPost, "/api/v1/incidents/{id}/updates", Permission::kWriteContent,
                    "incident.post_update"},
    RoutePermission{Method::kGet, "/api/v1/maintenance-windows", Permission::kRead},
    RoutePermission{Method::kPost, "/api/v1/maintenance-windows", Permission::kWriteContent,
                    "maintenance.create"},
    RoutePermission{Method::kGet, "/api/v1/maintenance-windows/{id}", Permission::kRead},
    RoutePermission{Method::kPatch, "/api/v1/maintenance-windows/{id}", Permission::kWriteContent,
                    "maintenance.update"},
    RoutePermission{Method::kDelete, "/api/v1/maintenance-windows/{id}", Permission::kWriteContent,
                    "maintenance.delete"},
    RoutePermission{Method::kPost, "/api/v1/markdown", Permission::kWriteContent,
                    "markdown.preview", false},
    RoutePermission{Method::kGet, "/api/v1/me", Permission::kSignedIn},
    RoutePermission{Method::kGet, "/api/v1/monitors", Permission::kRead},
    RoutePermission{Method::kPost, "/api/v1/monitors", Permission::kWriteContent, "monitor.create"},
    RoutePermission{Method::kGet, "/api/v1/monitors/{id}", Permission::kRead},
    RoutePermission{Method::kPatch, "/api/v1/monitors/{id}", Permission::kWriteContent,
                    "monitor.update"},
    RoutePermission{Method::kDelete, "/api/v1/monitors/{id}", Permission::kWriteContent,
                    "monitor.delete"},
    RoutePermission{Method::kGet, "/api/v1/monitors/{id}/results", Permission::kRead},
    RoutePermission{Method::kPost, "/api/v1/monitors/{id}/push", Permission::kPush, "monitor.push",
                    false},
    RoutePermission{Method::kPost, "/api/v1/monitors/{id}/push-token", Permission::kWriteContent,
                    "monitor.push_token"},
    RoutePermission{Method::kPost, "/api/v1/monitors/{id}/test", Permission::kWriteContent,
                    "monitor.test"},
    RoutePermission{Method::kGet, "/api/v1/monitors/{id}/summary", Permission::kPublic},
    RoutePermission{Method::kGet, "/api/v1/notification-channels", Permission::kAdmin},
    RoutePermission{Method::kPost, "/api/v1/notification-channels", Permission::kAdmin,
                    "notification_channel.create"},
    RoutePermission{Method::kGet, "/api/v1/notification-channels/{id}", Permission::kAdmin},
    RoutePermission{Method::kPatch, "/api/v1/notification-channels/{id}", Permission::kAdmin,
                    "notification_channel.update"},
    RoutePermission{Method::kDelete, "/api/v1/notification-channels/{id}", Permission::kAdmin,
                    "notification_channel.delete"},
    RoutePermission{Method::kPost, "/api/v1/notification-channels/{id}/test", Permission::kAdmin,
                    "notification_channel.test"},
    RoutePermission{Method::kGet, "/api/v1/notification-deliveries", Permission::kAdmin},
    RoutePermission{Method::kGet, "/api/v1/notification-deliveries/{id}", Permission::kAdmin},
    RoutePermission{Method::kGet, "/api/v1/openapi.json", Permission::kPublic},
    RoutePermission{Method::kGet, "/api/v1/projects", Permission::kPublic},
    RoutePermission{Method::kPost, "/api/v1/projects", Permission::kWriteContent, "project.create"},
    RoutePermission{Method::kGet, "/api/v1/projects/{ref}", Permission::kPublic},
    RoutePermission{Method::kPatch, "/api/v1/projects/{ref}", Permission::kWriteContent,
                    "project.update"},
    RoutePermission{Method::kDelete, "/api/v1/projects/{ref}", Permission::kWriteContent,
                    "project.delete"},
    RoutePermission{Method::kPost, "/api/v1/push/{token}", Permission::kPublic, "monitor.push",
                    false},
    RoutePermission{Method::kGet, "/api/v1/settings", Permission::kPublic},
    RoutePermission{Method::kPatch, "/api/v1/settings", Permission::kAdmin, "settings.update"},
    RoutePermission{Method::kGet, "/api/v1/slos", Permission::kRead},
    RoutePermission{Method::kPost, "/api/v1/slos", Permission::kWriteContent, "slo.create"},
    RoutePermission{Method::kGet, "/api/v1/slos/{id}", Permission::kPublic},
    RoutePermission{Method::kPatch, "/api/v1/slos/{id}", Permission::kWriteContent, "slo.update"},
    RoutePermission{Method::kDelete, "/api/v1/slos/{id}", Permission::kWriteContent, "slo.delete"},
    RoutePermission{Method::kGet, "/api/v1/slos/{id}/prometheus-rules", Permission::kRead},
    RoutePermission{Method::kGet, "/api/v1/status", Permission::kPublic},
    RoutePermission{Method::kPost, "/api/v1/auth/login", Permission::kPublic, "session.login"},
    RoutePermission{Method::kPost, "/api/v1/auth/logout", Permission::kPublic, "session.logout"},
    RoutePermission{Method::kPost, "/api/v1/auth/refresh", Permission::kPublic, "session.refresh"},
    RoutePermission{Method::kPost, "/api/v1/auth/mfa/confirm", Permission::kUser, "mfa.confirm"},
    RoutePermission{Method::kPost, "/api/v1/auth/mfa/enroll", Permission::kUser, "mfa.enroll"},
    RoutePermission{Method::kGet, "/api/v1/users", Permission::kAdmin},
    RoutePermission{Method::kPost, "/api/v1/users", Permission::kAdmin, "user.create"},
    RoutePermission{Method::kGet, "/api/v1/users/{id}", Permission::kAdmin},
    RoutePermission{Method::kPatch, "/api/v1/users/{id}", Permission::kAdmin, "user.update"},
    RoutePermission{Method::kDelete, "/api/v1/users/{id}", Permission::kAdmin, "user.delete"},
    RoutePermission{Method::kGet, "/api/v1/tokens", Permission::kAdmin},
    RoutePermission{Method::kPost, "/api/v1/tokens", Permission::kAdmin, "token.create"},
    RoutePermission{Method::kGet, "/api/v1/tokens/{id}", Permission::kAdmin},
    RoutePermission{Method::kDelete, "/api/v1/tokens/{id}", Permission::kAdmin, "token.revoke"},
    RoutePermission{Method::kGet, "/api/v1/version", Permission::kPublic},
    RoutePermission{Method::kGet, "/assets/{file}", Permission::kPublic},
    RoutePermission{Method::kGet, "/docs", Permission::kPublic},
    RoutePermission{Method::kGet, "/docs/redoc.standalone.js", Permission::kPublic},
    RoutePermission{Method::kGet, "/favicon.svg", Permission::kPublic},
    RoutePermission{Method::kGet, "/healthz", Permission::kPublic},
    RoutePermission{Method::kGet, "/metrics", Permission::kPublic},
    RoutePermission{Method::kGet, "/projects/{slug}", Permission::kPublic},
    RoutePermission{Method::kGet, "/readyz", Permission::kPublic},
    RoutePermission{Method::kGet, "/status", Permission::kPublic},
};

// A token may use the routes its scopes open: never user routes (second factor) or admin
// routes (users, tokens, audit), whatever its scopes.
Decision decide_for_token(Permission permission, domain::Scopes scopes) {
  switch (permission) {
    case Permission::kPublic:
    case Permission::kSignedIn:
      return Decision::kAllow;
    case Permission::kRead:
      return domain::has(scopes, domain::Scope::kRead) ? Decision::kAllow : Decision::kForbidden;
    case Permission::kWriteContent:
      return domain::has(scopes, domain::Scope::kContentWrite) ? Decision::kAllow
                                                               : Decision::kForbidden;
    case Permission::kPush:
      return domain::has(scopes, domain::Scope::kMonitorsPush) ? Decision::kAllow
                                                               : Decision::kForbidden;
    case Permission::kUser:
    case Permission::kAdmin:
      return Decision::kForbidden;
  }
  return Decision::kForbidden;
}

}  // namespace

std::string_view to_string(Permission permission) {
  switch (permission) {
    case Permission::kPublic:
      return "public";
    case Permission::kSignedIn:
      return "signed-in";
    case Permission::kUser:
      return "user";
    case Permission::kRead:
      return "read";
    case Permission::kWriteContent:
      return "content:write";
    case Permission::kPush:
      return "monitors:push";
    case Permission::kAdmin:
      return "admin";
  }
  return "admin";
}

std::span<const RoutePermission> route_permissions() { return kTable; }

const RoutePermission* find_route_permission(Method method, std::string_view pattern) {
  const Method m = method == Method::kHead ? Method::kGet : method;
  for (const RoutePermission& r : kTable) {
    if (r.method == m && r.pattern == pattern) {
      return &r;
    }
  }
  return nullptr;
}

Decision decide(Permission permission, const Principal& principal) {
  if (permission == Permission::kPublic) {
    return Decision::kAllow;
  }
  if (!principal.signed_in()) {
    return Decision::kSignInRequired;
  }
  if (principal.kind == PrincipalKind::kApiToken) {
    return decide_for_token(permission, principal.scopes);
  }
  const bool user_admin =
      principal.kind == PrincipalKind::kUser && principal.role == domain::Role::kAdmin;
  if (user_admin && !principal.mfa_enrolled && permission != Permission::kSignedIn &&
      permission != Permission::kUser) {
    return Decision::kEnrollMfa;
  }
  switch (permission) {
    case Permission::kPublic:
    case Permission::kSignedIn:
    case Permission::kRead:  // every role reads
      return Decision::kAllow;
    case Permission::kUser:
      return principal.kind == PrincipalKind::kUser ? Decision::kAllow : Decision::kForbidden;
    case Permission::kWriteContent:
    case Permission::kPush:
      return domain::includes(principal.role, domain::Role::kEditor) ? Decision::kAllow
                                                                     : Decision::kForbidden;
    case Permission::kAdmin:
      if (!domain::includes(principal.role, domain::Role::kAdmin)) {
        return Decision::kForbidden;
      }
      return principal.mfa ? Decision::kAllow : Decision::kMfaSession;
  }
  return Decision::kForbidden;
}

}  // namespace vitrine::auth
