#pragma once
// Who is making a request, as the authentication middleware established it before any
// handler runs (request.principal).

#include <cstdint>
#include <string>

#include "domain/user.hpp"

namespace vitrine::auth {

enum class PrincipalKind : std::uint8_t {
  kAnonymous,    // no Authorization header
  kUser,         // a signed-in user (access token)
  kStaticToken,  // VITRINE_ADMIN_TOKEN: content editing for scripts, until API tokens exist
};

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string id;  // the user id; "admin-token" for the static token; empty when anonymous
  domain::Role role = domain::Role::kViewer;  // meaningless when anonymous
  bool mfa = false;                           // the session passed a second factor
  bool mfa_enrolled = false;                  // the account has confirmed TOTP

  [[nodiscard]] bool signed_in() const { return kind != PrincipalKind::kAnonymous; }
};

}  // namespace vitrine::auth
