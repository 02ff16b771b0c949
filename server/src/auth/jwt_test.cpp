#include "auth/jwt.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <variant>

#include "util/base64.hpp"
#include "util/text.hpp"

namespace vitrine::auth {
namespace {

constexpr std::int64_t kNow = 1'764'000'000;
const std::string kSecret(32, 'k');  // 32 bytes of 'k'
const std::string kOther(32, 'o');

// HS256 over header.payload with `secret`, built without libjwt: an independent check of
// what the verifier accepts.
std::string hs256(const nlohmann::json& header, const nlohmann::json& payload,
                  const std::string& secret) {
  const std::string input =
      util::base64url_encode(header.dump()) + "." + util::base64url_encode(payload.dump());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, util::bytes_of(secret), secret.size());
  crypto_auth_hmacsha256_update(&st, util::bytes_of(input), input.size());
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): bytes into a string
  crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(mac.data()));
  return input + "." + util::base64url_encode(mac);
}

nlohmann::json good_payload() {
  return {{"iss", "https://vitrine.test"},
          {"aud", "vitrine"},
          {"sub", "u1"},
          {"iat", kNow},
          {"nbf", kNow},
          {"exp", kNow + 900}};
}

nlohmann::json hs_header(const std::string& kid = "k1") {
  return {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid}};
}

std::shared_ptr<const JwtKeyRing> test_keys() {
  auto ring = std::make_shared<JwtKeyRing>();
  ring->add({"k1", JwtAlg::kHs256, kSecret});
  ring->add({"k0", JwtAlg::kHs256, kOther});  // an older key: verifies, never signs
  // An RSA issuer's public key (its bytes only matter as a would-be HMAC secret here).
  ring->add({"rs", JwtAlg::kRs256, "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n"});
  return ring;
}

class Jwt : public ::testing::Test {
 protected:
  [[nodiscard]] std::variant<JwtClaims, TokenError> verify(const std::string& token,
                                                           std::int64_t now = kNow) const {
    return verifier_.verify(token, now);
  }
  void expect_error(const std::string& token, TokenError error, std::int64_t now = kNow) const {
    const auto r = verify(token, now);
    ASSERT_TRUE(std::holds_alternative<TokenError>(r)) << token;
    EXPECT_EQ(static_cast<int>(std::get<TokenError>(r)), static_cast<int>(error))
        << describe(std::get<TokenError>(r));
  }

  std::shared_ptr<const JwtKeyRing> keys_ = test_keys();
  JwtVerifier verifier_{keys_, {"https://vitrine.test", "vitrine"}};
};

TEST_F(Jwt, accepts_a_well_formed_token_signed_by_a_trusted_key) {
  const auto r = verify(hs256(hs_header(), good_payload(), kSecret));
  ASSERT_TRUE(std::holds_alternative<JwtClaims>(r));
  const auto& c = std::get<JwtClaims>(r);
  EXPECT_EQ(c.subject, "u1");
  EXPECT_EQ(c.kid, "k1");
  EXPECT_EQ(c.expires_at, kNow + 900);
}

TEST_F(Jwt, an_older_key_still_verifies) {
  EXPECT_TRUE(
      std::holds_alternative<JwtClaims>(verify(hs256(hs_header("k0"), good_payload(), kOther))));
}

TEST_F(Jwt, rejects_token_with_alg_none) {
  const nlohmann::json header{{"alg", "none"}, {"kid", "k1"}};
  const std::string unsigned_token = util::base64url_encode(header.dump()) + "." +
                                     util::base64url_encode(good_payload().dump()) + ".";
  expect_error(unsigned_token, TokenError::kMalformed);
  // With a signature part present, the alg itself is refused.
  expect_error(hs256(header, good_payload(), kSecret), TokenError::kAlgorithm);
  expect_error(hs256({{"alg", "None"}, {"kid", "k1"}}, good_payload(), kSecret),
               TokenError::kAlgorithm);
}

