#include "auth/sign_in.hpp"

#include <sodium.h>

#include "store/store.hpp"
#include "util/base64.hpp"
#include "util/time.hpp"

namespace vitrine::auth {
namespace {

std::string token_id() {
  std::string bytes(16, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return util::base64url_encode(bytes);
}

}  // namespace

SignIn::SignIn(store::UserStore& users, const PasswordHasher& hasher, const JwtSigner& signer,
               std::chrono::seconds token_ttl, const obs::Logger& logger)
    : users_(users),
      hasher_(hasher),
      signer_(signer),
      ttl_(token_ttl),
      log_(logger.child("auth")) {}

std::optional<AccessToken> SignIn::with_password(std::string_view email, std::string_view password,
                                                 std::string_view remote) const {
  const auto user = users_.find_by_email(domain::email_key(email));
  // The same Argon2id work whether or not the account exists (and has a password).
  const bool matches = user && !user->password_hash.empty()
                           ? hasher_.verify(user->password_hash, password)
                           : (hasher_.verify_nothing(password), false);
  if (!matches || user->disabled) {
    log_.info("sign-in failed", {{"event", "auth.login_failed"},
                                 {"reason", !user      ? "unknown-email"
                                            : !matches ? "wrong-password"
                                                       : "disabled"},
                                 {"user_id", user ? std::string_view(user->id) : ""},
                                 {"remote", remote}});
    return std::nullopt;
  }
  const std::int64_t now_us = util::now_us();
  std::optional<std::string> rehashed;
  if (hasher_.needs_rehash(user->password_hash)) {
    rehashed = hasher_.hash(password);
  }
  users_.record_login(user->id, now_us, rehashed);
  AccessToken out;
  out.token = signer_.sign(user->id, now_us / 1'000'000, ttl_,
                           {{"amr", nlohmann::json::array({"pwd"})}, {"jti", token_id()}});
  out.expires_in = ttl_;
  out.user = *user;
  out.user.last_login_at_us = now_us;
  log_.info("signed in", {{"event", "auth.login"},
                          {"user_id", user->id},
                          {"rehashed", rehashed.has_value()},
                          {"remote", remote}});
  return out;
}

}  // namespace vitrine::auth
