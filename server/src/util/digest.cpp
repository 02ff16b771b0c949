#include "util/digest.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::util {

namespace {

template <std::size_t N>
std::string hex_of(const std::array<unsigned char, N>& digest) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char b : digest) {
    hex.push_back(kHex.at(b >> 4U));
    hex.push_back(kHex.at(b & 0xFU));
  }
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes_of(bytes), bytes.size());
  return hex_of(digest);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
  crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return hex_of(mac);
}

std::string random_token(std::size_t n) {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium failed to initialize");
  }
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return base64url_encode(bytes);
}

}  // namespace vitrine::util
