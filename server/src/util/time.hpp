#pragma once
// Timestamps as the API shows them.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vitrine::util {

// Microseconds since the Unix epoch, UTC: how timestamps are stored.
std::int64_t now_us();
// RFC 3339 UTC with milliseconds: "2026-11-25T20:41:07.123Z".
std::string rfc3339_ms(std::int64_t micros_since_epoch);
// An RFC 3339 date-time ("2026-11-25T20:41:07Z", "...07.123456+01:00"; 'T' or 't', 'Z' or
// 'z'; up to 6 fraction digits kept, more ignored) as microseconds since the epoch; nullopt
// when malformed or out of range (years 1970 to 9999).
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

}  // namespace vitrine::util
