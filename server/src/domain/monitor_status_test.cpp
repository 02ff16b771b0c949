// The state rule on a scripted sequence of results, with retries = 1 (down after two
// failed checks in a row).
#include "domain/monitor_status.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

CheckResult result(std::int64_t at, CheckState state) {
  CheckResult r;
  r.monitor_id = "m";
  r.at_us = at;
  r.state = state;
  return r;
}

TEST(MonitorStatus, a_single_failure_is_tolerated_with_one_retry) {
  std::optional<MonitorStatus> s = advance(std::nullopt, result(10, CheckState::kUp), 1);
  EXPECT_EQ(s->state, MonitorState::kUp);
  EXPECT_EQ(s->since_us, 10);
  s = advance(s, result(20, CheckState::kDown), 1);
  EXPECT_EQ(s->state, MonitorState::kUp);
  EXPECT_EQ(s->failures, 1);
  EXPECT_EQ(s->failing_since_us, 20);
  s = advance(s, result(30, CheckState::kUp), 1);
  EXPECT_EQ(s->state, MonitorState::kUp);
  EXPECT_EQ(s->since_us, 10);  // never left up
  EXPECT_EQ(s->failures, 0);
}

TEST(MonitorStatus, down_starts_at_the_first_failure_of_the_streak) {
  std::optional<MonitorStatus> s = advance(std::nullopt, result(10, CheckState::kUp), 1);
  s = advance(s, result(20, CheckState::kDown), 1);
  s = advance(s, result(25, CheckState::kDown), 1);
  EXPECT_EQ(s->state, MonitorState::kDown);
  EXPECT_EQ(s->since_us, 20);
  s = advance(s, result(35, CheckState::kDown), 1);
  EXPECT_EQ(s->since_us, 20);
  EXPECT_EQ(s->failures, 3);
  s = advance(s, result(45, CheckState::kUp), 1);
  EXPECT_EQ(s->state, MonitorState::kUp);
  EXPECT_EQ(s->since_us, 45);
  EXPECT_EQ(s->last_check_us, 45);
}

TEST(MonitorStatus, zero_retries_is_down_at_the_first_failure) {
  const MonitorStatus s = advance(std::nullopt, result(10, CheckState::kDown), 0);
  EXPECT_EQ(s.state, MonitorState::kDown);
  EXPECT_EQ(s.since_us, 10);
}

TEST(MonitorStatus, a_new_monitor_failing_stays_pending_until_confirmed) {
  std::optional<MonitorStatus> s = advance(std::nullopt, result(10, CheckState::kDown), 2);
  EXPECT_EQ(s->state, MonitorState::kPending);
  s = advance(s, result(20, CheckState::kDown), 2);
  EXPECT_EQ(s->state, MonitorState::kPending);
  s = advance(s, result(30, CheckState::kDown), 2);
  EXPECT_EQ(s->state, MonitorState::kDown);
  EXPECT_EQ(s->since_us, 10);
}

TEST(MonitorStatus, degraded_is_its_own_state_and_clears_failures) {
  std::optional<MonitorStatus> s = advance(std::nullopt, result(10, CheckState::kDown), 1);
  s = advance(s, result(20, CheckState::kDegraded), 1);
  EXPECT_EQ(s->state, MonitorState::kDegraded);
  EXPECT_EQ(s->failures, 0);
  EXPECT_EQ(s->since_us, 20);
}

}  // namespace
}  // namespace vitrine::domain
