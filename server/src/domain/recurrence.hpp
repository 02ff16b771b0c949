#pragma once
// When a series of events repeats: the subset of RFC 5545 recurrence rules that
// maintenance windows need, in UTC. FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL (1-1000), BYDAY for
// WEEKLY (MO..SU; default: the first event's weekday), COUNT (1-10000) or UNTIL (a UTC
// date-time, 20261231T235959Z). MONTHLY repeats on the first event's day of the month and
// skips months without it (the 31st), as RFC 5545 says. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrine::domain {

enum class Frequency : std::uint8_t { kDaily, kWeekly, kMonthly };

struct Recurrence {
  Frequency frequency = Frequency::kWeekly;
  int interval = 1;
  std::uint8_t weekdays = 0;  // WEEKLY: bit 0 Monday ... bit 6 Sunday; 0: the first's
  std::optional<int> count;
  std::optional<std::int64_t> until_us;
  bool operator==(const Recurrence&) const = default;
};

inline constexpr int kMaxRecurrenceInterval = 1000;
inline constexpr int kMaxRecurrenceCount = 10'000;

// The rule, or what is wrong with it (in `error`, naming the part).
std::optional<Recurrence> parse_rrule(std::string_view text, std::string& error);
// The canonical text: FREQ first, then INTERVAL, BYDAY, COUNT, UNTIL as set.
std::string to_rrule(const Recurrence& rule);

// False when the rule's BYDAY leaves out the first event's weekday (the first event is
// always one of the series, so it must be one of its days).
bool first_fits(std::int64_t first_us, const Recurrence& rule);

// The starts of the series beginning at `first_us` (the first event, itself one) that fall
// in [from_us, to_us), in order, at most `limit`. No rule: the first alone.
std::vector<std::int64_t> occurrences(std::int64_t first_us, const std::optional<Recurrence>& rule,
                                      std::int64_t from_us, std::int64_t to_us,
                                      std::size_t limit = 1000);

}  // namespace vitrine::domain
