#pragma once
// Password hashing and policy. Hashes are Argon2id strings from libsodium's
// crypto_pwhash_str ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash"): the salt and the limits
// travel inside the string, so raising the limits later only needs a rehash at the next
// successful sign-in (needs_rehash). Passwords are never logged nor returned.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::auth {

// Argon2id cost. The floor is libsodium's "interactive" limits (2 passes, 64 MiB).
struct HashLimits {
  std::uint64_t passes = 2;
  std::size_t memory_bytes = std::size_t{64} << 20U;
};

inline constexpr std::size_t kMinPasswordLength = 12;   // code points
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // bounds the work per attempt

// Why a new password is refused, as a sentence for the client, or nullopt when it is
// acceptable: well-formed UTF-8, 12 to 1,024 bytes worth of code points, and none of the
// 10,000 most common passwords (case-insensitively).
std::optional<std::string> password_policy_error(std::string_view password);

// Whether `password` is one of the 10,000 most common (auth/data/common-passwords.txt),
// ignoring ASCII case.
bool is_common_password(std::string_view password);

class PasswordHasher {
 public:
  // Throws std::invalid_argument when `limits` are below the interactive floor.
  explicit PasswordHasher(HashLimits limits = {});

  // A new salted Argon2id hash string. Throws std::runtime_error when memory runs out.
  [[nodiscard]] std::string hash(std::string_view password) const;
  // Whether `password` matches `stored` (constant time in the password). A malformed
  // `stored` does not match.
  [[nodiscard]] bool verify(std::string_view stored, std::string_view password) const;
  // Whether `stored` was made with other limits (or another algorithm) than ours.
  [[nodiscard]] bool needs_rehash(std::string_view stored) const;
  // Spends the time of one verify, for an unknown account: the answer to a sign-in must
  // not tell whether the email exists.
  void verify_nothing(std::string_view password) const;

  [[nodiscard]] const HashLimits& limits() const { return limits_; }

 private:
  HashLimits limits_;
  std::string decoy_;  // a hash of a random password, for verify_nothing
};

}  // namespace vitrine::auth
