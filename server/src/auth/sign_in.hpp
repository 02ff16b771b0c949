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
#include "auth/mfa.hpp"
#include "auth/password.hpp"
#include "auth/throttle.hpp"
#include "domain/audit.hpp"
#include "domain/user.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class AuditStore;
class UserStore;
}  // namespace vitrine::store

namespace vitrine::auth {

struct AccessToken {
  std::string token;  // a JWT: sub = user id, amr = ["pwd"]
  std::chrono::seconds expires_in{};
  domain::User user;
};

struct SignInResult {
  // set on success; without it, retry_after or mfa_required, the sign-in failed and its
  // audit record is written already
  std::optional<AccessToken> token;
  std::optional<std::chrono::seconds> retry_after;  // set when throttled (nothing was checked)
  bool mfa_required = false;  // the password holds; a TOTP or recovery code must come with it
};

struct Credentials {
  std::string email;
  std::string password;
  std::string totp_code;      // for accounts with MFA
  std::string recovery_code;  // instead of a TOTP code; each works once
};

class SignIn {
 public:
  SignIn(store::UserStore& users, store::AuditStore& audit, const PasswordHasher& hasher,
         const JwtSigner& signer, LoginThrottle& throttle, Mfa& mfa, std::chrono::seconds token_ttl,
         const obs::Logger& logger);

  // Throttled attempts are refused before any check (retry_after); the others cost the same
  // Argon2id work whatever the outcome. A wrong second factor counts as a failure. Blocks on
  // the store and on Argon2id: call it on the blocking pool. `context` (actor, address,
  // request) becomes the audit record of a success or a failure, naming the account when
  // one matched the email.
  [[nodiscard]] SignInResult with_password(const Credentials& credentials,
                                           const domain::AuditEvent& context) const;

  // A token for `user`, as after a sign-in (`mfa`: the session passed a second factor).
  [[nodiscard]] AccessToken issue(const domain::User& user, bool mfa, std::int64_t now_us) const;

 private:
  store::UserStore& users_;
  store::AuditStore& audit_;
  const PasswordHasher& hasher_;
  const JwtSigner& signer_;
  LoginThrottle& throttle_;
  Mfa& mfa_;
  std::chrono::seconds ttl_;
  obs::Logger log_;
};

}  // namespace vitrine::auth
