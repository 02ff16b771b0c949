#include "util/uuid.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace vitrine::util {

std::string uuid_v7(std::chrono::system_clock::time_point now) {
  // A per-thread generator seeded from the OS: ids must be unique and hard to guess, not
  // secret, and a system call per id showed up in the write path's profile.
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   (static_cast<std::uint64_t>(std::random_device{}()) << 32U)};
  std::array<std::uint8_t, 16> b{};
  for (std::size_t i = 6; i < b.size(); i += 8) {
    const std::uint64_t r = rng();
    for (std::size_t k = 0; k < 8 && i + k < b.size(); ++k) {
      b.at(i + k) = static_cast<std::uint8_t>(r >> (8U * k));
    }
  }
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  for (int i = 0; i < 6; ++i) {
    b.at(static_cast<std::size_t>(i)) =
        static_cast<std::uint8_t>(ms >> (8U * (5U - static_cast<unsigned>(i))));
  }
  // rand_a carries the fraction of the millisecond in 12 bits (RFC 9562 §6.2, method 3),
  // so ids made in one process sort in creation order to the microsecond, not only to the
  // millisecond (audit records, read newest first by id).
  const auto sub_ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count() %
      1'000'000);
  const auto fraction = static_cast<unsigned>(sub_ms * 4096 / 1'000'000);
  b[6] = static_cast<std::uint8_t>(0x70U | (fraction >> 8U));  // version 7
  b[7] = static_cast<std::uint8_t>(fraction & 0xFFU);
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3FU) | 0x80U);  // variant 10
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out.push_back('-');
    }
    out.push_back(kHex[b[i] >> 4U]);
    out.push_back(kHex[b[i] & 0x0FU]);
  }
  return out;
}

}  // namespace vitrine::util
