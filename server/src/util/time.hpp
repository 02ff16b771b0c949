#pragma once
// Timestamps as the API shows them.

#include <chrono>
#include <cstdint>
#include <string>

namespace vitrine::util {

// Microseconds since the Unix epoch, UTC: how timestamps are stored.
std::int64_t now_us();
// RFC 3339 UTC with milliseconds: "2026-11-25T20:41:07.123Z".
std::string rfc3339_ms(std::int64_t micros_since_epoch);

}  // namespace vitrine::util
