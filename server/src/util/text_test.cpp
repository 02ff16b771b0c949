#include "util/text.hpp"

#include <gtest/gtest.h>

namespace vitrine::util {
namespace {

TEST(Text, iequals_is_ascii_case_insensitive) {
  EXPECT_TRUE(iequals("Content-Type", "content-type"));
  EXPECT_FALSE(iequals("Content-Type", "content-typ"));
  EXPECT_FALSE(iequals("\xC3\x89", "\xC3\xA9"));  // É and é differ: ASCII only
}

TEST(Text, istarts_with_checks_bounds) {
  EXPECT_TRUE(istarts_with("Bearer x", 0, "bearer"));
  EXPECT_TRUE(istarts_with("a Basic", 2, "BASIC"));
  EXPECT_FALSE(istarts_with("Bear", 0, "bearer"));
  EXPECT_FALSE(istarts_with("abc", 5, "a"));
}

TEST(Text, trim_removes_only_the_given_characters) {
  EXPECT_EQ(trim("  a b \t"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim("\r x\r", " \t\r"), "x");
  EXPECT_EQ(trim("\rx"), "\rx");
}

TEST(Text, hex_digit_values) {
  EXPECT_EQ(hex_digit('0'), 0);
  EXPECT_EQ(hex_digit('a'), 10);
  EXPECT_EQ(hex_digit('F'), 15);
  EXPECT_EQ(hex_digit('g'), -1);
}

}  // namespace
}  // namespace vitrine::util
