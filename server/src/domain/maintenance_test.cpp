// Maintenance windows: their times, their rules, and how they take time out of the
// states (2026-11-02 is a Monday).
#include "domain/maintenance.hpp"

#include <gtest/gtest.h>

#include "util/time.hpp"

namespace vitrine::domain {
namespace {

std::int64_t at(const char* text) { return util::parse_rfc3339(text).value(); }

Recurrence rule(const char* text) {
  std::string error;
  return parse_rrule(text, error).value();
}

TEST(Maintenance, windows_overlapping_a_range_include_one_begun_before_it) {
  Maintenance m;
  m.starts_at_us = at("2026-11-02T02:00:00Z");
  m.duration_s = 7200;
  m.recurrence = rule("FREQ=DAILY");
  EXPECT_EQ(windows(m, at("2026-11-03T03:00:00Z"), at("2026-11-04T03:00:00Z")),
            (std::vector<Interval>{{at("2026-11-03T02:00:00Z"), at("2026-11-03T04:00:00Z")},
                                   {at("2026-11-04T02:00:00Z"), at("2026-11-04T04:00:00Z")}}));
  EXPECT_TRUE(windows(m, at("2026-11-03T04:00:00Z"), at("2026-11-04T02:00:00Z")).empty());
}

TEST(Maintenance, validation_names_each_field) {
  Maintenance m;
  m.name = "db upgrade";
  m.monitor_id = "0190a0a0-0000-7000-8000-000000000000";
  m.starts_at_us = at("2026-11-02T02:00:00Z");
  EXPECT_TRUE(validate(m).empty());
  m.project_id = m.monitor_id;  // both
  m.duration_s = 10;
  m.recurrence = rule("FREQ=WEEKLY;BYDAY=TU");
  std::vector<std::string> fields;
  for (const FieldError& e : validate(m)) {
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"project_id", "duration", "rrule"}));
}

TEST(Maintenance, exclude_windows_counts_the_time_inside_apart) {
  const StateSpan down{"m", 0, 100, MonitorState::kDown, std::nullopt};
  // Two overlapping windows, 20-40 and 30-50, and one at 90-200.
  const auto parts = exclude_windows({down}, {{90, 200}, {30, 50}, {20, 40}});
  std::vector<std::tuple<std::int64_t, std::int64_t, bool>> got;
  for (const StateSpan& s : parts) {
    got.emplace_back(s.from_us, s.to_us, s.maintenance);
    EXPECT_EQ(s.state, MonitorState::kDown);
  }
  EXPECT_EQ(got, (std::vector<std::tuple<std::int64_t, std::int64_t, bool>>{
                     {0, 20, false}, {20, 50, true}, {50, 90, false}, {90, 100, true}}));
  // Time moving from up to down: inside a window it was never up, so it is not moved.
  const StateSpan moved{"m", 0, 100, MonitorState::kDown, MonitorState::kUp};
  const auto kept = exclude_windows({moved}, {{0, 60}});
  ASSERT_EQ(kept.size(), 1U);
  EXPECT_EQ(kept[0].from_us, 60);
  EXPECT_FALSE(kept[0].maintenance);
  EXPECT_EQ(exclude_windows({down}, {}), std::vector<StateSpan>{down});
}

TEST(Maintenance, rollups_leave_the_maintenance_out_of_uptime_and_latency) {
  RollupDelta delta;
  CheckResult inside;
  inside.monitor_id = "m";
  inside.state = CheckState::kDown;
  inside.maintenance = true;
  CheckResult outside = inside;
  outside.state = CheckState::kUp;
  outside.maintenance = false;
  outside.timings.total_us = 5000;
  add_result(delta, inside);
  add_result(delta, outside);
  for (const StateSpan& s : exclude_windows(
           {{"m", 0, 60'000'000, MonitorState::kDown, std::nullopt}}, {{0, 45'000'000}})) {
    add_span(delta, s);
  }
  const Rollup& minute = delta.at({"m", Resolution::kMinute, 0});
  EXPECT_EQ(minute.checks, 2);
  EXPECT_EQ(minute.maintenance, 1);
  EXPECT_EQ(minute.counted_checks(), 1);
  EXPECT_EQ(minute.down, 0);
  EXPECT_EQ(minute.up, 1);
  EXPECT_EQ(minute.latency.count_at_most(10), 1U);
  EXPECT_EQ(minute.maintenance_ms, 45'000);
  EXPECT_EQ(minute.down_ms, 15'000);
  EXPECT_EQ(minute.uptime(), 0.0);  // the 15 s outside the window were all down
}

}  // namespace
}  // namespace vitrine::domain
