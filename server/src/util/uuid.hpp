#pragma once
// Identifiers for stored resources.

#include <chrono>
#include <string>

namespace vitrine::util {

// A UUIDv7 (RFC 9562) in canonical lowercase text: 48-bit Unix milliseconds, 12 bits of
// the millisecond's fraction, then 62 random bits from a per-thread generator seeded by
// the OS. Ids sort by creation time, to the microsecond.
std::string uuid_v7(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace vitrine::util
