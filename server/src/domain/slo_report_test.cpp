// SLO figures on scripted rollups whose budget and burn rates are worked out by hand.
#include "domain/slo_report.hpp"

#include <gtest/gtest.h>

namespace vitrine::domain {
namespace {

constexpr std::int64_t kMin = 60'000'000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kNow = 1000 * kDay + 12 * kHour;

Slo availability(double objective) {
  Slo s;
  s.objective = objective;
  s.window_days = 30;
  return s;
}

BucketRollup bucket(std::int64_t start, std::int64_t length_ms, std::int64_t down_ms,
                    std::int64_t checks = 1) {
  BucketRollup b;
  b.start_us = start;
  b.rollup.up_ms = length_ms - down_ms;
  b.rollup.down_ms = down_ms;
  b.rollup.checks = checks;
  return b;
}

// 30 days of hours before now, all up but `down_ms` in the hour at `down_at` and the last
// `recent_down_min` minutes; minutes for the last 6 hours to match.
struct Script {
  std::vector<BucketRollup> hours, minutes;
  Script(std::int64_t down_at, std::int64_t down_ms, int recent_down_min) {
    for (std::int64_t h = kNow - 30 * kDay; h < kNow; h += kHour) {
      std::int64_t down = h == down_at ? down_ms : 0;
      if (h == kNow - kHour) {
        down += std::int64_t{recent_down_min} * 60'000;
      }
      hours.push_back(bucket(h, 3'600'000, down));
    }
    for (std::int64_t m = kNow - 6 * kHour; m < kNow; m += kMin) {
      minutes.push_back(bucket(m, 60'000, m >= kNow - recent_down_min * kMin ? 60'000 : 0));
    }
  }
};

TEST(SloReport, budget_of_a_fully_observed_window) {
  // 99 %: 432 budget minutes in 30 days. 36 minutes down five days ago and the last 5.
  const Script s(kNow - 5 * kDay, std::int64_t{36} * 60'000, 5);
  const SloReport r = evaluate(availability(0.99), kNow, s.hours, s.minutes);
  EXPECT_NEAR(r.budget_minutes, 432.0, 1e-9);
  EXPECT_NEAR(r.consumed_minutes, 41.0, 1e-9);
  EXPECT_NEAR(r.remaining_minutes, 391.0, 1e-9);
  EXPECT_NEAR(r.remaining_ratio, 391.0 / 432.0, 1e-12);
  EXPECT_NEAR(*r.sli, 1.0 - 41.0 / (30 * 1440), 1e-12);
  // Burn rates: the down share of each window over the allowed 1 %.
  EXPECT_NEAR(r.burn_rates[0].short_rate, 100.0, 1e-9);             // 5m: all down
  EXPECT_NEAR(r.burn_rates[0].long_rate, 5.0 / 60 / 0.01, 1e-9);    // 1h
  EXPECT_NEAR(r.burn_rates[1].short_rate, 5.0 / 30 / 0.01, 1e-9);   // 30m
  EXPECT_NEAR(r.burn_rates[1].long_rate, 5.0 / 360 / 0.01, 1e-9);   // 6h
  EXPECT_NEAR(r.burn_rates[2].short_rate, 5.0 / 120 / 0.01, 1e-9);  // 2h
  EXPECT_NEAR(r.burn_rates[2].long_rate, 5.0 / 1440 / 0.01, 1e-9);  // 1d, from hours
  EXPECT_NEAR(r.burn_rates[3].long_rate, 5.0 / 4320 / 0.01, 1e-9);  // 3d
  EXPECT_FALSE(r.burn_rates[0].firing);  // the hour burns at 8.3, not 14.4
  EXPECT_EQ(r.state, SloState::kOk);
}

TEST(SloReport, budget_series_falls_on_the_days_the_errors_happened) {
  // 99 % over 30 days: 432 budget minutes. 36 minutes down in the hour starting five days
  // before now (the first hour of day 26 of the window), 5 more in the last hour.
  const Script s(kNow - 5 * kDay, std::int64_t{36} * 60'000, 5);
  const SloReport r = evaluate(availability(0.99), kNow, s.hours, s.minutes);
  ASSERT_EQ(r.budget_series.size(), 30U);
  for (std::size_t day = 0; day < 25; ++day) {
    EXPECT_DOUBLE_EQ(r.budget_series[day].remaining_ratio, 1.0) << "day " << day;
  }
  for (std::size_t day = 25; day < 29; ++day) {
    EXPECT_NEAR(r.budget_series[day].remaining_ratio, 1.0 - 36.0 / 432.0, 1e-12) << day;
  }
  EXPECT_NEAR(r.budget_series.back().remaining_ratio, r.remaining_ratio, 1e-12);
  EXPECT_EQ(r.budget_series.front().at_us, kNow - 29 * kDay);
  EXPECT_EQ(r.budget_series.back().at_us, kNow);
}

TEST(SloReport, budget_series_of_a_latency_objective_counts_slow_checks) {
  // 7 days, 90 %: a tenth of the checks may be slow. Each hour 10 checks; on day 3 one hour
  // has 5 of its 10 checks slower than the threshold.
  Slo slo;
  slo.kind = SloKind::kLatency;
  slo.objective = 0.9;
  slo.window_days = 7;
  slo.threshold_ms = 100;
  std::vector<BucketRollup> hours;
  for (std::int64_t h = kNow - 7 * kDay; h < kNow; h += kHour) {
    BucketRollup b = bucket(h, 3'600'000, 0, 10);
    const bool slow_hour = h == kNow - 5 * kDay;
    for (int i = 0; i < 10; ++i) {
      b.rollup.latency.add(slow_hour && i < 5 ? 400'000 : 20'000);  // microseconds
    }
    hours.push_back(b);
  }
  const SloReport r = evaluate(slo, kNow, hours, {});
  ASSERT_EQ(r.budget_series.size(), 7U);
  // 5 slow of 1680 checks against a budget of 168 checks.
  EXPECT_DOUBLE_EQ(r.budget_series[1].remaining_ratio, 1.0);
  EXPECT_NEAR(r.budget_series[2].remaining_ratio, 1.0 - 5.0 / 168.0, 1e-12);
  EXPECT_NEAR(r.budget_series[6].remaining_ratio, r.remaining_ratio, 1e-12);
}

TEST(SloReport, a_fast_burn_pages_before_the_budget_is_gone) {
  // The last hour down: 60 of 432 minutes spent, but at 100 times the sustainable rate.
  const Script s(0, 0, 60);
  const SloReport r = evaluate(availability(0.99), kNow, s.hours, s.minutes);
  EXPECT_TRUE(r.burn_rates[0].firing);
  EXPECT_EQ(r.burn_rates[0].rule->severity, "page");
  EXPECT_TRUE(r.burn_rates[1].firing);  // 6h at 16.7 and 30m at 100, both above 6
  EXPECT_NEAR(r.consumed_minutes, 60.0, 1e-9);
  EXPECT_EQ(r.state, SloState::kWarning);
}

TEST(SloReport, an_overspent_budget_is_exhausted_and_goes_negative) {
  // 99.9 %: 43.2 minutes; 60 down a week ago.
  const Script s(kNow - 7 * kDay, 3'600'000, 0);
  const SloReport r = evaluate(availability(0.999), kNow, s.hours, s.minutes);
  EXPECT_NEAR(r.remaining_minutes, 43.2 - 60.0, 1e-9);
  EXPECT_LT(r.remaining_ratio, 0);
  EXPECT_EQ(r.state, SloState::kExhausted);
  EXPECT_FALSE(r.burn_rates[0].firing);  // nothing burns now
}

TEST(SloReport, latency_counts_failed_and_slow_checks_as_bad) {
  Slo slo;
  slo.kind = SloKind::kLatency;
  slo.objective = 0.95;
  slo.threshold_ms = 300;
  BucketRollup h;
  h.start_us = kNow - kHour;
  h.rollup.checks = 100;
  h.rollup.down = 2;                  // failed: no latency
  h.rollup.latency.add(120'000, 90);  // fast
  h.rollup.latency.add(300'000, 3);   // exactly at the threshold: good
  h.rollup.latency.add(450'000, 5);   // slow
  const SloReport r = evaluate(slo, kNow, {h}, {});
  EXPECT_NEAR(*r.sli, 0.93, 1e-12);
  EXPECT_NEAR(r.consumed_ratio, 0.07 / 0.05, 1e-9);
  EXPECT_EQ(r.state, SloState::kExhausted);
}

TEST(SloReport, nothing_observed_spends_nothing) {
  const SloReport r = evaluate(availability(0.995), kNow, {}, {});
  EXPECT_FALSE(r.sli.has_value());
  EXPECT_DOUBLE_EQ(r.remaining_ratio, 1.0);
  EXPECT_EQ(r.state, SloState::kOk);
}

TEST(Slo, validates_objective_window_and_threshold) {
  Slo s;
  s.name = "api";
  s.monitor_id = "01890a5d-ac96-774b-bcce-b302099a8057";
  EXPECT_TRUE(validate(s).empty());
  s.objective = 0.4;
  s.window_days = 14;
  s.kind = SloKind::kLatency;
  s.threshold_ms = 301;
  const auto errors = validate(s);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].field, "objective");
  EXPECT_EQ(errors[1].field, "window");
  EXPECT_EQ(errors[2].field, "threshold_ms");
}

}  // namespace
}  // namespace vitrine::domain
