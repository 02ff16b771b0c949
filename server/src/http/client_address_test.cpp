#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace vitrine::http {
namespace {

std::vector<net::AddressRange> ranges(std::initializer_list<const char*> texts) {
  std::vector<net::AddressRange> out;
  for (const char* t : texts) {
    out.push_back(*net::AddressRange::parse(t));
  }
  return out;
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClient) {
  EXPECT_EQ(client_address("10.0.0.5", {"203.0.113.7"}, {}), "10.0.0.5");
}

TEST(ClientAddress, AnUntrustedPeerCannotClaimAnotherAddress) {
  EXPECT_EQ(client_address("198.51.100.4", {"203.0.113.7"}, ranges({"10.0.0.0/8"})),
            "198.51.100.4");
}

TEST(ClientAddress, TrustedPeerForwardsTheClient) {
  EXPECT_EQ(client_address("10.0.0.5", {"203.0.113.7"}, ranges({"10.0.0.0/8"})), "203.0.113.7");
}

TEST(ClientAddress, SpoofedLeftmostEntriesAreIgnored) {
  // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the real address.
  EXPECT_EQ(client_address("10.0.0.5", {"1.2.3.4, 203.0.113.7"}, ranges({"10.0.0.0/8"})),
            "203.0.113.7");
}

TEST(ClientAddress, TrustedHopsAreSkippedRightToLeft) {
  EXPECT_EQ(
      client_address("10.0.0.5", {"203.0.113.7,10.1.1.1", "10.2.2.2"}, ranges({"10.0.0.0/8"})),
      "203.0.113.7");
}

TEST(ClientAddress, AllTrustedGivesTheLeftmostHop) {
  EXPECT_EQ(client_address("10.0.0.5", {"10.3.3.3, 10.1.1.1"}, ranges({"10.0.0.0/8"})), "10.3.3.3");
}

TEST(ClientAddress, StopsAtAnEntryThatIsNotAnAddress) {
  EXPECT_EQ(client_address("10.0.0.5", {"203.0.113.7, unknown, 10.1.1.1"}, ranges({"10.0.0.0/8"})),
            "10.1.1.1");
  EXPECT_EQ(client_address("10.0.0.5", {"garbage"}, ranges({"10.0.0.0/8"})), "10.0.0.5");
}

TEST(ClientAddress, NoHeaderLeavesThePeer) {
  EXPECT_EQ(client_address("::1", {}, ranges({"::1"})), "::1");
  EXPECT_EQ(client_address("::1", {""}, ranges({"::1"})), "::1");
}

TEST(ClientAddress, Ipv6Hops) {
  EXPECT_EQ(client_address("::1", {" 2001:db8::7 "}, ranges({"::1"})), "2001:db8::7");
}

}  // namespace
}  // namespace vitrine::http
