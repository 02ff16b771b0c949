#include "auth/password.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

namespace vitrine::auth {
namespace {

TEST(PasswordPolicy, accepts_a_long_uncommon_password) {
  EXPECT_EQ(password_policy_error("correct horse battery staple"), std::nullopt);
}

TEST(PasswordPolicy, counts_characters_not_bytes) {
  EXPECT_NE(password_policy_error("elevenchars"), std::nullopt);  // 11
  EXPECT_EQ(password_policy_error("twelve chars"), std::nullopt);
  // 11 code points, 22 bytes: still too short.
  EXPECT_NE(password_policy_error("ééééééééééé"), std::nullopt);
  EXPECT_EQ(password_policy_error("éééééééééééé"), std::nullopt);
}

TEST(PasswordPolicy, refuses_common_passwords_in_any_case) {
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("password"));
  ASSERT_TRUE(is_common_password("qwerty123456"));
  EXPECT_TRUE(is_common_password("QWERTY123456"));
  const auto error = password_policy_error("Qwerty123456");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("common"), std::string::npos) << *error;
  EXPECT_FALSE(is_common_password("correct horse battery staple"));
}

TEST(PasswordPolicy, the_bundled_list_has_ten_thousand_entries) {
  EXPECT_TRUE(is_common_password("1qaz2wsx3edc"));  // rank 1,000
  EXPECT_TRUE(is_common_password("qqqqqq1"));       // rank 10,000, the last one in
  EXPECT_FALSE(is_common_password("cathy1"));       // rank 10,001 in zxcvbn's list
}

TEST(PasswordPolicy, refuses_invalid_utf8_and_oversized_input) {
  EXPECT_NE(password_policy_error(std::string("abcdefghijkl\xff", 13)), std::nullopt);
  EXPECT_NE(password_policy_error(std::string(kMaxPasswordBytes + 1, 'x')), std::nullopt);
  EXPECT_EQ(password_policy_error(std::string(kMaxPasswordBytes, 'x')), std::nullopt);
}

TEST(PasswordHasher, refuses_limits_below_interactive) {
  EXPECT_THROW(PasswordHasher({.passes = 1}), std::invalid_argument);
  EXPECT_THROW(PasswordHasher({.passes = 2, .memory_bytes = std::size_t{32} << 20U}),
               std::invalid_argument);
}

TEST(PasswordHasher, hashes_are_salted_argon2id_and_verify) {
  const PasswordHasher hasher;
  const std::string a = hasher.hash("correct horse battery staple");
  const std::string b = hasher.hash("correct horse battery staple");
  EXPECT_TRUE(a.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << a;
  EXPECT_NE(a, b);  // a fresh salt each time
  EXPECT_TRUE(hasher.verify(a, "correct horse battery staple"));
  EXPECT_TRUE(hasher.verify(b, "correct horse battery staple"));
  EXPECT_FALSE(hasher.verify(a, "correct horse battery stapl"));
  EXPECT_FALSE(hasher.verify(a, ""));
  EXPECT_EQ(a.find("correct"), std::string::npos);
}

TEST(PasswordHasher, malformed_stored_hashes_never_match) {
  const PasswordHasher hasher;
  EXPECT_FALSE(hasher.verify("", "x"));
  EXPECT_FALSE(hasher.verify("$argon2id$v=19$garbage", "x"));
  EXPECT_FALSE(hasher.verify(std::string(500, '$'), "x"));
  EXPECT_FALSE(hasher.verify(std::string("$argon2id\0$", 11), "x"));
  EXPECT_TRUE(hasher.needs_rehash("not a hash"));
}

TEST(PasswordHasher, rehash_is_needed_when_the_limits_rise) {
  const PasswordHasher old_limits;
  const PasswordHasher new_limits({.passes = 3});
  const std::string stored = old_limits.hash("correct horse battery staple");
  EXPECT_FALSE(old_limits.needs_rehash(stored));
  EXPECT_TRUE(new_limits.needs_rehash(stored));
  // An old hash still verifies under the new limits: it carries its own.
  EXPECT_TRUE(new_limits.verify(stored, "correct horse battery staple"));
  EXPECT_FALSE(new_limits.needs_rehash(new_limits.hash("correct horse battery staple")));
}

}  // namespace
}  // namespace vitrine::auth
