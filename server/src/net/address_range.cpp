#include "net/address_range.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace vitrine::net {
namespace {

constexpr unsigned kV4MappedBits = 96;  // ::ffff:0:0/96 holds the IPv4 addresses

}  // namespace

std::optional<Address> Address::parse(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) {
    return std::nullopt;
  }
  const std::string s(text);
  Address a;
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    a.bytes[10] = 0xff;
    a.bytes[11] = 0xff;
    std::memcpy(&a.bytes[12], &v4, 4);
    a.v4 = true;
    return a;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(a.bytes.data(), &v6, 16);
    return a;
  }
  return std::nullopt;
}

std::optional<AddressRange> AddressRange::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  const auto address = Address::parse(text.substr(0, slash));
  if (!address) {
    return std::nullopt;
  }
  const unsigned width = address->v4 ? 32 : 128;
  unsigned prefix = width;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, prefix);
    if (digits.empty() || digits.size() > 3 || ec != std::errc() || ptr != end || prefix > width) {
      return std::nullopt;
    }
  }
  AddressRange range;
  range.base_ = *address;
  range.prefix_ = address->v4 ? kV4MappedBits + prefix : prefix;
  range.text_ = std::string(text);
  // Host bits below the prefix must be zero.
  for (unsigned bit = range.prefix_; bit < 128; ++bit) {
    if ((range.base_.bytes.at(bit / 8) >> (7 - bit % 8) & 1U) != 0) {
      return std::nullopt;
    }
  }
  return range;
}

bool AddressRange::contains(const Address& address) const {
  unsigned bit = 0;
  for (; bit + 8 <= prefix_; bit += 8) {
    if (address.bytes.at(bit / 8) != base_.bytes.at(bit / 8)) {
      return false;
    }
  }
  if (bit < prefix_) {
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - (prefix_ - bit)));
    if ((address.bytes.at(bit / 8) & mask) != (base_.bytes.at(bit / 8) & mask)) {
      return false;
    }
  }
  return true;
}

bool any_contains(const std::vector<AddressRange>& ranges, const Address& address) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const AddressRange& r) { return r.contains(address); });
}

}  // namespace vitrine::net
