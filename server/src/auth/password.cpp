#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "util/embedded.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

// The embedded list as a set, built on first use. Entries are lower case already.
const std::unordered_set<std::string_view>& common_passwords() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s;
    s.reserve(10'000);
    for (const embedded::File& f : embedded::auth_data()) {
      if (f.path != "common-passwords.txt") {
        continue;
      }
      std::string_view rest = f.content;
      while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        if (!line.empty()) {
          s.insert(line);
        }
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      }
    }
    return s;
  }();
  return set;
}

void ensure_sodium() {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium failed to initialize");
  }
}

}  // namespace

bool is_common_password(std::string_view password) {
  if (password.size() > 64) {
    return false;  // the list has nothing this long
  }
  std::string folded(password);
  std::transform(folded.begin(), folded.end(), folded.begin(), util::ascii_lower);
  return common_passwords().contains(folded);
}

std::optional<std::string> password_policy_error(std::string_view password) {
  if (!util::valid_utf8(password)) {
    return "The password is not valid UTF-8.";
  }
  if (password.size() > kMaxPasswordBytes) {
    return "The password is longer than " + std::to_string(kMaxPasswordBytes) + " bytes.";
  }
  if (util::utf8_length(password) < kMinPasswordLength) {
    return "The password has fewer than " + std::to_string(kMinPasswordLength) + " characters.";
  }
  if (is_common_password(password)) {
    return "The password is one of the 10,000 most common passwords; choose another.";
  }
  return std::nullopt;
}

PasswordHasher::PasswordHasher(HashLimits limits) : limits_(limits) {
  ensure_sodium();
  if (limits_.passes < crypto_pwhash_OPSLIMIT_INTERACTIVE ||
      limits_.memory_bytes < crypto_pwhash_MEMLIMIT_INTERACTIVE) {
    throw std::invalid_argument(
        "Argon2id limits below libsodium's interactive minimum (2 passes, 64 MiB)");
  }
  if (limits_.passes > crypto_pwhash_OPSLIMIT_MAX ||
      limits_.memory_bytes > crypto_pwhash_MEMLIMIT_MAX) {
    throw std::invalid_argument("Argon2id limits above libsodium's maximum");
  }
  std::array<unsigned char, 32> random{};
  randombytes_buf(random.data(), random.size());
  decoy_ = hash({reinterpret_cast<const char*>(random.data()),  // NOLINT: bytes as chars
                 random.size()});
}

std::string PasswordHasher::hash(std::string_view password) const {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), limits_.passes,
                            limits_.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return {out.data()};
}

bool PasswordHasher::verify(std::string_view stored, std::string_view password) const {
  // libsodium wants a NUL-terminated string no longer than its buffer size.
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES ||
      stored.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string terminated(stored);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view stored) const {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) {
    return true;
  }
  const std::string terminated(stored);
  // 0: same limits; 1: other limits; -1: not an Argon2id string we understand.
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), limits_.passes, limits_.memory_bytes) !=
         0;
}

void PasswordHasher::verify_nothing(std::string_view password) const {
  static_cast<void>(verify(decoy_, password));
}

}  // namespace vitrine::auth