TEST_F(Jwt, rejects_hs256_signed_with_an_rsa_public_key) {
  const JwtKey& rs = *keys_->find("rs");
  expect_error(hs256(hs_header("rs"), good_payload(), rs.material), TokenError::kAlgorithm);
}

TEST_F(Jwt, rejects_another_hmac_than_the_key_is_for) {
  expect_error(hs256({{"alg", "HS512"}, {"kid", "k1"}}, good_payload(), kSecret),
               TokenError::kAlgorithm);
  expect_error(hs256({{"kid", "k1"}}, good_payload(), kSecret), TokenError::kAlgorithm);
}

TEST_F(Jwt, rejects_unknown_or_missing_kid) {
  expect_error(hs256(hs_header("k9"), good_payload(), kSecret), TokenError::kUnknownKey);
  expect_error(hs256({{"alg", "HS256"}}, good_payload(), kSecret), TokenError::kUnknownKey);
  expect_error(hs256({{"alg", "HS256"}, {"kid", 7}}, good_payload(), kSecret),
               TokenError::kUnknownKey);
}

TEST_F(Jwt, rejects_a_bad_signature_and_a_tampered_payload) {
  expect_error(hs256(hs_header(), good_payload(), kOther), TokenError::kSignature);
  const std::string token = hs256(hs_header(), good_payload(), kSecret);
  const std::size_t dot1 = token.find('.');
  const std::size_t dot2 = token.rfind('.');
  nlohmann::json elevated = good_payload();
  elevated["sub"] = "admin";
  const std::string tampered =
      token.substr(0, dot1 + 1) + util::base64url_encode(elevated.dump()) + token.substr(dot2);
  expect_error(tampered, TokenError::kSignature);
}

TEST_F(Jwt, rejects_truncated_and_malformed_tokens) {
  const std::string token = hs256(hs_header(), good_payload(), kSecret);
  expect_error(token.substr(0, token.size() - 5), TokenError::kSignature);
  expect_error(token.substr(0, token.rfind('.')), TokenError::kMalformed);
  expect_error(token.substr(0, token.find('.')), TokenError::kMalformed);
  expect_error("", TokenError::kMalformed);
  expect_error("a.b.c", TokenError::kMalformed);
  expect_error(token + ".x", TokenError::kMalformed);
  expect_error("!!!." + token.substr(token.find('.') + 1), TokenError::kMalformed);
  expect_error(std::string(9000, 'a'), TokenError::kMalformed);
  // A JSON array is not a header.
  expect_error(util::base64url_encode("[1]") + "." + util::base64url_encode("{}") + ".c2ln",
               TokenError::kMalformed);
  // Critical extensions we do not understand.
  nlohmann::json crit = hs_header();
  crit["crit"] = {"b64"};
  expect_error(hs256(crit, good_payload(), kSecret), TokenError::kMalformed);
}

TEST_F(Jwt, checks_expiry_with_sixty_seconds_of_leeway) {
  const std::string token = hs256(hs_header(), good_payload(), kSecret);
  EXPECT_TRUE(std::holds_alternative<JwtClaims>(verify(token, kNow + 900 + 60)));
  expect_error(token, TokenError::kExpired, kNow + 900 + 61);
  nlohmann::json no_exp = good_payload();
  no_exp.erase("exp");
  expect_error(hs256(hs_header(), no_exp, kSecret), TokenError::kExpired);
  nlohmann::json text_exp = good_payload();
  text_exp["exp"] = "tomorrow";
  expect_error(hs256(hs_header(), text_exp, kSecret), TokenError::kExpired);
}

