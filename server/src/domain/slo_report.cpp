#include "domain/slo_report.hpp"

namespace vitrine::domain {
namespace {

constexpr std::int64_t kUs = 1'000'000;

// The sum of the buckets of `size_s` overlapping the `length_s` before now.
Rollup sum_recent(const std::vector<BucketRollup>& buckets, std::int64_t size_s,
                  std::int64_t now_us, std::int64_t length_s) {
  Rollup total;
  for (const BucketRollup& b : buckets) {
    if (b.start_us + size_s * kUs > now_us - length_s * kUs && b.start_us <= now_us) {
      total.merge(b.rollup);
    }
  }
  return total;
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

std::optional<double> error_ratio(const Slo& slo, const Rollup& r) {
  if (slo.kind == SloKind::kAvailability) {
    const std::int64_t observed = r.observed_ms();
    if (observed <= 0) {
      return std::nullopt;
    }
    return static_cast<double>(r.down_ms) / static_cast<double>(observed);
  }
  if (r.counted_checks() <= 0) {
    return std::nullopt;
  }
  const auto good = static_cast<double>(r.latency.count_at_most(slo.threshold_ms));
  return 1.0 - good / static_cast<double>(r.counted_checks());
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
  report.state = report.remaining_ratio <= 0               ? SloState::kExhausted
                 : firing || report.remaining_ratio < 0.25 ? SloState::kWarning
                                                           : SloState::kOk;
  return report;
}

}  // namespace vitrine::domain
