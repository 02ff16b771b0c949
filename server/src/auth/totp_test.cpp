#include "auth/totp.hpp"

#include <gtest/gtest.h>

#include <set>

#include "auth/sealed_box.hpp"

namespace vitrine::auth {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 appendix B, SHA-1

TEST(Totp, reproduces_the_rfc_6238_vectors) {
  // The RFC lists 8 digits; authenticator apps (and we) use the last 6.
  EXPECT_EQ(totp_code(kRfcSecret, 59), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(totp_code(kRfcSecret, 1234567890), "005924");
  EXPECT_EQ(totp_code(kRfcSecret, 2000000000), "279037");
}

TEST(Totp, accepts_one_step_of_skew_and_names_the_step) {
  const std::int64_t now = 1'764'000'000;
  const std::int64_t step = now / 30;
  EXPECT_EQ(totp_step(kRfcSecret, totp_code(kRfcSecret, now), now), step);
  EXPECT_EQ(totp_step(kRfcSecret, totp_code(kRfcSecret, now - 30), now), step - 1);
  EXPECT_EQ(totp_step(kRfcSecret, totp_code(kRfcSecret, now + 30), now), step + 1);
  EXPECT_EQ(totp_step(kRfcSecret, totp_code(kRfcSecret, now - 90), now), std::nullopt);
}

TEST(Totp, only_six_digits_are_compared) {
  const std::int64_t now = 1'764'000'000;
  const std::string code = totp_code(kRfcSecret, now);
  for (const std::string& bad : {code + "0", code.substr(1), std::string("12a456"), std::string(""),
                                 std::string(" ") + code.substr(1)}) {
    EXPECT_EQ(totp_step(kRfcSecret, bad, now), std::nullopt) << bad;
  }
}

TEST(Totp, secrets_and_uris) {
  const std::string secret = new_totp_secret();
  EXPECT_EQ(secret.size(), kTotpSecretBytes);
  EXPECT_NE(secret, new_totp_secret());
  EXPECT_EQ(base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(otpauth_uri("Vitrine", "ada@example.com", kRfcSecret),
            "otpauth://totp/Vitrine:ada@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Vitrine&algorithm=SHA1&digits=6&period=30");
  EXPECT_TRUE(otpauth_uri("My Co", "a b", "x").starts_with("otpauth://totp/My%20Co:a%20b?"));
}

TEST(RecoveryCodes, ten_distinct_codes_hashed_in_normal_form) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), kRecoveryCodes);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), kRecoveryCodes);
  EXPECT_EQ(codes[0].size(), 14U);
  EXPECT_EQ(codes[0][4], '-');
  EXPECT_EQ(recovery_code_hash("abcd-efgh-jkmn"), recovery_code_hash("ABCDEFGH JKMN"));
  EXPECT_NE(recovery_code_hash("abcd-efgh-jkmn"), recovery_code_hash("abcd-efgh-jkmp"));
  EXPECT_EQ(recovery_code_hash("x").size(), 64U);
}

TEST(SealedBox, opens_only_with_the_key_and_the_owner) {
  const DataKey key = DataKey::parse(DataKey::generate_text());
  const DataKey other = DataKey::parse(DataKey::generate_text());
  const std::string sealed = key.seal("totp seed", "user-1");
  EXPECT_EQ(key.open(sealed, "user-1"), "totp seed");
  EXPECT_EQ(key.open(sealed, "user-2"), std::nullopt);  // moved to another row
  EXPECT_EQ(other.open(sealed, "user-1"), std::nullopt);
  EXPECT_NE(key.seal("totp seed", "user-1"), sealed);  // a fresh nonce each time
  std::string damaged = sealed;
  damaged[damaged.size() / 2] = damaged[damaged.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(key.open(damaged, "user-1"), std::nullopt);
  EXPECT_EQ(key.open("", "user-1"), std::nullopt);
}

TEST(SealedBox, keys_must_be_32_bytes_of_base64url) {
  EXPECT_THROW(DataKey::parse("short"), std::invalid_argument);
  EXPECT_THROW(DataKey::parse("!!!!"), std::invalid_argument);
  EXPECT_NO_THROW(DataKey::parse(DataKey::generate_text() + "="));
}

}  // namespace
}  // namespace vitrine::auth
