#include "domain/recurrence.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>

namespace vitrine::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::int64_t kUsPerDay = std::int64_t{86'400} * 1'000'000;
constexpr std::array<std::string_view, 7> kDayNames = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::optional<int> parse_int(std::string_view text, int min, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

// 20261231T235959Z
std::optional<std::int64_t> parse_until(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') {
    return std::nullopt;
  }
  const auto y = parse_int(text.substr(0, 4), 1970, 9999);
  const auto mo = parse_int(text.substr(4, 2), 1, 12);
  const auto d = parse_int(text.substr(6, 2), 1, 31);
  const auto h = parse_int(text.substr(9, 2), 0, 23);
  const auto mi = parse_int(text.substr(11, 2), 0, 59);
  const auto s = parse_int(text.substr(13, 2), 0, 59);
  if (!y || !mo || !d || !h || !mi || !s) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(*y),
                                         std::chrono::month(static_cast<unsigned>(*mo)),
                                         std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) {
    return std::nullopt;
  }
  const std::int64_t day = sys_days(date).time_since_epoch().count();
  return day * kUsPerDay + ((std::int64_t{*h} * 60 + *mi) * 60 + *s) * 1'000'000;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::string format_until(std::int64_t us) {
  const std::int64_t day = floor_div(us, kUsPerDay);
  const std::chrono::year_month_day date{sys_days(days(day))};
  const std::int64_t secs = (us - day * kUsPerDay) / 1'000'000;
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     secs / 3600, secs / 60 % 60, secs % 60);
}

// Monday 0 ... Sunday 6.
int weekday_index(std::int64_t day) {
  return static_cast<int>(std::chrono::weekday(sys_days(days(day))).iso_encoding()) - 1;
}

}  // namespace

std::optional<Recurrence> parse_rrule(std::string_view text, std::string& error) {
  Recurrence r;
  bool has_freq = false;
  while (!text.empty()) {
    const std::size_t semi = text.find(';');
    const std::string_view part = text.substr(0, semi);
    text = semi == std::string_view::npos ? std::string_view() : text.substr(semi + 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      error = fmt::format("'{}' is not NAME=VALUE", part.substr(0, 40));
      return std::nullopt;
    }
    const std::string_view name = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (name == "FREQ") {
      has_freq = true;
      if (value == "DAILY") {
        r.frequency = Frequency::kDaily;
      } else if (value == "WEEKLY") {
        r.frequency = Frequency::kWeekly;
      } else if (value == "MONTHLY") {
        r.frequency = Frequency::kMonthly;
      } else {
        error = "FREQ must be DAILY, WEEKLY or MONTHLY";
        return std::nullopt;
      }
    } else if (name == "INTERVAL") {
      const auto n = parse_int(value, 1, kMaxRecurrenceInterval);
      if (!n) {
        error = fmt::format("INTERVAL must be 1 to {}", kMaxRecurrenceInterval);
        return std::nullopt;
      }
      r.interval = *n;
    } else if (name == "COUNT") {
      const auto n = parse_int(value, 1, kMaxRecurrenceCount);
      if (!n) {
        error = fmt::format("COUNT must be 1 to {}", kMaxRecurrenceCount);
        return std::nullopt;
      }
      r.count = *n;
    } else if (name == "UNTIL") {
      r.until_us = parse_until(value);
      if (!r.until_us) {
        error = "UNTIL must be a UTC date-time such as 20261231T235959Z";
        return std::nullopt;
      }
    } else if (name == "BYDAY") {
      std::string_view days_text = value;
      while (!days_text.empty()) {
        const std::size_t comma = days_text.find(',');
        const std::string_view day = days_text.substr(0, comma);
        days_text =
            comma == std::string_view::npos ? std::string_view() : days_text.substr(comma + 1);
        std::size_t i = 0;
        while (i < kDayNames.size() && kDayNames[i] != day) {
          ++i;
        }
        if (i == kDayNames.size()) {
          error = "BYDAY must list MO, TU, WE, TH, FR, SA, SU";
          return std::nullopt;
        }
        r.weekdays = static_cast<std::uint8_t>(r.weekdays | (1U << i));
      }
      if (r.weekdays == 0) {
        error = "BYDAY must list MO, TU, WE, TH, FR, SA, SU";
        return std::nullopt;
      }
    } else {
      error = fmt::format("'{}' is not supported: FREQ, INTERVAL, BYDAY, COUNT and UNTIL are",
                          name.substr(0, 40));
      return std::nullopt;
    }
  }
  if (!has_freq) {
    error = "FREQ is required";
    return std::nullopt;
  }
  if (r.weekdays != 0 && r.frequency != Frequency::kWeekly) {
    error = "BYDAY is supported with FREQ=WEEKLY only";
    return std::nullopt;
  }
  if (r.count && r.until_us) {
    error = "COUNT and UNTIL exclude each other";
    return std::nullopt;
  }
  return r;
}

