#include "domain/rollup.hpp"

#include <algorithm>
#include <array>

namespace vitrine::domain {
namespace {

constexpr std::array<Resolution, 2> kResolutions{Resolution::kMinute, Resolution::kHour};

bool decided(MonitorState s) { return s != MonitorState::kPending; }

}  // namespace

std::int64_t seconds_of(Resolution resolution) {
  return resolution == Resolution::kMinute ? 60 : 3600;
}

std::int64_t bucket_start_us(std::int64_t at_us, Resolution resolution) {
  const std::int64_t size = seconds_of(resolution) * 1'000'000;
  const std::int64_t r = at_us % size;
  return at_us - (r < 0 ? r + size : r);
}

std::vector<StateSpan> state_spans(const std::optional<MonitorStatus>& previous,
                                   const MonitorStatus& next, std::int64_t max_gap_us) {
  std::vector<StateSpan> spans;
  const std::int64_t at = next.last_check_us;
  const bool counted = previous && decided(previous->state) && previous->last_check_us > 0 &&
                       previous->last_check_us < at;
  const bool goes_down =
      next.state == MonitorState::kDown && (!previous || previous->state != MonitorState::kDown);
  if (goes_down && next.since_us < at) {
    // The streak began at since_us. Its time up to the previous check was counted in the
    // state before it (or not at all while pending); from there on it is down.
    const std::int64_t split = counted ? std::max(next.since_us, previous->last_check_us) : at;
    if (counted && next.since_us < split) {
      spans.push_back(
          {next.monitor_id, next.since_us, split, MonitorState::kDown, previous->state});
    }
    const std::int64_t from = counted ? split : next.since_us;
    spans.push_back({next.monitor_id, from, std::min(at, from + max_gap_us), MonitorState::kDown,
                     std::nullopt});
    return spans;
  }
  if (counted) {
    const std::int64_t from = previous->last_check_us;
    spans.push_back(
        {next.monitor_id, from, std::min(at, from + max_gap_us), previous->state, std::nullopt});
  }
  return spans;
}

void Rollup::add(const CheckResult& result) {
  ++checks;
  if (result.maintenance) {
    ++maintenance;
    return;
  }
  switch (result.state) {
    case CheckState::kUp:
      ++up;
      break;
    case CheckState::kDegraded:
      ++degraded;
      break;
    case CheckState::kDown:
      ++down;
      return;  // a failed check's duration says nothing of the service's latency
  }
  latency.add(result.timings.total_us);
}

void Rollup::add_time(MonitorState state, std::int64_t ms) {
  switch (state) {
    case MonitorState::kUp:
      up_ms += ms;
      break;
    case MonitorState::kDegraded:
      degraded_ms += ms;
      break;
    case MonitorState::kDown:
      down_ms += ms;
      break;
    case MonitorState::kPending:
      break;
  }
}

void Rollup::merge(const Rollup& other) {
  checks += other.checks;
  up += other.up;
  degraded += other.degraded;
  down += other.down;
  up_ms += other.up_ms;
  degraded_ms += other.degraded_ms;
  down_ms += other.down_ms;
  maintenance += other.maintenance;
  maintenance_ms += other.maintenance_ms;
  latency.merge(other.latency);
}

std::optional<double> Rollup::uptime() const {
  const std::int64_t total = observed_ms();
  if (total <= 0) {
    return std::nullopt;
  }
  return static_cast<double>(up_ms + degraded_ms) / static_cast<double>(total);
}

void add_result(RollupDelta& delta, const CheckResult& result) {
  for (const Resolution r : kResolutions) {
    delta[{result.monitor_id, r, bucket_start_us(result.at_us, r)}].add(result);
  }
}

void add_span(RollupDelta& delta, const StateSpan& span) {
  for (const Resolution r : kResolutions) {
    const std::int64_t size = seconds_of(r) * 1'000'000;
    // Whole milliseconds per bucket, measured from the span's start, so the parts add up
    // to the span's own length in ms however it is split.
    std::int64_t done_ms = 0;
    for (std::int64_t b = bucket_start_us(span.from_us, r); b < span.to_us; b += size) {
      const std::int64_t end = std::min(span.to_us, b + size);
      const std::int64_t until_ms = (end - span.from_us) / 1000;
      Rollup& rollup = delta[{span.monitor_id, r, b}];
      if (span.maintenance) {
        rollup.maintenance_ms += until_ms - done_ms;
      } else {
        rollup.add_time(span.state, until_ms - done_ms);
      }
      if (span.was && !span.maintenance) {
        rollup.add_time(*span.was, done_ms - until_ms);
      }
      done_ms = until_ms;
    }
  }
}

}  // namespace vitrine::domain
