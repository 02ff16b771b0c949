#pragma once
// The account behind a verified OIDC token: found by the issuer's subject, created on first
// sight (email and name from the token, no password), its role kept in step with the
// issuer's claim. Each creation and role change is audited, with the server ("oidc") as
// actor. Accounts are matched by subject only, never by email: an existing password account
// with the same email is not taken over.

#include <string>
#include <variant>

#include "auth/jwt.hpp"
#include "domain/user.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class UserStore;
}

namespace vitrine::auth {

// Why a token's account cannot be used: a sentence for the 401 problem.
struct SsoRefusal {
  std::string reason;  // stable, for the log: "no-email", "email-taken"
  std::string detail;
};

// The account for `claims` (verified by OidcVerifier) with `role` (mapped from them).
std::variant<domain::User, SsoRefusal> sso_account(store::UserStore& users, const JwtClaims& claims,
                                                   domain::Role role, const obs::Logger& log);

}  // namespace vitrine::auth
