#include "http/cookies.hpp"

#include <gtest/gtest.h>

namespace vitrine::http {
namespace {

TEST(Cookies, finds_a_cookie_among_others) {
  EXPECT_EQ(cookie_value("a=1; vitrine_refresh=abc; b=2", "vitrine_refresh"), "abc");
  EXPECT_EQ(cookie_value("vitrine_refresh=abc", "vitrine_refresh"), "abc");
  EXPECT_EQ(cookie_value("  vitrine_refresh = \"abc\" ;", "vitrine_refresh"), "abc");
  EXPECT_EQ(cookie_value("x=1; vitrine_refresh=first; vitrine_refresh=second", "vitrine_refresh"),
            "first");
}

TEST(Cookies, skips_malformed_pairs_and_similar_names) {
  EXPECT_EQ(cookie_value("garbage; =x; vitrine_refreshX=1", "vitrine_refresh"), std::nullopt);
  EXPECT_EQ(cookie_value("", "a"), std::nullopt);
  EXPECT_EQ(cookie_value(";;;", "a"), std::nullopt);
  EXPECT_EQ(cookie_value("a=", "a"), "");
}

TEST(Cookies, set_cookie_carries_the_session_attributes) {
  EXPECT_EQ(set_cookie("s", "v", {"/api/v1/auth", std::chrono::seconds(60), true, true, "Strict"}),
            "s=v; Path=/api/v1/auth; Max-Age=60; HttpOnly; Secure; SameSite=Strict");
  EXPECT_EQ(set_cookie("s", "", {"/", std::chrono::seconds(0), true, false, "Strict"}),
            "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
}

}  // namespace
}  // namespace vitrine::http
