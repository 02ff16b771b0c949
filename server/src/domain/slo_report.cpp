#include "domain/slo_report.hpp"

namespace vitrine::domain {
namespace {

constexpr std::int64_t kUs = 1'000'000;

// The sum of the buckets of `size_s` overlapping [from_us, to_us].
Rollup sum_between(const std::vector<BucketRollup>& buckets, std::int64_t size_s,
                   std::int64_t from_us, std::int64_t to_us) {
  Rollup total;
  for (const BucketRollup& b : buckets) {
    if (b.start_us + size_s * kUs > from_us && b.start_us <= to_us) {
      total.merge(b.rollup);
    }
  }
  return total;
}

// The sum of the buckets of `size_s` overlapping the `length_s` before now.
Rollup sum_recent(const std::vector<BucketRollup>& buckets, std::int64_t size_s,
                  std::int64_t now_us, std::int64_t length_s) {
  return sum_between(buckets, size_s, now_us - length_s * kUs, now_us);
}

// The budget left at the end of each day of the window (the last day ends now). An hour
// counts in the day it starts in; the first one may start before the window, as in the
// report's own sum.
std::vector<BudgetPoint> budget_series(const Slo& slo, std::int64_t now_us,
                                       const std::vector<BucketRollup>& hours,
                                       double budget_ratio) {
  constexpr std::int64_t kDayUs = 86'400 * kUs;
  const std::int64_t from_us = now_us - std::int64_t{slo.window_days} * kDayUs;
  const BadShare whole =
      bad_share(slo, sum_recent(hours, 3600, now_us, std::int64_t{slo.window_days} * 86'400));
  std::vector<BudgetPoint> series;
  series.reserve(static_cast<std::size_t>(slo.window_days));
  for (int day = 1; day <= slo.window_days; ++day) {
    const std::int64_t end_us = from_us + day * kDayUs;
    // The hours that start before the day ends (the last day: up to now, as the report).
    const Rollup so_far =
        sum_between(hours, 3600, from_us, day == slo.window_days ? now_us : end_us - 1);
    const double consumed =
        whole.total > 0 ? bad_share(slo, so_far).bad / whole.total / budget_ratio : 0.0;
    series.push_back({end_us, 1.0 - consumed});
  }
  return series;
}

}  // namespace

std::string_view to_string(SloState state) {
  switch (state) {
    case SloState::kOk:
      return "ok";
    case SloState::kWarning:
      return "warning";
    case SloState::kExhausted:
      return "exhausted";
  }
  return "ok";
}

SloRanges slo_ranges(const Slo& slo, std::int64_t now_us) {
  SloRanges r;
  r.to_us = now_us + 1;
  r.hours_from_us =
      bucket_start_us(now_us - std::int64_t{slo.window_days} * 86'400 * kUs, Resolution::kHour);
  r.minutes_from_us = bucket_start_us(now_us - kMinuteWindowsUpToS * kUs, Resolution::kMinute);
  return r;
}

BadShare bad_share(const Slo& slo, const Rollup& r) {
  if (slo.kind == SloKind::kAvailability) {
    return {static_cast<double>(r.down_ms), static_cast<double>(r.observed_ms())};
  }
  const auto counted = static_cast<double>(r.counted_checks());
  return {counted - static_cast<double>(r.latency.count_at_most(slo.threshold_ms)), counted};
}

std::optional<double> error_ratio(const Slo& slo, const Rollup& r) {
  const BadShare share = bad_share(slo, r);
  if (share.total <= 0) {
    return std::nullopt;
  }
  return share.bad / share.total;
}

SloReport evaluate(const Slo& slo, std::int64_t now_us, const std::vector<BucketRollup>& hours,
                   const std::vector<BucketRollup>& minutes) {
  SloReport report;
  const double allowed = 1.0 - slo.objective;
  report.budget_minutes = allowed * slo.window_days * 1440.0;
  const Rollup window = sum_recent(hours, 3600, now_us, std::int64_t{slo.window_days} * 86'400);
  if (const auto bad = error_ratio(slo, window)) {
    report.sli = 1.0 - *bad;
    report.consumed_ratio = *bad / allowed;
  }
  report.consumed_minutes = report.consumed_ratio * report.budget_minutes;
  report.remaining_ratio = 1.0 - report.consumed_ratio;
  report.remaining_minutes = report.remaining_ratio * report.budget_minutes;

  const auto burn = [&](std::int64_t length_s) {
    const Rollup r = length_s <= kMinuteWindowsUpToS ? sum_recent(minutes, 60, now_us, length_s)
                                                     : sum_recent(hours, 3600, now_us, length_s);
    return error_ratio(slo, r).value_or(0.0) / allowed;
  };
  bool firing = false;
  for (std::size_t i = 0; i < kBurnRules.size(); ++i) {
    const BurnRule& rule = kBurnRules[i];
    BurnRate& rate = report.burn_rates[i];
    rate.rule = &rule;
    rate.long_rate = burn(rule.long_s);
    rate.short_rate = burn(rule.short_s);
    rate.firing = rate.long_rate > rule.factor && rate.short_rate > rule.factor;
    firing = firing || rate.firing;
  }
  report.budget_series = budget_series(slo, now_us, hours, allowed);
  report.state = report.remaining_ratio <= 0               ? SloState::kExhausted
                 : firing || report.remaining_ratio < 0.25 ? SloState::kWarning
                                                           : SloState::kOk;
  return report;
}

}  // namespace vitrine::domain
