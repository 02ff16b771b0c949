#pragma once
// Digests for storing high-entropy secrets (refresh tokens, recovery codes, API tokens):
// their SHA-256 is enough, a slow hash is for passwords.

#include <string>
#include <string_view>

namespace vitrine::util {

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// HMAC-SHA256 (RFC 2104) of `message` under `key` (any length) as 64 lower-case hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// `n` random bytes (libsodium) as base64url without padding.
std::string random_token(std::size_t n);

}  // namespace vitrine::util
