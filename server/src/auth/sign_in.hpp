#pragma once
// Signing in with an email and a password: one answer (nullopt) for an unknown email, a
// wrong password and a disabled account, with the same Argon2id work in every case so the
// timing does not tell them apart. A success records the sign-in (and re-hashes the
// password when the configured limits rose) and issues a short-lived access token.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/jwt.hpp"
#include "auth/password.hpp"
#include "domain/user.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class UserStore;
}

namespace vitrine::auth {

struct AccessToken {
  std::string token;  // a JWT: sub = user id, amr = ["pwd"]
  std::chrono::seconds expires_in{};
  domain::User user;
};

class SignIn {
 public:
  SignIn(store::UserStore& users, const PasswordHasher& hasher, const JwtSigner& signer,
         std::chrono::seconds token_ttl, const obs::Logger& logger);

  // Blocks on the store and on Argon2id: call it on the blocking pool.
  [[nodiscard]] std::optional<AccessToken> with_password(std::string_view email,
                                                         std::string_view password,
                                                         std::string_view remote) const;

 private:
  store::UserStore& users_;
  const PasswordHasher& hasher_;
  const JwtSigner& signer_;
  std::chrono::seconds ttl_;
  obs::Logger log_;
};

}  // namespace vitrine::auth
