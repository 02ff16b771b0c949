#include "net/address_range.hpp"

#include <gtest/gtest.h>

namespace vitrine::net {
namespace {

bool in(std::string_view range, std::string_view address) {
  const auto r = AddressRange::parse(range);
  const auto a = Address::parse(address);
  EXPECT_TRUE(r.has_value()) << range;
  EXPECT_TRUE(a.has_value()) << address;
  return r && a && r->contains(*a);
}

TEST(AddressRange, Ipv4PrefixHoldsItsAddressesOnly) {
  EXPECT_TRUE(in("10.0.0.0/8", "10.255.1.2"));
  EXPECT_FALSE(in("10.0.0.0/8", "11.0.0.0"));
  EXPECT_TRUE(in("172.16.0.0/12", "172.31.255.255"));
  EXPECT_FALSE(in("172.16.0.0/12", "172.32.0.0"));
  EXPECT_TRUE(in("192.168.1.128/25", "192.168.1.200"));
  EXPECT_FALSE(in("192.168.1.128/25", "192.168.1.127"));
}

TEST(AddressRange, SingleAddressIsAFullLengthPrefix) {
  EXPECT_TRUE(in("127.0.0.1", "127.0.0.1"));
  EXPECT_FALSE(in("127.0.0.1", "127.0.0.2"));
  EXPECT_TRUE(in("::1", "::1"));
  EXPECT_FALSE(in("::1", "::2"));
}

TEST(AddressRange, ZeroPrefixHoldsEveryAddressOfItsFamily) {
  EXPECT_TRUE(in("0.0.0.0/0", "203.0.113.9"));
  EXPECT_FALSE(in("0.0.0.0/0", "2001:db8::1"));
  EXPECT_TRUE(in("::/0", "2001:db8::1"));
}

TEST(AddressRange, Ipv6Prefixes) {
  EXPECT_TRUE(in("fd00::/8", "fd12:3456::1"));
  EXPECT_FALSE(in("fd00::/8", "fe80::1"));
  EXPECT_TRUE(in("2001:db8:abcd::/48", "2001:db8:abcd:12::1"));
  EXPECT_FALSE(in("2001:db8:abcd::/48", "2001:db8:abce::1"));
}

TEST(AddressRange, Ipv4MappedIpv6IsTheSameAddress) {
  EXPECT_TRUE(in("10.0.0.0/8", "::ffff:10.1.2.3"));
  EXPECT_TRUE(in("::ffff:10.0.0.0/104", "10.1.2.3"));
}

TEST(AddressRange, RefusesMalformedRanges) {
  for (const char* bad :
       {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8x", "10.0.0.0/-1", "10.0.0.1/8",
        "fd00::1/8", "example.com", "10.0.0", "10.0.0.0/0008", "1.2.3.4 "}) {
    EXPECT_FALSE(AddressRange::parse(bad).has_value()) << bad;
  }
}

TEST(AddressRange, AnyContainsChecksEveryRange) {
  const std::vector<AddressRange> ranges{*AddressRange::parse("10.0.0.0/8"),
                                         *AddressRange::parse("::1")};
  EXPECT_TRUE(any_contains(ranges, *Address::parse("::1")));
  EXPECT_TRUE(any_contains(ranges, *Address::parse("10.9.9.9")));
  EXPECT_FALSE(any_contains(ranges, *Address::parse("192.0.2.1")));
  EXPECT_FALSE(any_contains({}, *Address::parse("10.9.9.9")));
}

}  // namespace
}  // namespace vitrine::net
