#pragma once
// What an SLO says now, from the monitor's rollups: the SLI over the window, the error
// budget (total, consumed, remaining) and the burn rates of the SRE workbook's multiwindow
// alerts (1h/5m and 6h/30m page, 1d/2h and 3d/6h ticket). Pure.
//
// The error ratio of a span of time: availability, the share of the observed time the
// monitor was down (domain/rollup.hpp); latency, the share of checks that failed or took
// longer than the threshold. The budget is (1 - objective) of the window; the share of it
// consumed is the error ratio over the window divided by (1 - objective), as Prometheus
// rules compute it (`vitrine slo rules`): over the observed part of the window.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/rollup.hpp"
#include "domain/slo.hpp"

namespace vitrine::domain {

// One multiwindow, multi-burn-rate alert: it fires when both windows burn faster than
// `factor` times the rate that would spend the budget exactly over the SLO's window.
struct BurnRule {
  std::string_view long_name;
  std::int64_t long_s;
  std::string_view short_name;
  std::int64_t short_s;
  double factor;
  std::string_view severity;  // page | ticket
};

inline constexpr std::array<BurnRule, 4> kBurnRules{{
    {"1h", 3'600, "5m", 300, 14.4, "page"},      // 2 % of a 30-day budget in an hour
    {"6h", 21'600, "30m", 1'800, 6, "page"},     // 5 % in six hours
    {"1d", 86'400, "2h", 7'200, 3, "ticket"},    // 10 % in a day
    {"3d", 259'200, "6h", 21'600, 1, "ticket"},  // 10 % in three days
}};

// Burn windows up to this long are summed from minute rollups, longer ones from hours.
inline constexpr std::int64_t kMinuteWindowsUpToS = 21'600;

// The rollups evaluate() needs: hours from hours_from_us, minutes from minutes_from_us.
struct SloRanges {
  std::int64_t hours_from_us = 0;
  std::int64_t minutes_from_us = 0;
  std::int64_t to_us = 0;
};
SloRanges slo_ranges(const Slo& slo, std::int64_t now_us);

struct BurnRate {
  const BurnRule* rule = nullptr;
  double long_rate = 0;
  double short_rate = 0;
  bool firing = false;
};

enum class SloState : std::uint8_t {
  kOk,
  kWarning,    // an alert's burn rate is exceeded, or less than a quarter of the budget left
  kExhausted,  // no budget left
};
std::string_view to_string(SloState state);

// The budget left at the end of one day of the window: the errors from the window's start to
// `at_us` against the whole window's budget, so the series falls from 1 (or stays) and
// ends at the report's remaining_ratio.
struct BudgetPoint {
  std::int64_t at_us = 0;
  double remaining_ratio = 1;
};

struct SloReport {
  std::optional<double> sli;  // good share over the window; nullopt: nothing observed
  double budget_minutes = 0;  // (1 - objective) of the window
  double consumed_ratio = 0;  // of the budget; above 1 when overspent
  double consumed_minutes = 0;
  double remaining_ratio = 1;  // 1 - consumed_ratio (negative when overspent)
  double remaining_minutes = 0;
  std::array<BurnRate, kBurnRules.size()> burn_rates{};
  SloState state = SloState::kOk;
  std::vector<BudgetPoint> budget_series;  // one per day of the window, oldest first
};

// The bad and the whole of `rollup` for this SLO: availability, the down and the observed
// milliseconds; latency, the checks that failed or were slower than the threshold and the
// counted checks.
struct BadShare {
  double bad = 0;
  double total = 0;
};
BadShare bad_share(const Slo& slo, const Rollup& rollup);

// The error ratio of `rollup` for this SLO (bad / total); nullopt when it observed nothing.
std::optional<double> error_ratio(const Slo& slo, const Rollup& rollup);

// `hours` and `minutes`: the monitor's rollups in the ranges slo_ranges() gives, any order.
SloReport evaluate(const Slo& slo, std::int64_t now_us, const std::vector<BucketRollup>& hours,
                   const std::vector<BucketRollup>& minutes);

}  // namespace vitrine::domain
