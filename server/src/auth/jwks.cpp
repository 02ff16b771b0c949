#include "auth/jwks.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>
#include <optional>
#include <stdexcept>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

struct Free {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

// The base64url member `name` of `jwk` as bytes, or nullopt.
std::optional<std::string> bytes_member(const nlohmann::json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return std::nullopt;
  }
  auto bytes = util::base64url_decode(it->get_ref<const std::string&>());
  if (!bytes || bytes->empty()) {
    return std::nullopt;
  }
  return bytes;
}

Owned<BIGNUM> big(const std::string& bytes) {
  return Owned<BIGNUM>(BN_bin2bn(util::bytes_of(bytes), static_cast<int>(bytes.size()), nullptr));
}

// `params` made into a public key of `type` ("RSA", "EC"), written as PEM.
std::optional<std::string> public_pem(const char* type, const OSSL_PARAM* params) {
  const Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY,
                        const_cast<OSSL_PARAM*>(params)) <= 0) {  // NOLINT: OpenSSL's API
    return std::nullopt;
  }
  const Owned<EVP_PKEY> key(raw);
  const Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return std::nullopt;
  }
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);  // NOLINT(google-runtime-int): OpenSSL
  return std::string(data, static_cast<std::size_t>(n));
}

std::optional<std::string> rsa_pem(const nlohmann::json& jwk) {
  const auto n = bytes_member(jwk, "n");
  const auto e = bytes_member(jwk, "e");
  if (!n || !e || n->size() < 256) {  // RSA below 2048 bits is refused
    return std::nullopt;
  }
  const Owned<BIGNUM> bn_n = big(*n);
  const Owned<BIGNUM> bn_e = big(*e);
  const Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return std::nullopt;
  }
  const Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
  return params ? public_pem("RSA", params.get()) : std::nullopt;
}

std::optional<std::string> ec_p256_pem(const nlohmann::json& jwk) {
  const auto x = bytes_member(jwk, "x");
  const auto y = bytes_member(jwk, "y");
  if (jwk.value("crv", "") != "P-256" || !x || !y || x->size() != 32 || y->size() != 32) {
    return std::nullopt;
  }
  // The uncompressed point: 0x04 || x || y.
  std::string point = "\x04" + *x + *y;
  const Owned<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return std::nullopt;
  }
  const Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
  return params ? public_pem("EC", params.get()) : std::nullopt;
}

// The ring key of one JWK, or nullopt when it is not a usable signing key.
std::optional<JwtKey> ring_key(const nlohmann::json& jwk) {
  if (!jwk.is_object()) {
    return std::nullopt;
  }
  const std::string kid = jwk.value("kid", "");
  const std::string kty = jwk.value("kty", "");
  const std::string use = jwk.value("use", "sig");
  const std::string alg = jwk.value("alg", "");
  if (kid.empty() || use != "sig") {
    return std::nullopt;
  }
  if (kty == "RSA" && (alg.empty() || alg == "RS256")) {
    if (auto pem = rsa_pem(jwk)) {
      return JwtKey{kid, JwtAlg::kRs256, std::move(*pem)};
    }
  } else if (kty == "EC" && (alg.empty() || alg == "ES256")) {
    if (auto pem = ec_p256_pem(jwk)) {
      return JwtKey{kid, JwtAlg::kEs256, std::move(*pem)};
    }
  }
  return std::nullopt;
}

}  // namespace

JwtKeyRing parse_jwks(std::string_view json) {
  // A JWKS is two levels deep; a deeply nested document (a broken or hostile issuer) is
  // refused before the recursive parser could exhaust the stack.
  constexpr int kMaxDepth = 16;
  bool too_deep = false;
  const nlohmann::json doc = nlohmann::json::parse(
      json,
      [&too_deep](int depth, nlohmann::json::parse_event_t /*event*/, nlohmann::json& /*j*/) {
        too_deep = too_deep || depth > kMaxDepth;
        return !too_deep;
      },
      false);
  if (too_deep) {
    throw std::invalid_argument("the JWKS is nested too deeply");
  }
  if (doc.is_discarded() || !doc.is_object()) {
    throw std::invalid_argument("the JWKS is not a JSON object");
  }
  const auto keys = doc.find("keys");
  if (keys == doc.end() || !keys->is_array()) {
    throw std::invalid_argument("the JWKS has no \"keys\" array");
  }
  JwtKeyRing ring;
  for (const nlohmann::json& jwk : *keys) {
    if (auto key = ring_key(jwk)) {
      try {
        ring.add(std::move(*key));
      } catch (const std::invalid_argument&) {
        // a duplicate or unacceptable kid: skipped like any unusable key
      }
    }
  }
  if (ring.empty()) {
    throw std::invalid_argument(
        "the JWKS has no usable signing key (RSA of 2048 bits or more for RS256, or EC P-256 "
        "for ES256, each with a kid)");
  }
  return ring;
}

}  // namespace vitrine::auth
