#pragma once
// JSON Web Tokens (RFC 7519) on libjwt 1.10, which checks signatures but no claims: this
// file checks the rest. The key decides the algorithm, never the token: a token is looked
// up by its `kid`, and its `alg` must be the one that key is for (no `none`, no HS256
// signed with an RSA public key). Then `exp`, `nbf`, `iat` (with leeway), `iss`, `aud`.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace vitrine::auth {

enum class JwtAlg : std::uint8_t { kHs256, kRs256, kEs256 };
std::string_view jwt_alg_name(JwtAlg alg);

// One verification (and maybe signing) key.
struct JwtKey {
  std::string kid;
  JwtAlg alg = JwtAlg::kHs256;
  std::string material;  // HS256: the secret bytes; RS256/ES256: a PEM public key
};

// The keys a verifier trusts, by kid. For our own tokens the first HS256 key signs and all
// verify, so a key is rotated by putting the new one first and dropping the old one after
// the longest token lifetime.
class JwtKeyRing {
 public:
  // "kid:secret[,kid:secret...]", each secret base64url (padding optional) of at least 32
  // bytes; the first signs. Throws std::invalid_argument saying what is wrong with which
  // entry (never echoing a secret).
  static JwtKeyRing parse_hs256(std::string_view spec);

  void add(JwtKey key);  // throws std::invalid_argument on a duplicate or empty kid
  [[nodiscard]] const JwtKey* find(std::string_view kid) const;
  [[nodiscard]] const JwtKey* signing_key() const;  // the first key added, or nullptr
  [[nodiscard]] bool empty() const { return keys_.empty(); }
  [[nodiscard]] std::size_t size() const { return keys_.size(); }

 private:
  std::vector<JwtKey> keys_;
};

enum class TokenError : std::uint8_t {
  kMalformed,       // not three base64url parts of JSON objects
  kAlgorithm,       // alg missing, none, or not the alg of the key named by kid
  kUnknownKey,      // kid missing or not in the key ring
  kSignature,       // the signature does not verify
  kExpired,         // exp in the past (beyond the leeway), or missing
  kNotYetValid,     // nbf in the future (beyond the leeway)
  kIssuedInFuture,  // iat in the future (beyond the leeway)
  kIssuer,          // iss is not the expected issuer
  kAudience,        // aud does not contain the expected audience
};
// A short sentence for the problem detail and the security log.
std::string_view describe(TokenError error);

// The checked claims of a valid token.
// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json's copy may throw bad_alloc
struct JwtClaims {
  std::string kid;
  std::string subject;  // "sub", maybe empty
  std::int64_t issued_at = 0;
  std::int64_t expires_at = 0;
  nlohmann::json payload;  // every claim, for the ones the caller maps (role, email, ...)
};

class JwtVerifier {
 public:
  struct Expectations {
    std::string issuer;
    std::string audience;
    std::chrono::seconds leeway{60};
  };
  JwtVerifier(std::shared_ptr<const JwtKeyRing> keys, Expectations expect);

  // The claims when `token` verifies at `now` (Unix seconds), else why not.
  [[nodiscard]] std::variant<JwtClaims, TokenError> verify(std::string_view token,
                                                           std::int64_t now) const;

 private:
  std::shared_ptr<const JwtKeyRing> keys_;
  Expectations expect_;
};

// The `iss` claim of `token` WITHOUT verifying anything: only to pick which verifier (ours,
// or the OIDC issuer's) must then check the token in full. Empty when there is none.
std::string unverified_issuer(std::string_view token);

// Signs our own access tokens with the key ring's signing key (HS256).
class JwtSigner {
 public:
  // Throws std::invalid_argument when the ring has no HS256 signing key.
  JwtSigner(std::shared_ptr<const JwtKeyRing> keys, std::string issuer, std::string audience);

  // A token for `subject` valid from `now` for `ttl`, with `extra` claims added (an object;
  // registered claims in it are ignored).
  [[nodiscard]] std::string sign(std::string_view subject, std::int64_t now,
                                 std::chrono::seconds ttl,
                                 const nlohmann::json& extra = nlohmann::json::object()) const;

 private:
  std::shared_ptr<const JwtKeyRing> keys_;
  std::string issuer_;
  std::string audience_;
};

}  // namespace vitrine::auth
