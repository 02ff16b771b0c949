#include "obs/ids.hpp"

#include <array>
#include <random>

namespace vitrine::obs {
namespace {

// xoshiro256**: small state, fast, good statistical quality.
class Xoshiro256 {
 public:
  Xoshiro256() {
    std::random_device rd;
    for (auto& word : s_) {
      word = (static_cast<std::uint64_t>(rd()) << 32U) ^ rd();
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17U;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace

std::uint64_t random_u64() {
  thread_local Xoshiro256 generator;
  return generator.next();
}

std::string random_hex(std::size_t bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out(bytes * 2, '0');
  bool all_zero = true;
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < bytes; ++i) {
    if (i % 8 == 0) {
      word = random_u64();
    }
    const auto byte = static_cast<unsigned>(word & 0xFFU);
    word >>= 8U;
    all_zero = all_zero && byte == 0;
    out[2 * i] = kDigits[byte >> 4U];
    out[2 * i + 1] = kDigits[byte & 0xFU];
  }
  if (all_zero && bytes > 0) {
    out.back() = '1';  // W3C forbids all-zero trace and span ids
  }
  return out;
}

}  // namespace vitrine::obs
