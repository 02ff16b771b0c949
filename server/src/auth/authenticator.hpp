#pragma once
// Turns a request's credentials into a Principal: nothing (anonymous), an access token
// (JWT, checked by JwtVerifier, then the user read from the store so a disabled account or
// a changed role counts at once), or an API token ("vtr_...", looked up by its SHA-256 so
// a revoked or expired one is refused at once), or an access token of the OIDC issuer
// (RS256/ES256, its account provisioned on first sight, its role following the issuer).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "auth/jwt.hpp"
#include "auth/oidc.hpp"
#include "auth/principal.hpp"
#include "http/message.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class TokenStore;
class UserStore;
}  // namespace vitrine::store

namespace vitrine::auth {

class Authenticator {
 public:
  // `oidc` null: SSO is off. `now` gives Unix seconds (tests pass their own clock).
  Authenticator(std::shared_ptr<const JwtVerifier> verifier, OidcVerifier* oidc,
                store::UserStore& users, store::TokenStore& tokens, const obs::Logger& logger,
                std::function<std::int64_t()> now = {});

  // The principal of `request`. Throws ProblemError invalid-token (401) for credentials
  // that do not hold; reading the user or token needs the blocking pool
  // (http::require_blocking).
  [[nodiscard]] Principal authenticate(const http::Request& request) const;

 private:
  [[noreturn]] void reject(const http::Request& request, std::string_view reason,
                           std::string_view detail) const;
  [[nodiscard]] Principal api_token(const http::Request& request, std::string_view token) const;
  [[nodiscard]] Principal sso_user(const http::Request& request, std::string_view token) const;

  std::shared_ptr<const JwtVerifier> verifier_;
  OidcVerifier* oidc_;
  store::UserStore& users_;
  store::TokenStore& tokens_;
  obs::Logger log_;
  std::function<std::int64_t()> now_;
};

}  // namespace vitrine::auth
