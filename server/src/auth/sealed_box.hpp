#pragma once
// Secrets the server must read back later (TOTP seeds) are stored sealed: XChaCha20-Poly1305
// (libsodium) under VITRINE_DATA_KEY, with the owner's id as associated data, so a sealed
// value copied onto another row does not open.

#include <optional>
#include <string>
#include <string_view>

#include "util/key_text.hpp"

namespace vitrine::auth {

class DataKey {
 public:
  // `text`: base64url (padding optional) of exactly 32 bytes. Throws std::invalid_argument
  // saying what is wrong (never echoing the key).
  static DataKey parse(std::string_view text);
  // A fresh random key, as VITRINE_DATA_KEY text (for `make run` and tests).
  static std::string generate_text();

  // base64url(nonce || ciphertext || tag).
  [[nodiscard]] std::string seal(std::string_view plaintext, std::string_view owner) const;
  // nullopt when `sealed` was not sealed by this key for `owner`, or is damaged.
  [[nodiscard]] std::optional<std::string> open(std::string_view sealed,
                                                std::string_view owner) const;

 private:
  DataKey() = default;
  util::Key256 key_{};
};

}  // namespace vitrine::auth