TEST_F(Jwt, refuses_a_future_nbf_or_iat_beyond_the_leeway) {
  nlohmann::json p = good_payload();
  p["nbf"] = kNow + 61;
  expect_error(hs256(hs_header(), p, kSecret), TokenError::kNotYetValid);
  p["nbf"] = kNow + 60;
  EXPECT_TRUE(std::holds_alternative<JwtClaims>(verify(hs256(hs_header(), p, kSecret))));
  p = good_payload();
  p["iat"] = kNow + 3600;
  expect_error(hs256(hs_header(), p, kSecret), TokenError::kIssuedInFuture);
}

TEST_F(Jwt, checks_issuer_and_audience) {
  nlohmann::json p = good_payload();
  p["iss"] = "https://evil.test";
  expect_error(hs256(hs_header(), p, kSecret), TokenError::kIssuer);
  p = good_payload();
  p.erase("iss");
  expect_error(hs256(hs_header(), p, kSecret), TokenError::kIssuer);
  p = good_payload();
  p["aud"] = "grafana";
  expect_error(hs256(hs_header(), p, kSecret), TokenError::kAudience);
  p["aud"] = {"grafana", "vitrine"};
  EXPECT_TRUE(std::holds_alternative<JwtClaims>(verify(hs256(hs_header(), p, kSecret))));
}

TEST_F(Jwt, signed_tokens_verify_and_carry_extra_claims) {
  const JwtSigner signer(keys_, "https://vitrine.test", "vitrine");
  const std::string token =
      signer.sign("u42", kNow, std::chrono::seconds(900), {{"role", "editor"}, {"exp", 1}});
  const auto r = verify(token);
  ASSERT_TRUE(std::holds_alternative<JwtClaims>(r)) << token;
  const auto& c = std::get<JwtClaims>(r);
  EXPECT_EQ(c.subject, "u42");
  EXPECT_EQ(c.kid, "k1");               // the first key signs
  EXPECT_EQ(c.expires_at, kNow + 900);  // registered claims in `extra` are ignored
  EXPECT_EQ(c.payload.at("role"), "editor");
  expect_error(token, TokenError::kExpired, kNow + 961);
}

TEST(JwtKeyRing, parses_kid_secret_pairs_first_signs) {
  const std::string s1 = util::base64url_encode(kSecret);
  const std::string s2 = util::base64url_encode(kOther) + "=";  // padding tolerated
  const JwtKeyRing ring = JwtKeyRing::parse_hs256("2026-11:" + s1 + ", 2026-05:" + s2);
  ASSERT_EQ(ring.size(), 2U);
  EXPECT_EQ(ring.signing_key()->kid, "2026-11");
  EXPECT_EQ(ring.find("2026-05")->material, kOther);
}

TEST(JwtKeyRing, refuses_bad_specs_without_echoing_secrets) {
  const std::string secret = util::base64url_encode(kSecret);
  const auto message = [](const std::string& spec) {
    try {
      static_cast<void>(JwtKeyRing::parse_hs256(spec));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("").find("no key"), std::string::npos);
  EXPECT_NE(message("k1" + secret).find("kid:secret"), std::string::npos);
  EXPECT_NE(message("k1:" + util::base64url_encode("short")).find("at least 32"),
            std::string::npos);
  EXPECT_NE(message("k 1:" + secret).find("kid"), std::string::npos);
  EXPECT_NE(message("k1:" + secret + ",k1:" + secret).find("twice"), std::string::npos);
  const std::string bad = message("k1:not*base64*" + secret);
  EXPECT_NE(bad.find("base64url"), std::string::npos);
  EXPECT_EQ(bad.find(secret), std::string::npos);
}

TEST(JwtSigner, needs_an_hs256_signing_key) {
  EXPECT_THROW(JwtSigner(std::make_shared<JwtKeyRing>(), "i", "a"), std::invalid_argument);
  auto ring = std::make_shared<JwtKeyRing>();
  ring->add({"rs", JwtAlg::kRs256, "pem"});
  EXPECT_THROW(JwtSigner(ring, "i", "a"), std::invalid_argument);
}

}  // namespace
}  // namespace vitrine::auth
