#pragma once
// Who is making a request, as the authentication middleware established it before any
// handler runs (request.principal).

#include <cstdint>
#include <string>

#include "domain/api_token.hpp"
#include "domain/user.hpp"

namespace vitrine::auth {

enum class PrincipalKind : std::uint8_t {
  kAnonymous,  // no Authorization header
  kUser,       // a signed-in user (access token)
  kApiToken,   // an API token (automation): what its scopes allow, never user or admin routes
};

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string id;                             // the user or token id; empty when anonymous
  domain::Role role = domain::Role::kViewer;  // a user's; meaningless for others
  bool mfa = false;                           // the session passed a second factor
  bool mfa_enrolled = false;                  // the account has confirmed TOTP
  domain::Scopes scopes = 0;                  // an API token's

  [[nodiscard]] bool signed_in() const { return kind != PrincipalKind::kAnonymous; }
  // Reads everything, drafts included: every user; a token with the read scope.
  [[nodiscard]] bool reads_everything() const {
    return kind == PrincipalKind::kUser ||
           (kind == PrincipalKind::kApiToken && domain::has(scopes, domain::Scope::kRead));
  }
};

}  // namespace vitrine::auth
