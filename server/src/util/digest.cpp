#include "util/digest.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::util {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes_of(bytes), bytes.size());
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char b : digest) {
    hex.push_back(kHex.at(b >> 4U));
    hex.push_back(kHex.at(b & 0xFU));
  }
  return hex;
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
