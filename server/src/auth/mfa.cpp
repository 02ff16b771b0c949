#include "auth/mfa.hpp"

#include <stdexcept>

#include "auth/totp.hpp"
#include "store/store.hpp"
#include "util/time.hpp"

namespace vitrine::auth {

Mfa::Mfa(store::UserStore& users, std::optional<DataKey> key, std::string issuer,
         const obs::Logger& logger)
    : users_(users), key_(key), issuer_(std::move(issuer)), log_(logger.child("auth")) {}

Mfa::Enrollment Mfa::enroll(const domain::User& user, const domain::AuditEvent& audit) {
  if (!key_) {
    throw std::logic_error("MFA needs VITRINE_DATA_KEY");
  }
  const std::string secret = new_totp_secret();
  users_.set_pending_mfa(user.id, key_->seal(secret, user.id), audit);
  log_.info("mfa enrolment started", {{"event", "auth.mfa_enroll"}, {"user_id", user.id}});
  return {base32(secret), otpauth_uri(issuer_, user.email, secret)};
}

std::optional<std::vector<std::string>> Mfa::confirm(const domain::User& user,
                                                     std::string_view code, std::int64_t now,
                                                     const domain::AuditEvent& audit) {
  if (!key_ || user.mfa_pending_sealed.empty()) {
    return std::nullopt;
  }
  const auto secret = key_->open(user.mfa_pending_sealed, user.id);
  const auto step = secret ? totp_step(*secret, code, now) : std::nullopt;
  if (!step) {
    log_.info("mfa confirmation failed",
              {{"event", "auth.mfa_confirm_failed"}, {"user_id", user.id}});
    return std::nullopt;
  }
  std::vector<std::string> codes = new_recovery_codes();
  std::vector<std::string> hashes;
  hashes.reserve(codes.size());
  for (const std::string& c : codes) {
    hashes.push_back(recovery_code_hash(c));
  }
  if (!users_.enable_mfa(user.id, *step, hashes, audit)) {
    return std::nullopt;  // confirmed meanwhile by another request
  }
  log_.info("mfa enabled", {{"event", "auth.mfa_confirm"}, {"user_id", user.id}});
  return codes;
}

Mfa::Factor Mfa::verify(const domain::User& user, std::string_view totp_code,
                        std::string_view recovery_code, std::int64_t now,
                        const domain::AuditEvent& context) {
  if (!totp_code.empty() && key_) {
    const auto secret = key_->open(user.mfa_secret_sealed, user.id);
    const auto step = secret ? totp_step(*secret, totp_code, now) : std::nullopt;
    if (step && users_.claim_totp_step(user.id, *step)) {
      return Factor::kTotp;
    }
    if (step) {
      log_.info("totp code replayed", {{"event", "auth.totp_replay"}, {"user_id", user.id}});
    }
    return Factor::kNone;
  }
  if (recovery_code.empty()) {
    return Factor::kNone;
  }
  domain::AuditEvent used = domain::follow_up(context, "mfa.recovery_used");
  used.target_type = "user";
  used.target_id = user.id;
  if (users_.use_recovery_code(user.id, recovery_code_hash(recovery_code), util::now_us(), used)) {
    log_.info("recovery code used",
              {{"event", "auth.recovery_code_used"},
               {"user_id", user.id},
               {"left", static_cast<std::uint64_t>(users_.recovery_codes_left(user.id))}});
    return Factor::kRecoveryCode;
  }
  return Factor::kNone;
}

}  // namespace vitrine::auth
