#pragma once
// Access tokens from one external OpenID Connect issuer (Keycloak, Entra ID, Google, ...):
// RS256/ES256 JWTs checked against the issuer's JWKS (a file or an http(s) URL, re-read
// periodically and when a token names a key not seen yet), its role claim mapped to a
// Vitrine role. The mapping and the account come from here; the account itself is
// provisioned by the authenticator.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "auth/jwt.hpp"
#include "domain/user.hpp"
#include "obs/log.hpp"

namespace vitrine::auth {

// Claim value → role, in the order given: "vitrine-admins=admin,staff=editor".
using RoleMap = std::vector<std::pair<std::string, domain::Role>>;

// Parses a role map; throws std::invalid_argument naming the entry that is wrong.
RoleMap parse_role_map(std::string_view spec);

struct OidcSettings {
  std::string issuer;    // the tokens' "iss", exactly
  std::string audience;  // must be in their "aud"
  std::string jwks;      // an absolute file path, or an http:// or https:// URL
  std::chrono::seconds refresh{3600};
  std::string role_claim = "roles";  // a string or an array of strings
  RoleMap role_map;
};

// The highest role `payload`'s role claim grants through `map`; nullopt for none.
std::optional<domain::Role> mapped_role(const nlohmann::json& payload, const std::string& claim,
                                        const RoleMap& map);

// Whether the issuer says the sign-in used a second factor ("amr", RFC 8176: mfa, otp, hwk,
// swk, sc).
bool passed_second_factor(const nlohmann::json& payload);

// The JWKS document at `source` (file or URL; at most 1 MiB, 10 s). Throws
// std::runtime_error saying what failed.
std::string fetch_jwks(const std::string& source);

class OidcVerifier {
 public:
  OidcVerifier(OidcSettings settings, const obs::Logger& logger);

  // Reads the JWKS again and swaps the keys in; on failure keeps the old keys, logs, and
  // returns false.
  bool refresh();

  // The claims when `token` verifies at `now` (Unix seconds). A kid not in the keys makes
  // one refresh (at most every 10 s: an issuer rotating its keys) before it is refused.
  [[nodiscard]] std::variant<JwtClaims, TokenError> verify(std::string_view token,
                                                           std::int64_t now);

  [[nodiscard]] const OidcSettings& settings() const { return settings_; }

 private:
  [[nodiscard]] std::shared_ptr<const JwtVerifier> current() const;

  OidcSettings settings_;
  obs::Logger log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const JwtVerifier> verifier_;  // null until the first successful load
  std::chrono::steady_clock::time_point last_attempt_{};
};

}  // namespace vitrine::auth
