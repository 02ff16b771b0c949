#include "auth/jwt.hpp"

#include <jwt.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

constexpr std::size_t kMaxTokenBytes = 8192;
constexpr std::size_t kMinSecretBytes = 32;
constexpr std::size_t kMaxKidLength = 64;

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct CFree {
  void operator()(char* p) const { std::free(p); }  // NOLINT(cppcoreguidelines-no-malloc)
};

jwt_alg_t to_libjwt(JwtAlg alg) {
  switch (alg) {
    case JwtAlg::kHs256:
      return JWT_ALG_HS256;
    case JwtAlg::kRs256:
      return JWT_ALG_RS256;
    case JwtAlg::kEs256:
      return JWT_ALG_ES256;
  }
  return JWT_ALG_INVAL;
}

bool valid_kid(std::string_view kid) {
  if (kid.empty() || kid.size() > kMaxKidLength) {
    return false;
  }
  return std::all_of(kid.begin(), kid.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// A base64url part of a compact JWS decoded and parsed as a JSON object.
std::optional<nlohmann::json> json_part(std::string_view part) {
  const auto bytes = util::base64url_decode(part);
  if (!bytes) {
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    return std::nullopt;
  }
  return j;
}

// A NumericDate claim (RFC 7519 §2: seconds, maybe fractional), floored.
std::optional<std::int64_t> numeric_date(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_number()) {
    return std::nullopt;
  }
  if (it->is_number_integer()) {
    return it->get<std::int64_t>();
  }
  const double d = it->get<double>();
  if (!std::isfinite(d) || std::fabs(d) > 1e15) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(std::floor(d));
}

bool audience_matches(const nlohmann::json& payload, const std::string& audience) {
  const auto it = payload.find("aud");
  if (it == payload.end()) {
    return false;
  }
  if (it->is_string()) {
    return it->get_ref<const std::string&>() == audience;
  }
  if (it->is_array()) {
    for (const auto& a : *it) {
      if (a.is_string() && a.get_ref<const std::string&>() == audience) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string unverified_issuer(std::string_view token) {
  const std::size_t dot1 = token.find('.');
  if (token.size() > kMaxTokenBytes || dot1 == std::string_view::npos) {
    return {};
  }
  const std::size_t dot2 = token.find('.', dot1 + 1);
  const auto payload = json_part(token.substr(
      dot1 + 1, dot2 == std::string_view::npos ? std::string_view::npos : dot2 - dot1 - 1));
  if (!payload) {
    return {};
  }
  const auto iss = payload->find("iss");
  return iss != payload->end() && iss->is_string() ? iss->get<std::string>() : std::string();
}

std::string_view jwt_alg_name(JwtAlg alg) {
  switch (alg) {
    case JwtAlg::kHs256:
      return "HS256";
    case JwtAlg::kRs256:
      return "RS256";
    case JwtAlg::kEs256:
      return "ES256";
  }
  return "";
}

std::string_view describe(TokenError error) {
  switch (error) {
    case TokenError::kMalformed:
      return "The token is not a well-formed JWT.";
    case TokenError::kAlgorithm:
      return "The token's algorithm is not the one its key is for.";
    case TokenError::kUnknownKey:
      return "The token names no key this server trusts.";
    case TokenError::kSignature:
      return "The token's signature does not verify.";
    case TokenError::kExpired:
      return "The token has expired.";
    case TokenError::kNotYetValid:
      return "The token is not valid yet.";
    case TokenError::kIssuedInFuture:
      return "The token was issued in the future.";
    case TokenError::kIssuer:
      return "The token is from another issuer.";
    case TokenError::kAudience:
      return "The token is for another audience.";
  }
  return "The token is not valid.";
}

JwtKeyRing JwtKeyRing::parse_hs256(std::string_view spec) {
  JwtKeyRing ring;
  std::size_t index = 0;
  while (!spec.empty()) {
    ++index;
    const std::size_t comma = spec.find(',');
    const std::string_view entry = util::trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    const std::string where = "key " + std::to_string(index);
    const std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos) {
      throw std::invalid_argument(where + ": expected kid:secret");
    }
    const std::string_view kid = entry.substr(0, colon);
    if (!valid_kid(kid)) {
      throw std::invalid_argument(where + ": the kid must be 1-64 of [A-Za-z0-9._-]");
    }
    std::string_view secret = entry.substr(colon + 1);
    while (secret.ends_with('=')) {
      secret.remove_suffix(1);
    }
    const auto bytes = util::base64url_decode(secret);
    if (!bytes) {
      throw std::invalid_argument(where + " (" + std::string(kid) +
                                  "): the secret is not base64url");
    }
    if (bytes->size() < kMinSecretBytes) {
      throw std::invalid_argument(where + " (" + std::string(kid) + "): the secret has " +
                                  std::to_string(bytes->size()) + " bytes; at least " +
                                  std::to_string(kMinSecretBytes) + " are needed");
    }
    ring.add({std::string(kid), JwtAlg::kHs256, *bytes});
  }
  if (ring.empty()) {
    throw std::invalid_argument("no key: expected kid:secret[,kid:secret...]");
  }
  return ring;
}

void JwtKeyRing::add(JwtKey key) {
  if (!valid_kid(key.kid)) {
    throw std::invalid_argument("a JWT key id must be 1-64 of [A-Za-z0-9._-]");
  }
  if (find(key.kid) != nullptr) {
    throw std::invalid_argument("the JWT key id '" + key.kid + "' appears twice");
  }
  keys_.push_back(std::move(key));
}

const JwtKey* JwtKeyRing::find(std::string_view kid) const {
  for (const JwtKey& k : keys_) {
    if (k.kid == kid) {
      return &k;
    }
  }
  return nullptr;
}

const JwtKey* JwtKeyRing::signing_key() const { return keys_.empty() ? nullptr : &keys_.front(); }

JwtVerifier::JwtVerifier(std::shared_ptr<const JwtKeyRing> keys, Expectations expect)
    : keys_(std::move(keys)), expect_(std::move(expect)) {}

std::variant<JwtClaims, TokenError> JwtVerifier::verify(std::string_view token,
                                                        std::int64_t now) const {
  // 1. Shape: header.payload.signature, each base64url; header and payload JSON objects.
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return TokenError::kMalformed;
  }
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 =
      dot1 == std::string_view::npos ? std::string_view::npos : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos ||
      dot2 + 1 == token.size()) {
    return TokenError::kMalformed;  // also a missing signature (alg none's empty third part)
  }
  const auto header = json_part(token.substr(0, dot1));
  auto payload = json_part(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header || !payload || header->contains("crit")) {
    return TokenError::kMalformed;  // "crit": extensions we do not understand (RFC 7515 §4.1.11)
  }
  // 2. The key named by kid decides the algorithm.
  const auto kid_it = header->find("kid");
  if (kid_it == header->end() || !kid_it->is_string()) {
    return TokenError::kUnknownKey;
  }
  const JwtKey* key = keys_->find(kid_it->get_ref<const std::string&>());
  if (key == nullptr) {
    return TokenError::kUnknownKey;
  }
  const auto alg_it = header->find("alg");
  if (alg_it == header->end() || !alg_it->is_string() ||
      alg_it->get_ref<const std::string&>() != jwt_alg_name(key->alg)) {
    return TokenError::kAlgorithm;
  }
  // 3. The signature, by libjwt, with that key only.
  const std::string terminated(token);
  jwt_t* raw = nullptr;
  const int rc = jwt_decode(&raw, terminated.c_str(), util::bytes_of(key->material),
                            static_cast<int>(key->material.size()));
  const JwtPtr jwt(raw);
  if (rc != 0 || !jwt || jwt_get_alg(jwt.get()) != to_libjwt(key->alg)) {
    return TokenError::kSignature;
  }
  // 4. The claims (libjwt checks none).
  const std::int64_t leeway = expect_.leeway.count();
  const auto exp = numeric_date(*payload, "exp");
  if (!exp || now > *exp + leeway) {
    return TokenError::kExpired;
  }
  if (const auto nbf = numeric_date(*payload, "nbf");
      payload->contains("nbf") && (!nbf || *nbf > now + leeway)) {
    return TokenError::kNotYetValid;
  }
  const auto iat = numeric_date(*payload, "iat");
  if (payload->contains("iat") && (!iat || *iat > now + leeway)) {
    return TokenError::kIssuedInFuture;
  }
  if (!expect_.issuer.empty()) {
    const auto iss = payload->find("iss");
    if (iss == payload->end() || !iss->is_string() ||
        iss->get_ref<const std::string&>() != expect_.issuer) {
      return TokenError::kIssuer;
    }
  }
  if (!expect_.audience.empty() && !audience_matches(*payload, expect_.audience)) {
    return TokenError::kAudience;
  }
  JwtClaims claims;
  claims.kid = key->kid;
  if (const auto sub = payload->find("sub"); sub != payload->end() && sub->is_string()) {
    claims.subject = sub->get<std::string>();
  }
  claims.issued_at = iat.value_or(0);
  claims.expires_at = *exp;
  claims.payload = std::move(*payload);
  return claims;
}

JwtSigner::JwtSigner(std::shared_ptr<const JwtKeyRing> keys, std::string issuer,
                     std::string audience)
    : keys_(std::move(keys)), issuer_(std::move(issuer)), audience_(std::move(audience)) {
  const JwtKey* k = keys_ ? keys_->signing_key() : nullptr;
  if (k == nullptr || k->alg != JwtAlg::kHs256) {
    throw std::invalid_argument("signing needs an HS256 key first in the key ring");
  }
}

std::string JwtSigner::sign(std::string_view subject, std::int64_t now, std::chrono::seconds ttl,
                            const nlohmann::json& extra) const {
  const JwtKey& key = *keys_->signing_key();
  nlohmann::json claims = nlohmann::json::object();
  if (extra.is_object()) {
    for (const auto& [name, value] : extra.items()) {
      claims[name] = value;
    }
  }
  claims["iss"] = issuer_;
  claims["aud"] = audience_;
  claims["sub"] = subject;
  claims["iat"] = now;
  claims["nbf"] = now;
  claims["exp"] = now + ttl.count();

  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) {
    throw std::runtime_error("jwt_new failed");
  }
  const JwtPtr jwt(raw);
  const std::string json = claims.dump();
  if (jwt_add_grants_json(jwt.get(), json.c_str()) != 0 ||
      jwt_add_header(jwt.get(), "kid", key.kid.c_str()) != 0 ||
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, util::bytes_of(key.material),
                  static_cast<int>(key.material.size())) != 0) {
    throw std::runtime_error("libjwt refused the token's claims or key");
  }
  const std::unique_ptr<char, CFree> out(jwt_encode_str(jwt.get()));
  if (!out) {
    throw std::runtime_error("jwt_encode_str failed");
  }
  return {out.get()};
}

}  // namespace vitrine::auth
