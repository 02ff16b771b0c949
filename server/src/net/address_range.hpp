#pragma once
// IP address ranges in CIDR notation ("10.0.0.0/8", "fd00::/8", or one address), as the
// trusted-proxy setting lists them (VITRINE_TRUSTED_PROXIES, docs/deploy.md).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrine::net {

// An IPv4 or IPv6 address as 16 bytes; IPv4 is kept as the IPv4-mapped IPv6 address
// (::ffff:a.b.c.d), so "10.0.0.1" and "::ffff:10.0.0.1" are the same address.
struct Address {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;  // written in dotted IPv4 form: a range's prefix then counts 32 bits

  static std::optional<Address> parse(std::string_view text);
};

class AddressRange {
 public:
  // "a.b.c.d", "a.b.c.d/n" (n 0-32), an IPv6 address, or "v6/n" (n 0-128). Host bits set
  // below the prefix are refused ("10.0.0.1/8"): a typo more often than an intent.
  static std::optional<AddressRange> parse(std::string_view text);

  [[nodiscard]] bool contains(const Address& address) const;
  [[nodiscard]] std::string to_string() const { return text_; }

 private:
  Address base_;
  unsigned prefix_ = 0;  // in bits of the 128-bit form
  std::string text_;
};

// Whether any range holds the address.
bool any_contains(const std::vector<AddressRange>& ranges, const Address& address);

}  // namespace vitrine::net
