#include "net/url_parts.hpp"

#include <gtest/gtest.h>

namespace vitrine::net {

TEST(UrlParts, keeps_scheme_host_port_and_path_but_never_userinfo_or_query) {
  const auto parts = url_parts("https://ada:s3cret@status.example.org/health?token=abc#x");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "status.example.org");
  EXPECT_EQ(parts->port, 443);
  EXPECT_EQ(parts->path, "/health");
  EXPECT_EQ(parts->redacted(), "https://status.example.org:443/health");
}

TEST(UrlParts, names_an_explicit_port_and_brackets_ipv6_hosts) {
  const auto parts = url_parts("http://[::1]:8080");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->host, "::1");
  EXPECT_EQ(parts->port, 8080);
  EXPECT_EQ(parts->redacted(), "http://[::1]:8080/");
}

TEST(UrlParts, rejects_what_is_not_an_absolute_url) {
  EXPECT_FALSE(url_parts("not a url"));
  EXPECT_FALSE(url_parts(""));
}

}  // namespace vitrine::net
