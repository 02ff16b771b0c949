#include "domain/summary.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

constexpr std::int64_t kHour = 3'600'000'000;
constexpr std::int64_t kDay = 24 * kHour;

BucketRollup hour(std::int64_t start_us, std::int64_t up_ms, std::int64_t down_ms) {
  BucketRollup b;
  b.start_us = start_us;
  b.rollup.checks = 60;
  b.rollup.up_ms = up_ms;
  b.rollup.down_ms = down_ms;
  b.rollup.latency.add(42'000, 60);
  return b;
}

TEST(Summary, windows_are_whole_utc_buckets_ending_with_the_current_one) {
  const std::int64_t now = 1000 * kDay + 5 * kHour + 17;  // day 1000, 05:00 and a bit
  const WindowRange day = window_range(Window::k24h, now);
  EXPECT_EQ(day.to_us, 1000 * kDay + 6 * kHour);
  EXPECT_EQ(day.from_us, 999 * kDay + 6 * kHour);
  EXPECT_EQ(day.buckets, 24);
  const WindowRange quarter = window_range(Window::k90d, now);
  EXPECT_EQ(quarter.to_us, 1001 * kDay);
  EXPECT_EQ(quarter.from_us, 911 * kDay);
  EXPECT_EQ(quarter.bucket_us, kDay);
}

TEST(Summary, hours_add_up_into_daily_bars_and_the_total) {
  const std::int64_t now = 1000 * kDay + 12 * kHour;
  // Yesterday: 23 good hours and one with 30 minutes down; today: two good hours. One hour
  // before the window (day 910) is left out.
  std::vector<BucketRollup> hours;
  hours.reserve(27);
  for (int h = 0; h < 24; ++h) {
    hours.push_back(
        hour(999 * kDay + h * kHour, h == 7 ? 1'800'000 : 3'600'000, h == 7 ? 1'800'000 : 0));
  }
  hours.push_back(hour(1000 * kDay, 3'600'000, 0));
  hours.push_back(hour(1000 * kDay + kHour, 3'600'000, 0));
  hours.push_back(hour(910 * kDay, 0, 3'600'000));

  const Summary s = summarize(Window::k7d, now, hours);
  ASSERT_EQ(s.buckets.size(), 7U);
  EXPECT_EQ(s.buckets[6].start_us, 1000 * kDay);
  EXPECT_EQ(s.buckets[6].rollup.checks, 120);
  EXPECT_EQ(s.buckets[5].rollup.down_ms, 1'800'000);
  EXPECT_FALSE(s.buckets[0].rollup.uptime().has_value());  // nothing checked that day
  EXPECT_EQ(s.total.checks, 26 * 60);
  EXPECT_EQ(s.total.down_ms, 1'800'000);
  // 26 hours observed, half an hour of it down.
  EXPECT_DOUBLE_EQ(*s.total.uptime(), (26.0 * 60 - 30) / (26.0 * 60));
  EXPECT_EQ(s.total.latency.count(), 26U * 60);
}

TEST(Summary, window_names_round_trip) {
  for (const char* name : {"24h", "7d", "30d", "90d"}) {
    EXPECT_EQ(to_string(*parse_window(name)), name);
  }
  EXPECT_FALSE(parse_window("1y").has_value());
}

}  // namespace
}  // namespace vitrine::domain
