#pragma once
// A monitor's figures over a window (uptime, checks, downtime, latency percentiles) and
// the series of buckets behind its uptime bars, from hour rollups only: a 90-day summary
// reads at most 2,160 rows and never raw results. Pure.
//
// Windows are whole UTC buckets ending with the current one, as status pages draw them:
// 24h is 24 hourly buckets (the last is the hour now running), 7d, 30d and 90d are that
// many daily buckets (the last is today so far).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/rollup.hpp"

namespace vitrine::domain {

enum class Window : std::uint8_t { k24h, k7d, k30d, k90d };

std::optional<Window> parse_window(std::string_view text);
std::string_view to_string(Window window);

struct WindowRange {
  std::int64_t from_us = 0;    // the first bucket's start
  std::int64_t to_us = 0;      // the last bucket's end (after now)
  std::int64_t bucket_us = 0;  // one bucket's length
  int buckets = 0;
};

WindowRange window_range(Window window, std::int64_t now_us);

struct Summary {
  WindowRange range;
  Rollup total;
  std::vector<BucketRollup> buckets;  // range.buckets of them, empty ones included
};

// `hourly`: the monitor's hour rollups within the range, in any order.
Summary summarize(Window window, std::int64_t now_us, const std::vector<BucketRollup>& hourly);

}  // namespace vitrine::domain
