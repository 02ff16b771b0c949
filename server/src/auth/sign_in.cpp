#include "auth/sign_in.hpp"

#include "store/store.hpp"
#include "util/digest.hpp"
#include "util/time.hpp"

namespace vitrine::auth {
SignIn::SignIn(store::UserStore& users, store::AuditStore& audit, const PasswordHasher& hasher,
               const JwtSigner& signer, LoginThrottle& throttle, Mfa& mfa,
               std::chrono::seconds token_ttl, const obs::Logger& logger)
    : users_(users),
      audit_(audit),
      hasher_(hasher),
      signer_(signer),
      throttle_(throttle),
      mfa_(mfa),
      ttl_(token_ttl),
      log_(logger.child("auth")) {}

AccessToken SignIn::issue(const domain::User& user, bool mfa, std::int64_t now_us) const {
  nlohmann::json amr = nlohmann::json::array({"pwd"});
  if (mfa) {
    amr.push_back("otp");
  }
  AccessToken out;
  out.token = signer_.sign(user.id, now_us / 1'000'000, ttl_,
                           {{"amr", std::move(amr)}, {"jti", util::random_token(16)}});
  out.expires_in = ttl_;
  out.user = user;
  return out;
}

SignInResult SignIn::with_password(const Credentials& c, const domain::AuditEvent& context) const {
  const std::string_view remote = context.ip;
  const std::string key = domain::email_key(c.email);
  const auto now = LoginThrottle::Clock::now();
  if (const auto wait = throttle_.wait(key, remote, now)) {
    log_.info("sign-in throttled", {{"event", "auth.login_throttled"},
                                    {"retry_after_s", static_cast<std::int64_t>(wait->count())},
                                    {"remote", remote}});
    return {std::nullopt, wait, false};
  }
  const auto user = users_.find_by_email(key);
  // The same Argon2id work whether or not the account exists (and has a password).
  const bool matches = user && !user->password_hash.empty()
                           ? hasher_.verify(user->password_hash, c.password)
                           : (hasher_.verify_nothing(c.password), false);
  domain::AuditEvent record = context;
  if (user) {
    record.target_type = "user";
    record.target_id = user->id;
  }
  const auto fail = [&](std::string_view reason) {
    log_.info("sign-in failed", {{"event", "auth.login_failed"},
                                 {"reason", reason},
                                 {"user_id", user ? std::string_view(user->id) : ""},
                                 {"remote", remote}});
    // The wait counts from now, when the failure is known: a slow check (Argon2id on a busy
    // host) must not use up the wait it earns.
    throttle_.failed(key, remote, LoginThrottle::Clock::now());
    record.outcome = domain::Outcome::kFailure;
    record.details = {{"reason", reason}};
    audit_.append(record);
    return SignInResult{};
  };
  if (!user) {
    return fail("unknown-email");
  }
  if (!matches) {
    return fail("wrong-password");
  }
  if (user->disabled) {
    return fail("disabled");
  }
  const std::int64_t now_us = util::now_us();
  bool second_factor = false;
  if (user->mfa_enabled) {
    if (c.totp_code.empty() && c.recovery_code.empty()) {
      log_.info("sign-in needs a second factor",
                {{"event", "auth.mfa_required"}, {"user_id", user->id}, {"remote", remote}});
      return {std::nullopt, std::nullopt, true};
    }
    if (mfa_.verify(*user, c.totp_code, c.recovery_code, now_us / 1'000'000, record) ==
        Mfa::Factor::kNone) {
      return fail("wrong-second-factor");
    }
    second_factor = true;
  }
  throttle_.succeeded(key);
  std::optional<std::string> rehashed;
  if (hasher_.needs_rehash(user->password_hash)) {
    rehashed = hasher_.hash(c.password);
  }
  record.actor_kind = domain::ActorKind::kUser;  // who they proved to be
  record.actor_id = user->id;
  record.details = {{"mfa", second_factor}};
  users_.record_login(user->id, now_us, rehashed, record);
  AccessToken out = issue(*user, second_factor, now_us);
  out.user.last_login_at_us = now_us;
  log_.info("signed in", {{"event", "auth.login"},
                          {"user_id", user->id},
                          {"mfa", second_factor},
                          {"rehashed", rehashed.has_value()},
                          {"remote", remote}});
  return {std::move(out), std::nullopt, false};
}

}  // namespace vitrine::auth