std::string to_rrule(const Recurrence& r) {
  std::string out = r.frequency == Frequency::kDaily    ? "FREQ=DAILY"
                    : r.frequency == Frequency::kWeekly ? "FREQ=WEEKLY"
                                                        : "FREQ=MONTHLY";
  if (r.interval != 1) {
    out += fmt::format(";INTERVAL={}", r.interval);
  }
  if (r.weekdays != 0) {
    out += ";BYDAY=";
    bool first = true;
    for (std::size_t i = 0; i < kDayNames.size(); ++i) {
      if ((r.weekdays & (1U << i)) != 0) {
        out += (first ? "" : ",") + std::string(kDayNames[i]);
        first = false;
      }
    }
  }
  if (r.count) {
    out += fmt::format(";COUNT={}", *r.count);
  }
  if (r.until_us) {
    out += ";UNTIL=" + format_until(*r.until_us);
  }
  return out;
}

bool first_fits(std::int64_t first_us, const Recurrence& rule) {
  return rule.weekdays == 0 ||
         (rule.weekdays & (1U << weekday_index(floor_div(first_us, kUsPerDay)))) != 0;
}

std::vector<std::int64_t> occurrences(std::int64_t first_us, const std::optional<Recurrence>& rule,
                                      std::int64_t from_us, std::int64_t to_us, std::size_t limit) {
  std::vector<std::int64_t> out;
  if (!rule) {
    if (first_us >= from_us && first_us < to_us) {
      out.push_back(first_us);
    }
    return out;
  }
  const Recurrence& r = *rule;
  const std::int64_t first_day = floor_div(first_us, kUsPerDay);
  const std::int64_t time_of_day = first_us - first_day * kUsPerDay;
  const std::int64_t end_us = r.until_us ? std::min(to_us, *r.until_us + 1) : to_us;
  int seen = 0;  // events of the series so far, for COUNT
  // Every candidate day from the first in order: at most a few thousand a series (the
  // window's end is near the present, maintenance begins after 2000), each one test.
  const auto emit = [&](std::int64_t start) {
    if (start >= end_us || (r.count && seen >= *r.count)) {
      return false;
    }
    ++seen;
    if (start >= from_us) {
      out.push_back(start);
    }
    return out.size() < limit;
  };
  if (r.frequency == Frequency::kMonthly) {
    const std::chrono::year_month_day first{sys_days(days(first_day))};
    for (int k = 0;; k += r.interval) {
      const auto ym = std::chrono::year_month(first.year(), first.month()) + std::chrono::months(k);
      const std::chrono::year_month_day date{ym.year(), ym.month(), first.day()};
      if (!date.ok()) {
        continue;  // no such day this month
      }
      const std::int64_t start =
          sys_days(date).time_since_epoch().count() * kUsPerDay + time_of_day;
      if (!emit(start)) {
        break;
      }
    }
    return out;
  }
  const std::uint8_t weekdays =
      r.weekdays != 0 ? r.weekdays : static_cast<std::uint8_t>(1U << weekday_index(first_day));
  const std::int64_t first_monday = first_day - weekday_index(first_day);
  for (std::int64_t day = first_day;; ++day) {
    bool on = false;
    if (r.frequency == Frequency::kDaily) {
      on = (day - first_day) % r.interval == 0;
    } else {
      const std::int64_t week = (day - first_monday) / 7;
      on = week % r.interval == 0 && (weekdays & (1U << weekday_index(day))) != 0;
    }
    if (on && !emit(day * kUsPerDay + time_of_day)) {
      break;
    }
    if (day * kUsPerDay >= end_us) {
      break;
    }
  }
  return out;
}

}  // namespace vitrine::domain
