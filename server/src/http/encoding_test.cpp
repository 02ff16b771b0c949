// Which Accept-Encoding headers let a gzip-compressed body through (RFC 9110 §12.5.3).
#include "http/encoding.hpp"

#include <gtest/gtest.h>

namespace vitrine::http {
namespace {

TEST(AcceptsGzip, takes_gzip_unless_its_quality_is_zero) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.001"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000, identity"));
  EXPECT_FALSE(accepts_gzip("gzipped, notgzip"));  // codings are whole tokens
}

}  // namespace
}  // namespace vitrine::http
