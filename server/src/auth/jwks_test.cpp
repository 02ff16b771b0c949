// JWKS → key ring with keys the test makes (OpenSSL), tokens it signs (libjwt) and the
// verifier of auth/jwt.cpp: RS256 and ES256 verify with the key their kid names, and the
// classic attacks on public-key JWTs fail.
#include "auth/jwks.hpp"

#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string bn_param(const EVP_PKEY* key, const char* name) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, name, &bn), 1);
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));  // NOLINT: OpenSSL's type
  BN_free(bn);
  return util::base64url_encode(out);
}

std::string private_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);  // NOLINT(google-runtime-int): OpenSSL
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return pem;
}

std::string public_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);  // NOLINT(google-runtime-int): OpenSSL
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return pem;
}

nlohmann::json rsa_jwk(EVP_PKEY* key, const std::string& kid) {
  return {{"kty", "RSA"},
          {"kid", kid},
          {"use", "sig"},
          {"alg", "RS256"},
          {"n", bn_param(key, OSSL_PKEY_PARAM_RSA_N)},
          {"e", bn_param(key, OSSL_PKEY_PARAM_RSA_E)}};
}

nlohmann::json ec_jwk(EVP_PKEY* key, const std::string& kid) {
  return {{"kty", "EC"},
          {"kid", kid},
          {"crv", "P-256"},
          {"x", bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X)},
          {"y", bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y)}};
}

// A token signed by libjwt with `alg` and `key` (a private PEM, or an HMAC secret).
std::string sign(jwt_alg_t alg, const std::string& key, const std::string& kid,
                 const nlohmann::json& claims) {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_header(jwt, "kid", kid.c_str());
  jwt_add_grants_json(jwt, claims.dump().c_str());
  jwt_set_alg(jwt, alg, util::bytes_of(key), static_cast<int>(key.size()));
  char* out = jwt_encode_str(jwt);
  std::string token = out != nullptr ? out : "";
  std::free(out);  // NOLINT(cppcoreguidelines-no-malloc): libjwt allocates with malloc
  jwt_free(jwt);
  return token;
}

class JwksTest : public ::testing::Test {
 protected:
  Pkey rsa_{EVP_RSA_gen(2048)};
  Pkey ec_{EVP_EC_gen("P-256")};
  nlohmann::json claims_{{"iss", "https://idp.example"},
                         {"aud", "vitrine"},
                         {"sub", "user-1"},
                         {"iat", 1'000'000},
                         {"exp", 1'000'600}};
  [[nodiscard]] JwtVerifier verifier() const {
    const nlohmann::json jwks{{"keys", {rsa_jwk(rsa_.get(), "rsa-1"), ec_jwk(ec_.get(), "ec-1")}}};
    return JwtVerifier(std::make_shared<const JwtKeyRing>(parse_jwks(jwks.dump())),
                       {"https://idp.example", "vitrine", std::chrono::seconds(60)});
  }
};

TEST_F(JwksTest, rs256_and_es256_tokens_verify_with_the_key_their_kid_names) {
  const JwtVerifier v = verifier();
  const auto rs =
      v.verify(sign(JWT_ALG_RS256, private_pem(rsa_.get()), "rsa-1", claims_), 1'000'100);
  ASSERT_TRUE(std::holds_alternative<JwtClaims>(rs));
  EXPECT_EQ(std::get<JwtClaims>(rs).subject, "user-1");
  const auto es = v.verify(sign(JWT_ALG_ES256, private_pem(ec_.get()), "ec-1", claims_), 1'000'100);
  ASSERT_TRUE(std::holds_alternative<JwtClaims>(es)) << describe(std::get<TokenError>(es));
  // The right signature under the wrong kid: the key decides, so it fails.
  const auto swapped =
      v.verify(sign(JWT_ALG_ES256, private_pem(ec_.get()), "rsa-1", claims_), 1'000'100);
  EXPECT_EQ(std::get<TokenError>(swapped), TokenError::kAlgorithm);
}

TEST_F(JwksTest, refuses_hs256_signed_with_the_public_key_and_foreign_keys) {
  const JwtVerifier v = verifier();
  // Algorithm confusion: HMAC keyed with the RSA public key's PEM, under the RSA kid.
  const auto confused =
      v.verify(sign(JWT_ALG_HS256, public_pem(rsa_.get()), "rsa-1", claims_), 1'000'100);
  EXPECT_EQ(std::get<TokenError>(confused), TokenError::kAlgorithm);
  // Signed by a key that is not in the set, under a kid that is.
  const Pkey other(EVP_RSA_gen(2048));
  const auto foreign =
      v.verify(sign(JWT_ALG_RS256, private_pem(other.get()), "rsa-1", claims_), 1'000'100);
  EXPECT_EQ(std::get<TokenError>(foreign), TokenError::kSignature);
  const auto unknown =
      v.verify(sign(JWT_ALG_RS256, private_pem(rsa_.get()), "rsa-2", claims_), 1'000'100);
  EXPECT_EQ(std::get<TokenError>(unknown), TokenError::kUnknownKey);
}

TEST_F(JwksTest, skips_unusable_keys_and_refuses_a_set_without_any) {
  const Pkey small(EVP_RSA_gen(1024));
  nlohmann::json enc = rsa_jwk(rsa_.get(), "enc");
  enc["use"] = "enc";
  nlohmann::json p384 = ec_jwk(ec_.get(), "p384");
  p384["crv"] = "P-384";
  const nlohmann::json jwks{
      {"keys",
       {rsa_jwk(small.get(), "small"), enc, p384, {{"kty", "oct"}}, rsa_jwk(rsa_.get(), "good")}}};
  const JwtKeyRing ring = parse_jwks(jwks.dump());
  EXPECT_EQ(ring.size(), 1U);
  EXPECT_NE(ring.find("good"), nullptr);
  EXPECT_THROW(parse_jwks(R"({"keys": [{"kty": "oct", "kid": "x", "k": "c2VjcmV0"}]})"),
               std::invalid_argument);
  EXPECT_THROW(parse_jwks("[]"), std::invalid_argument);
  EXPECT_THROW(parse_jwks("{\"keys\": 1}"), std::invalid_argument);
  EXPECT_THROW(parse_jwks("not json"), std::invalid_argument);
  EXPECT_THROW(parse_jwks(std::string(100'000, '[')), std::invalid_argument);
}

}  // namespace
}  // namespace vitrine::auth
