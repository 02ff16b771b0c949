#pragma once
// Random identifiers for correlation: request ids, W3C trace and span ids.

#include <cstddef>
#include <cstdint>
#include <string>

namespace vitrine::obs {

// A uniformly random 64-bit value from a per-thread generator seeded by std::random_device.
// Fast and unpredictable enough for correlation ids; never use it for secrets.
std::uint64_t random_u64();

// `bytes` random bytes as lowercase hex (2 * bytes characters), never all zeros.
std::string random_hex(std::size_t bytes);

}  // namespace vitrine::obs
