#pragma once
// API token secrets: "vtr_" and 256 random bits in base64url, recognisable in logs and by
// secret scanners; only the SHA-256 is stored, with the first characters for people.

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/api_token.hpp"

namespace vitrine::auth {

inline constexpr std::string_view kApiTokenPrefix = "vtr_";
// Last-used times are written at most this often per token (a token on every request of a
// busy CI job would otherwise cost a write per request).
inline constexpr std::int64_t kTokenTouchGranularityUs = 60'000'000;

struct MintedToken {
  std::string secret;  // shown once, never stored
  domain::ApiToken token;
};

// A new token: id, secret, hash and prefix made here; the rest as given.
MintedToken mint_api_token(std::string name, domain::Scopes scopes, std::int64_t expires_at_us,
                           std::string created_by, std::int64_t now_us);

// A push monitor's heartbeat secret: "vtp_" and 256 random bits in base64url. It is the
// credential of POST /api/v1/push/{secret}; only its SHA-256 (hex) is stored.
inline constexpr std::string_view kPushSecretPrefix = "vtp_";
struct PushSecret {
  std::string secret;  // shown once
  std::string hash;
};
PushSecret mint_push_secret();

// Whether a bearer credential is an API token (else it is taken for a JWT).
bool looks_like_api_token(std::string_view credential);

}  // namespace vitrine::auth
