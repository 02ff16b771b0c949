#include "domain/latency_histogram.hpp"

#include <algorithm>
#include <charconv>

namespace vitrine::domain {
namespace {

std::size_t bucket_of(std::int64_t duration_us) {
  // Bucket i holds (bound[i-1], bound[i]] in ms; compare in microseconds, no rounding.
  const auto* it = std::lower_bound(
      LatencyHistogram::kBoundsMs.begin(), LatencyHistogram::kBoundsMs.end(), duration_us,
      [](std::int64_t bound_ms, std::int64_t us) { return bound_ms * 1000 < us; });
  return static_cast<std::size_t>(it - LatencyHistogram::kBoundsMs.begin());
}

template <typename T>
bool parse_number(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

void LatencyHistogram::add(std::int64_t duration_us, std::uint64_t count) {
  counts_[bucket_of(std::max<std::int64_t>(duration_us, 0))] += count;
  count_ += count;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (std::size_t i = 0; i < kBuckets; ++i) {
    counts_[i] += other.counts_[i];
  }
  count_ += other.count_;
}

bool LatencyHistogram::is_bound(std::int64_t ms) {
  return std::binary_search(kBoundsMs.begin(), kBoundsMs.end(), ms);
}

std::uint64_t LatencyHistogram::count_at_most(std::int64_t bound_ms) const {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < kBoundsMs.size() && kBoundsMs[i] <= bound_ms; ++i) {
    n += counts_[i];
  }
  return n;
}

std::optional<double> LatencyHistogram::quantile(double q) const {
  if (count_ == 0) {
    return std::nullopt;
  }
  // The rank of the wanted observation, then linear interpolation inside its bucket (as
  // Prometheus' histogram_quantile does).
  const double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(count_);
  double seen = 0;
  for (std::size_t i = 0; i < kBoundsMs.size(); ++i) {
    const auto in_bucket = static_cast<double>(counts_[i]);
    if (in_bucket > 0 && seen + in_bucket >= rank) {
      const double lower = i == 0 ? 0.0 : static_cast<double>(kBoundsMs[i - 1]);
      const auto upper = static_cast<double>(kBoundsMs[i]);
      return lower + (upper - lower) * ((rank - seen) / in_bucket);
    }
    seen += in_bucket;
  }
  return static_cast<double>(kBoundsMs.back());
}

std::string LatencyHistogram::encode() const {
  std::string out;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    if (counts_[i] != 0) {
      if (!out.empty()) {
        out += ',';
      }
      out += std::to_string(i);
      out += ':';
      out += std::to_string(counts_[i]);
    }
  }
  return out;
}

std::optional<LatencyHistogram> LatencyHistogram::parse(std::string_view text) {
  LatencyHistogram h;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view pair = text.substr(0, comma);
    const bool last = comma == std::string_view::npos;
    text = last ? std::string_view() : text.substr(comma + 1);
    if (!last && text.empty()) {
      return std::nullopt;  // a trailing comma
    }
    const std::size_t colon = pair.find(':');
    std::size_t index = 0;
    std::uint64_t count = 0;
    if (colon == std::string_view::npos || !parse_number(pair.substr(0, colon), index) ||
        !parse_number(pair.substr(colon + 1), count) || index >= kBuckets || count == 0) {
      return std::nullopt;
    }
    h.counts_[index] += count;
    h.count_ += count;
  }
  return h;
}

}  // namespace vitrine::domain
