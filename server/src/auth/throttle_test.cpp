#include "auth/throttle.hpp"

#include <gtest/gtest.h>

namespace vitrine::auth {
namespace {

using std::chrono::seconds;
using Clock = LoginThrottle::Clock;

TEST(LoginThrottle, a_few_failures_are_free_then_the_wait_doubles) {
  LoginThrottle t({.free_failures_per_account = 3, .free_failures_per_address = 100});
  const Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(t.wait("ada", "1.2.3.4", t0).has_value());
    t.failed("ada", "1.2.3.4", t0);
  }
  EXPECT_FALSE(t.wait("ada", "1.2.3.4", t0).has_value());
  t.failed("ada", "1.2.3.4", t0);  // 4th: 1 s
  EXPECT_EQ(t.wait("ada", "1.2.3.4", t0), seconds(1));
  EXPECT_FALSE(t.wait("ada", "1.2.3.4", t0 + seconds(1)).has_value());
  t.failed("ada", "1.2.3.4", t0 + seconds(1));  // 5th: 2 s
  EXPECT_EQ(t.wait("ada", "1.2.3.4", t0 + seconds(1)), seconds(2));
  t.failed("ada", "1.2.3.4", t0 + seconds(3));  // 6th: 4 s
  EXPECT_EQ(t.wait("ada", "1.2.3.4", t0 + seconds(3)), seconds(4));
  // Another account from the same address is not blocked by ada's failures.
  EXPECT_FALSE(t.wait("bob", "1.2.3.4", t0 + seconds(3)).has_value());
}

TEST(LoginThrottle, the_wait_is_capped) {
  LoginThrottle t({.free_failures_per_account = 0, .max_delay = seconds(60)});
  Clock::time_point now{};
  for (int i = 0; i < 40; ++i) {
    t.failed("ada", "a", now);
  }
  EXPECT_EQ(t.wait("ada", "b", now), seconds(60));
}

TEST(LoginThrottle, one_address_guessing_many_accounts_is_throttled) {
  LoginThrottle t({.free_failures_per_account = 100, .free_failures_per_address = 2});
  const Clock::time_point t0{};
  t.failed("a", "9.9.9.9", t0);
  t.failed("b", "9.9.9.9", t0);
  EXPECT_FALSE(t.wait("c", "9.9.9.9", t0).has_value());
  t.failed("c", "9.9.9.9", t0);
  EXPECT_EQ(t.wait("d", "9.9.9.9", t0), seconds(1));
  EXPECT_FALSE(t.wait("d", "8.8.8.8", t0).has_value());
}

TEST(LoginThrottle, success_and_quiet_time_clear_the_count) {
  LoginThrottle t({.free_failures_per_account = 1,
                   .free_failures_per_address = 100,
                   .forget_after = seconds(600)});
  const Clock::time_point t0{};
  t.failed("ada", "a", t0);
  t.failed("ada", "a", t0);
  EXPECT_TRUE(t.wait("ada", "a", t0).has_value());
  t.succeeded("ada");
  EXPECT_FALSE(t.wait("ada", "a", t0).has_value());
  t.failed("ada", "a", t0);
  t.failed("ada", "a", t0);
  t.failed("ada", "a", t0 + seconds(601));  // the old ones are forgotten: 1 failure, free
  EXPECT_FALSE(t.wait("ada", "a", t0 + seconds(601)).has_value());
}

TEST(LoginThrottle, memory_is_bounded) {
  LoginThrottle t({.free_failures_per_account = 0, .max_entries = 10});
  Clock::time_point now{};
  for (int i = 0; i < 1000; ++i) {
    now += seconds(1);
    t.failed("user" + std::to_string(i), "addr" + std::to_string(i), now);
  }
  // The newest are remembered; the oldest were dropped to make room.
  EXPECT_TRUE(t.wait("user999", "x", now).has_value());
  EXPECT_FALSE(t.wait("user0", "x", now).has_value());
}

}  // namespace
}  // namespace vitrine::auth
