// Rollups on scripted check sequences whose uptime and downtime are worked out by hand.
#include "domain/rollup.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace vitrine::domain {
namespace {

constexpr std::int64_t kS = 1'000'000;  // one second in microseconds
constexpr std::int64_t kMaxGap = 70 * kS;
constexpr std::int64_t kDay = 86'400 * kS;  // the scripts start a day after the epoch

CheckResult result(std::int64_t at_s, CheckState state, std::int64_t total_ms = 20) {
  CheckResult r;
  r.monitor_id = "m";
  r.at_us = kDay + at_s * kS;
  r.state = state;
  r.timings.total_us = total_ms * 1000;
  return r;
}

// Runs the checks through the retry rule and sums everything into one rollup.
Rollup run(const std::vector<CheckResult>& checks, int retries) {
  RollupDelta delta;
  std::optional<MonitorStatus> status;
  for (const CheckResult& r : checks) {
    const MonitorStatus next = advance(status, r, retries);
    add_result(delta, r);
    for (const StateSpan& span : state_spans(status, next, kMaxGap)) {
      add_span(delta, span);
    }
    status = next;
  }
  Rollup total;
  for (const auto& [key, rollup] : delta) {
    if (key.resolution == Resolution::kHour) {
      total.merge(rollup);
    }
  }
  return total;
}

TEST(Rollup, downtime_runs_from_the_first_failure_to_the_recovery) {
  // retries 1: down at the second failure (130 s), since the first (120 s); up at 250 s.
  const Rollup r =
      run({result(0, CheckState::kUp), result(60, CheckState::kUp), result(120, CheckState::kDown),
           result(130, CheckState::kDown), result(190, CheckState::kDown),
           result(250, CheckState::kUp), result(310, CheckState::kUp)},
          1);
  EXPECT_EQ(r.checks, 7);
  EXPECT_EQ(r.up, 4);
  EXPECT_EQ(r.down, 3);
  EXPECT_EQ(r.up_ms, 180'000);    // [0, 120) and [250, 310)
  EXPECT_EQ(r.down_ms, 130'000);  // [120, 250)
  EXPECT_DOUBLE_EQ(*r.uptime(), 180.0 / 310.0);
  EXPECT_EQ(r.latency.count(), 4U);  // failed checks' durations are not latency
}

TEST(Rollup, a_failure_retried_good_is_no_downtime) {
  const Rollup r = run({result(0, CheckState::kUp), result(60, CheckState::kDown),
                        result(70, CheckState::kUp), result(130, CheckState::kUp)},
                       1);
  EXPECT_EQ(r.down, 1);
  EXPECT_EQ(r.down_ms, 0);
  EXPECT_EQ(r.up_ms, 130'000);
}

TEST(Rollup, a_longer_streak_moves_its_time_from_up_to_down) {
  // retries 2: failures at 120 and 130 s are still "up"; the third (140 s) makes the monitor
  // down since 120 s, and [120, 130) counted as up moves to down.
  const Rollup r = run({result(0, CheckState::kUp), result(60, CheckState::kUp),
                        result(120, CheckState::kDown), result(130, CheckState::kDown),
                        result(140, CheckState::kDown), result(200, CheckState::kUp)},
                       2);
  EXPECT_EQ(r.up_ms, 120'000);
  EXPECT_EQ(r.down_ms, 80'000);
}

TEST(Rollup, degraded_time_is_up_time_but_kept_apart) {
  const Rollup r = run({result(0, CheckState::kDegraded), result(60, CheckState::kDegraded),
                        result(120, CheckState::kUp)},
                       1);
  EXPECT_EQ(r.degraded_ms, 120'000);
  EXPECT_DOUBLE_EQ(*r.uptime(), 1.0);
}

TEST(Rollup, a_gap_while_nothing_checked_counts_only_up_to_the_limit) {
  const Rollup r = run({result(0, CheckState::kUp), result(3600, CheckState::kUp)}, 1);
  EXPECT_EQ(r.up_ms, 70'000);
  EXPECT_FALSE(Rollup().uptime().has_value());
}

TEST(Rollup, spans_split_at_bucket_edges) {
  RollupDelta delta;
  add_span(delta, {"m", 30 * kS, 150 * kS, MonitorState::kDown, std::nullopt});
  EXPECT_EQ((delta[{"m", Resolution::kMinute, 0}].down_ms), 30'000);
  EXPECT_EQ((delta[{"m", Resolution::kMinute, 60 * kS}].down_ms), 60'000);
  EXPECT_EQ((delta[{"m", Resolution::kMinute, 120 * kS}].down_ms), 30'000);
  EXPECT_EQ((delta[{"m", Resolution::kHour, 0}].down_ms), 120'000);
}

TEST(Rollup, buckets_start_on_utc_minutes_and_hours) {
  EXPECT_EQ(bucket_start_us(3'725 * kS + 5, Resolution::kMinute), 3'720 * kS);
  EXPECT_EQ(bucket_start_us(3'725 * kS, Resolution::kHour), 3'600 * kS);
  EXPECT_EQ(bucket_start_us(-1, Resolution::kMinute), -60 * kS);
}

}  // namespace
}  // namespace vitrine::domain
