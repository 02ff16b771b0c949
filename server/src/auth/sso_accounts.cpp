#include "auth/sso_accounts.hpp"

#include "domain/audit.hpp"
#include "store/errors.hpp"
#include "store/store.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::auth {
namespace {

std::string string_claim(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::variant<domain::User, SsoRefusal> provision(store::UserStore& users, const JwtClaims& claims,
                                                 domain::Role role, const obs::Logger& log) {
  domain::User u;
  u.id = util::uuid_v7();
  u.email = string_claim(claims.payload, "email");
  u.email_key = domain::email_key(u.email);
  u.display_name = string_claim(claims.payload, "name");
  if (u.display_name.empty() || !domain::validate(u).empty()) {
    u.display_name = u.email.substr(0, u.email.find('@'));  // the name claim was unusable
  }
  u.role = role;
  u.oidc_subject = claims.subject;
  u.created_at_us = u.updated_at_us = util::now_us();
  u.version = 1;
  if (!domain::validate(u).empty()) {
    return SsoRefusal{"no-email",
                      "The token has no usable email claim: Vitrine needs one to create the "
                      "account."};
  }
  domain::AuditEvent record = domain::system_record("oidc", "user.create", "user", u.id);
  record.details["changes"] = domain::diff(nullptr, domain::audit_view(u));
  record.details["oidc_subject"] = u.oidc_subject;
  try {
    users.insert(u, record);
  } catch (const store::Conflict&) {
    // The same subject created by a concurrent request, or an email in use.
    if (auto raced = users.find_by_oidc_subject(claims.subject)) {
      return std::move(*raced);
    }
    return SsoRefusal{"email-taken",
                      "An account with this token's email exists already and is not linked to "
                      "the identity provider; an admin must remove or rename it first."};
  }
  log.info("SSO account created",
           {{"event", "user.sso_created"}, {"user_id", u.id}, {"role", domain::to_string(role)}});
  return u;
}

}  // namespace

std::variant<domain::User, SsoRefusal> sso_account(store::UserStore& users, const JwtClaims& claims,
                                                   domain::Role role, const obs::Logger& log) {
  auto user = users.find_by_oidc_subject(claims.subject);
  if (!user) {
    return provision(users, claims, role, log);
  }
  if (user->role == role) {
    return std::move(*user);
  }
  // The issuer is the source of truth for roles: follow it, audited.
  domain::User next = *user;
  next.role = role;
  next.version = user->version + 1;
  next.updated_at_us = std::max(util::now_us(), user->updated_at_us + 1);
  domain::AuditEvent record = domain::system_record("oidc", "user.update", "user", user->id);
  record.details["changes"] = domain::diff(domain::audit_view(*user), domain::audit_view(next));
  const store::WriteOutcome outcome = users.update(next, user->version, record);
  if (outcome == store::WriteOutcome::kDone) {
    log.info("SSO role changed", {{"event", "user.sso_role_changed"},
                                  {"user_id", next.id},
                                  {"role", domain::to_string(role)},
                                  {"role_before", domain::to_string(user->role)}});
    return next;
  }
  // Stale (a concurrent change) or the last admin: the stored account as it is now.
  log.warn("SSO role not changed", {{"event", "user.sso_role_kept"},
                                    {"user_id", user->id},
                                    {"last_admin", outcome == store::WriteOutcome::kLastAdmin}});
  auto now = users.find(user->id);
  if (!now) {
    return SsoRefusal{"gone", "The token's account was deleted."};
  }
  return std::move(*now);
}

}  // namespace vitrine::auth
