#pragma once
// The TOTP second factor: enrolment (a sealed seed awaiting its first code), confirmation
// (the seed becomes the user's, ten recovery codes are issued once), and the check at
// sign-in (a TOTP code, each step accepted once, or an unused recovery code). Seeds are
// sealed with VITRINE_DATA_KEY; without it MFA is unavailable.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/sealed_box.hpp"
#include "domain/audit.hpp"
#include "domain/user.hpp"
#include "obs/log.hpp"

namespace vitrine::store {
class UserStore;
}

namespace vitrine::auth {

class Mfa {
 public:
  Mfa(store::UserStore& users, std::optional<DataKey> key, std::string issuer,
      const obs::Logger& logger);

  [[nodiscard]] bool available() const { return key_.has_value(); }

  struct Enrollment {
    std::string secret;  // base32, for typing into an app
    std::string uri;     // otpauth://totp/..., for a QR code
  };
  // A new pending seed for `user` (replacing a pending one), recorded by `audit`. Needs
  // available().
  Enrollment enroll(const domain::User& user, const domain::AuditEvent& audit);

  // The recovery codes (shown once) when `code` matches the pending seed, recorded by
  // `audit`; nullopt when it does not, or nothing is pending.
  std::optional<std::vector<std::string>> confirm(const domain::User& user, std::string_view code,
                                                  std::int64_t now,
                                                  const domain::AuditEvent& audit);

  enum class Factor : std::uint8_t { kNone, kTotp, kRecoveryCode };
  // Which factor `totp_code` or `recovery_code` proves for `user` (an MFA user), spending
  // it: the TOTP step, or the recovery code (a security event: `context` becomes its
  // "mfa.recovery_used" record). kNone when neither holds.
  Factor verify(const domain::User& user, std::string_view totp_code,
                std::string_view recovery_code, std::int64_t now,
                const domain::AuditEvent& context);

 private:
  store::UserStore& users_;
  std::optional<DataKey> key_;
  std::string issuer_;
  obs::Logger log_;
};

}  // namespace vitrine::auth
