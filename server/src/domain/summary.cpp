#include "domain/summary.hpp"

#include <array>

namespace vitrine::domain {
namespace {

constexpr std::int64_t kHourUs = 3'600'000'000;
constexpr std::int64_t kDayUs = 24 * kHourUs;

struct WindowInfo {
  Window window;
  std::string_view name;
  std::int64_t bucket_us;
  int buckets;
};

constexpr std::array<WindowInfo, 4> kWindows{{{Window::k24h, "24h", kHourUs, 24},
                                              {Window::k7d, "7d", kDayUs, 7},
                                              {Window::k30d, "30d", kDayUs, 30},
                                              {Window::k90d, "90d", kDayUs, 90}}};

const WindowInfo& info(Window window) { return kWindows[static_cast<std::size_t>(window)]; }

std::int64_t floor_to(std::int64_t us, std::int64_t size) {
  const std::int64_t r = us % size;
  return us - (r < 0 ? r + size : r);
}

}  // namespace

std::optional<Window> parse_window(std::string_view text) {
  for (const WindowInfo& w : kWindows) {
    if (text == w.name) {
      return w.window;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Window window) { return info(window).name; }

WindowRange window_range(Window window, std::int64_t now_us) {
  const WindowInfo& w = info(window);
  WindowRange r;
  r.bucket_us = w.bucket_us;
  r.buckets = w.buckets;
  r.to_us = floor_to(now_us, w.bucket_us) + w.bucket_us;
  r.from_us = r.to_us - w.bucket_us * w.buckets;
  return r;
}

Summary summarize(Window window, std::int64_t now_us, const std::vector<BucketRollup>& hourly) {
  Summary s;
  s.range = window_range(window, now_us);
  s.buckets.resize(static_cast<std::size_t>(s.range.buckets));
  for (std::size_t i = 0; i < s.buckets.size(); ++i) {
    s.buckets[i].start_us = s.range.from_us + static_cast<std::int64_t>(i) * s.range.bucket_us;
  }
  for (const BucketRollup& h : hourly) {
    if (h.start_us < s.range.from_us || h.start_us >= s.range.to_us) {
      continue;
    }
    const auto i = static_cast<std::size_t>((h.start_us - s.range.from_us) / s.range.bucket_us);
    s.buckets[i].rollup.merge(h.rollup);
    s.total.merge(h.rollup);
  }
  return s;
}

}  // namespace vitrine::domain
