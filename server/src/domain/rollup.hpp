#pragma once
// Check results summed per monitor and time bucket (a minute or an hour), so uptime,
// downtime, latency and SLO figures over days or months read a few hundred rows instead of
// every result. Built as results are stored (store/sql/sql_result_store.cpp); pure here.
//
// Two measures, both kept: checks by result (the event view: "98 of 100 checks passed",
// and the latency distribution of the good ones), and time by the monitor's state (the
// time view: "down 4 min 10 s"), where the state is the one the retry rule decides
// (domain/monitor_status.hpp), so a single failed check retried good is no downtime.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/check_result.hpp"
#include "domain/latency_histogram.hpp"
#include "domain/monitor_status.hpp"

namespace vitrine::domain {

enum class Resolution : std::uint8_t { kMinute, kHour };

std::int64_t seconds_of(Resolution resolution);
// The start of the bucket holding `at_us` (microseconds since the epoch, UTC).
std::int64_t bucket_start_us(std::int64_t at_us, Resolution resolution);

// A stretch of time the monitor spent in one decided state (up, degraded or down). With
// `was`, the stretch was counted in that state before and moves to `state`.
struct StateSpan {
  std::string monitor_id;
  std::int64_t from_us = 0;
  std::int64_t to_us = 0;
  MonitorState state = MonitorState::kUp;
  std::optional<MonitorState> was;
  bool maintenance = false;  // inside a maintenance window: counted apart, in no state
  bool operator==(const StateSpan&) const = default;
};

// The time a result accounts for, from the monitor's status before it (`previous`) and
// after it (`next`): the time since the previous check, in the state that check decided
// (a gap longer than `max_gap_us`, when the server was not checking, counts only its first
// `max_gap_us`). When this result takes the monitor down, the monitor is down from the
// first failure of the streak: the streak's time so far moves from the state it was
// counted in to down. Nothing is counted before the first decided state.
std::vector<StateSpan> state_spans(const std::optional<MonitorStatus>& previous,
                                   const MonitorStatus& next, std::int64_t max_gap_us);

struct Rollup {
  std::int64_t checks = 0;
  std::int64_t up = 0;
  std::int64_t degraded = 0;
  std::int64_t down = 0;
  std::int64_t up_ms = 0;
  std::int64_t degraded_ms = 0;
  std::int64_t down_ms = 0;
  // Inside maintenance windows: checks (also in `checks`, in no result count nor latency)
  // and time (in no state's time), left out of uptime and SLOs.
  std::int64_t maintenance = 0;
  std::int64_t maintenance_ms = 0;
  LatencyHistogram latency;  // total duration of the checks that were up or degraded

  void add(const CheckResult& result);
  void add_time(MonitorState state, std::int64_t ms);
  void merge(const Rollup& other);

  // Time in a decided state; uptime is (up + degraded) / that, nullopt when no time.
  [[nodiscard]] std::int64_t observed_ms() const { return up_ms + degraded_ms + down_ms; }
  // The checks that count: those outside maintenance windows.
  [[nodiscard]] std::int64_t counted_checks() const { return checks - maintenance; }
  [[nodiscard]] std::optional<double> uptime() const;
  bool operator==(const Rollup&) const = default;
};

// A rollup and the start of its bucket.
struct BucketRollup {
  std::int64_t start_us = 0;
  Rollup rollup;
};

struct RollupKey {
  std::string monitor_id;
  Resolution resolution = Resolution::kMinute;
  std::int64_t bucket_us = 0;
  friend bool operator<(const RollupKey& a, const RollupKey& b) {
    return std::tie(a.monitor_id, a.resolution, a.bucket_us) <
           std::tie(b.monitor_id, b.resolution, b.bucket_us);
  }
};

using RollupDelta = std::map<RollupKey, Rollup>;

// Adds a result to the minute and hour buckets it falls in.
void add_result(RollupDelta& delta, const CheckResult& result);
// Adds a span's time to every minute and hour bucket it overlaps, split at their edges.
void add_span(RollupDelta& delta, const StateSpan& span);

}  // namespace vitrine::domain
