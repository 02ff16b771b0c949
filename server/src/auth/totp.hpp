#pragma once
// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) on liboath, as
// every authenticator app expects; one step of clock skew either way is accepted. A code
// names its time step, and a step once used is refused (replay), which the store enforces.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrine::auth {

inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226's recommendation
inline constexpr std::size_t kRecoveryCodes = 10;

// A new random secret (raw bytes).
std::string new_totp_secret();
// RFC 4648 base32 without padding: what the user types into an app.
std::string base32(std::string_view bytes);
// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

// The code for `secret` at Unix time `now` (for tests and the CLI).
std::string totp_code(std::string_view secret, std::int64_t now);
// The time step `code` matches at `now` (±1 step), or nullopt. Only 6 ASCII digits are
// ever compared.
std::optional<std::int64_t> totp_step(std::string_view secret, std::string_view code,
                                      std::int64_t now);

// Ten single-use recovery codes ("xxxx-xxxx-xxxx", 60 random bits each) and the hash the
// store keeps of a code (SHA-256 hex of its normalized form: lower case, no dashes).
std::vector<std::string> new_recovery_codes();
std::string recovery_code_hash(std::string_view code);

}  // namespace vitrine::auth
