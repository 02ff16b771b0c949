#pragma once
// Check durations counted in fixed buckets, so latency figures over any window come from
// rollups (never raw results) and two histograms add up exactly. The bucket bounds are
// also the thresholds a latency SLO may use: "under 300 ms" is then an exact count, not an
// estimate (as Prometheus latency SLOs need an `le` bucket).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::domain {

class LatencyHistogram {
 public:
  // Upper bounds (inclusive) in milliseconds; one more bucket holds everything above the
  // last. Roughly 1-2-3-5 steps: a percentile is within one step of the true value.
  static constexpr std::array<std::int64_t, 37> kBoundsMs = {
      1,    2,    3,    4,    5,     7,     10,    15,    20,    25,    30,    40,   50,
      70,   100,  150,  200,  250,   300,   400,   500,   700,   1000,  1500,  2000, 2500,
      3000, 4000, 5000, 7000, 10000, 15000, 20000, 30000, 45000, 60000, 120000};
  static constexpr std::size_t kBuckets = kBoundsMs.size() + 1;

  void add(std::int64_t duration_us, std::uint64_t count = 1);
  void merge(const LatencyHistogram& other);

  [[nodiscard]] std::uint64_t count() const { return count_; }
  // Durations at most `bound_ms`, which must be one of kBoundsMs (is_bound).
  [[nodiscard]] std::uint64_t count_at_most(std::int64_t bound_ms) const;
  // The q-quantile (0 < q <= 1) in milliseconds, interpolated within its bucket; nullopt
  // when empty. Values above the last bound read as the last bound.
  [[nodiscard]] std::optional<double> quantile(double q) const;

  // Compact text for storage: "index:count" pairs of the non-empty buckets, comma-separated
  // ("" when empty). parse() accepts exactly what encode() writes; nullopt otherwise.
  [[nodiscard]] std::string encode() const;
  static std::optional<LatencyHistogram> parse(std::string_view text);

  static bool is_bound(std::int64_t ms);

  bool operator==(const LatencyHistogram&) const = default;

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0;
};

}  // namespace vitrine::domain
