#pragma once
// The one table of route → permission. The authentication middleware looks every matched
// route up here before its handler runs; a route missing from the table is refused (deny
// by default), and a unit test fails for every registered route the table lacks.

#include <cstdint>
#include <span>
#include <string_view>

#include "auth/principal.hpp"
#include "http/message.hpp"

namespace vitrine::auth {

enum class Permission : std::uint8_t {
  kPublic,        // anyone; a signed-in reader may see more (drafts)
  kSignedIn,      // any signed-in user or token
  kUser,          // a signed-in user (not a token): their own second factor
  kRead,          // viewer and above: everything, drafts included
  kWriteContent,  // editor and above: projects, monitors (later SLOs, deployments)
  kPush,          // editor and above, or a token with monitors:push: heartbeats
  kAdmin,         // admin: users, API tokens, audit, settings
};

std::string_view to_string(Permission permission);

struct RoutePermission {
  http::Method method;
  std::string_view pattern;  // the router's pattern: "/api/v1/projects/{ref}"
  Permission permission;
  // What a state-changing route does, as the audit log names it ("project.update"); empty
  // for reads. A unit test checks every POST, PATCH, PUT and DELETE has one.
  std::string_view action = {};
  // False for writes that are measurements, not changes (a push monitor's heartbeat, every
  // minute from every cron job): a refused one is recorded, an accepted one is not.
  bool audit_success = true;
};

std::span<const RoutePermission> route_permissions();

// The permission of `method` on the route `pattern`; HEAD is GET's. nullptr: not in the
// table (refuse).
const RoutePermission* find_route_permission(http::Method method, std::string_view pattern);

enum class Decision : std::uint8_t {
  kAllow,
  kSignInRequired,  // 401: anonymous, and the route needs more
  kForbidden,       // 403: signed in, without the role
  kEnrollMfa,       // 403: an admin without confirmed TOTP may only enrol (public, signed-in)
  kMfaSession,      // 403: admin routes need a session that passed TOTP
};

// MFA is mandatory for admins: until an admin confirms TOTP, only public, signed-in and user
// routes (enrolment among them) are open to them; admin routes also need this session to
// have passed a second factor.
Decision decide(Permission permission, const Principal& principal);

}  // namespace vitrine::auth
