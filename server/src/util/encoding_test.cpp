#include <gtest/gtest.h>

#include <set>

#include "util/base64.hpp"
#include "util/digest.hpp"
#include "util/text.hpp"
#include "util/time.hpp"
#include "util/uuid.hpp"

namespace vitrine::util {
namespace {

TEST(Base64Url, matches_rfc4648_vectors_without_padding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Digest, sha256_and_hmac_match_published_vectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test cases 2 (short key) and 6 (a key longer than the block, hashed first).
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Base64Url, round_trips_and_rejects_garbage) {
  for (std::string s : {"", "a", "ab", "abc", "\x00\x01\xff"}) {
    EXPECT_EQ(base64url_decode(base64url_encode(s)), s);
  }
  EXPECT_FALSE(base64url_decode("Zg=="));   // padding is not part of the alphabet
  EXPECT_FALSE(base64url_decode("Z"));      // impossible length
  EXPECT_FALSE(base64url_decode("Zh"));     // non-zero leftover bits: not canonical
  EXPECT_FALSE(base64url_decode("Zm9v+"));  // standard alphabet
}

TEST(Utf8, accepts_well_formed_and_rejects_the_rest) {
  EXPECT_TRUE(valid_utf8("plain"));
  EXPECT_TRUE(valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(valid_utf8("\xff"));
  EXPECT_FALSE(valid_utf8("\xc3"));              // truncated
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Uuid, v7_has_version_variant_and_time_order) {
  const auto t =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'000));
  const std::string a = uuid_v7(t);
  ASSERT_EQ(a.size(), 36U);
  EXPECT_EQ(a[14], '7');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);
  EXPECT_EQ(a.substr(0, 13), "018bcfe5-6800");  // 1'700'000'000'000 ms in hex
  EXPECT_LT(a, uuid_v7(t + std::chrono::milliseconds(1)));
  // Within a millisecond too: the fraction sits in rand_a.
  EXPECT_LT(uuid_v7(t + std::chrono::microseconds(10)), uuid_v7(t + std::chrono::microseconds(20)));
  EXPECT_EQ(uuid_v7(t + std::chrono::microseconds(500)).substr(14, 4), "7800");
  std::set<std::string> many;
  for (int i = 0; i < 1000; ++i) {
    many.insert(uuid_v7(t));
  }
  EXPECT_EQ(many.size(), 1000U);
}

TEST(Time, rfc3339_with_milliseconds_in_utc) {
  EXPECT_EQ(rfc3339_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_ms(1'764'103'627'123'456), "2025-11-25T20:47:07.123Z");
}

TEST(Time, parses_rfc3339_with_fractions_and_offsets) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2025-11-25T20:47:07.123456Z"), 1'764'103'627'123'456);
  EXPECT_EQ(parse_rfc3339("2025-11-25t20:47:07.1z"), 1'764'103'627'100'000);
  EXPECT_EQ(parse_rfc3339("2025-11-25T21:47:07+01:00"), 1'764'103'627'000'000);
  EXPECT_EQ(parse_rfc3339("2025-11-25T19:17:07-01:30"), 1'764'103'627'000'000);
  // A round trip through the formatter.
  EXPECT_EQ(parse_rfc3339(rfc3339_ms(1'764'103'627'123'000)), 1'764'103'627'123'000);
  for (const char* bad :
       {"", "2025-11-25", "2025-11-25T20:47:07", "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z",
        "2025-11-25T24:00:00Z", "2025-11-25T20:47:07.Z", "2025-11-25T20:47:07+0100",
        "2025-11-25 20:47:07Z", "1969-12-31T23:59:59Z", "2025-11-25T20:47:07Zjunk",
        "２０２５-11-25T20:47:07Z"}) {
    EXPECT_EQ(parse_rfc3339(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace vitrine::util
