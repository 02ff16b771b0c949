// The recurrence subset against calendars worked out by hand (2026-11-02 is a Monday).
#include "domain/recurrence.hpp"

#include <gtest/gtest.h>

#include "util/time.hpp"

namespace vitrine::domain {
namespace {

std::int64_t at(const char* text) { return util::parse_rfc3339(text).value(); }

std::vector<std::string> texts(const std::vector<std::int64_t>& times) {
  std::vector<std::string> out;
  out.reserve(times.size());
  for (const std::int64_t t : times) {
    out.push_back(util::rfc3339_ms(t));
  }
  return out;
}

Recurrence rule(const char* text) {
  std::string error;
  auto r = parse_rrule(text, error);
  EXPECT_TRUE(r.has_value()) << text << ": " << error;
  return r.value_or(Recurrence{});
}

using Times = std::vector<std::string>;

TEST(Recurrence, daily_every_other_day) {
  EXPECT_EQ(texts(occurrences(at("2026-11-02T02:00:00Z"), rule("FREQ=DAILY;INTERVAL=2"),
                              at("2026-11-02T00:00:00Z"), at("2026-11-09T00:00:00Z"))),
            (Times{"2026-11-02T02:00:00.000Z", "2026-11-04T02:00:00.000Z",
                   "2026-11-06T02:00:00.000Z", "2026-11-08T02:00:00.000Z"}));
}

TEST(Recurrence, weekly_on_listed_days_every_other_week) {
  const std::int64_t first = at("2026-11-02T02:00:00Z");
  EXPECT_EQ(
      texts(occurrences(first, rule("FREQ=WEEKLY;BYDAY=MO,WE"), first, at("2026-11-16T00:00:00Z"))),
      (Times{"2026-11-02T02:00:00.000Z", "2026-11-04T02:00:00.000Z", "2026-11-09T02:00:00.000Z",
             "2026-11-11T02:00:00.000Z"}));
  EXPECT_EQ(texts(occurrences(first, rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"), first,
                              at("2026-11-19T00:00:00Z"))),
            (Times{"2026-11-02T02:00:00.000Z", "2026-11-04T02:00:00.000Z",
                   "2026-11-16T02:00:00.000Z", "2026-11-18T02:00:00.000Z"}));
  // Without BYDAY: the first's weekday. A range a year on starts mid-series.
  EXPECT_EQ(texts(occurrences(first, rule("FREQ=WEEKLY"), at("2027-11-01T00:00:00Z"),
                              at("2027-11-09T00:00:00Z"))),
            (Times{"2027-11-01T02:00:00.000Z", "2027-11-08T02:00:00.000Z"}));
}

TEST(Recurrence, count_counts_from_the_first_and_until_is_inclusive) {
  const std::int64_t first = at("2026-11-02T02:00:00Z");
  const std::int64_t far = at("2027-01-01T00:00:00Z");
  EXPECT_EQ(occurrences(first, rule("FREQ=DAILY;COUNT=3"), first, far).size(), 3U);
  // The third event is before `from`: two are left.
  EXPECT_EQ(occurrences(first, rule("FREQ=DAILY;COUNT=4"), at("2026-11-04T03:00:00Z"), far),
            (std::vector<std::int64_t>{at("2026-11-05T02:00:00Z")}));
  EXPECT_EQ(
      texts(occurrences(first, rule("FREQ=DAILY;UNTIL=20261104T020000Z"), first, far)),
      (Times{"2026-11-02T02:00:00.000Z", "2026-11-03T02:00:00.000Z", "2026-11-04T02:00:00.000Z"}));
}

TEST(Recurrence, monthly_skips_months_without_the_day) {
  EXPECT_EQ(
      texts(occurrences(at("2026-01-31T22:00:00Z"), rule("FREQ=MONTHLY"),
                        at("2026-01-01T00:00:00Z"), at("2026-06-01T00:00:00Z"))),
      (Times{"2026-01-31T22:00:00.000Z", "2026-03-31T22:00:00.000Z", "2026-05-31T22:00:00.000Z"}));
}

TEST(Recurrence, no_rule_is_the_first_alone) {
  const std::int64_t first = at("2026-11-02T02:00:00Z");
  EXPECT_EQ(occurrences(first, std::nullopt, first, first + 1).size(), 1U);
  EXPECT_TRUE(occurrences(first, std::nullopt, first + 1, first + 10).empty());
}

TEST(Recurrence, rejects_what_it_does_not_support_and_round_trips_the_rest) {
  for (const char* bad :
       {"", "FREQ=HOURLY", "FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=DAILY;COUNT=2;UNTIL=20261231T000000Z", "FREQ=DAILY;BYDAY=MO", "FREQ=DAILY;BYSETPOS=1",
        "FREQ=DAILY;UNTIL=2026-12-31", "INTERVAL=2", "FREQ=DAILY;COUNT=0", "FREQ"}) {
    std::string error;
    EXPECT_FALSE(parse_rrule(bad, error).has_value()) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
  for (const char* good : {"FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=10",
                           "FREQ=MONTHLY;UNTIL=20271231T235959Z"}) {
    EXPECT_EQ(to_rrule(rule(good)), good);
  }
  EXPECT_FALSE(first_fits(at("2026-11-02T02:00:00Z"), rule("FREQ=WEEKLY;BYDAY=TU")));
  EXPECT_TRUE(first_fits(at("2026-11-02T02:00:00Z"), rule("FREQ=WEEKLY;BYDAY=MO,TU")));
}

}  // namespace
}  // namespace vitrine::domain
